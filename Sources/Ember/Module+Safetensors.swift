import EmberBackend
import EmberCore
import EmberIO

/// One way a checkpoint's tensors differ from a module's parameters.
public enum CheckpointMismatch: Equatable, Sendable, CustomStringConvertible {
    /// The module has a parameter the file lacks.
    case missing(name: String, shape: [Int])
    /// The file has a tensor the module has no parameter for.
    case unexpected(name: String, shape: [Int])
    /// The tensor and the parameter have different shapes.
    case shape(name: String, expected: [Int], found: [Int])
    /// The tensor's element type is not the module's (F32 for `Float`, F64 for `Double`).
    case dtype(name: String, expected: SafetensorsDType, found: SafetensorsDType)

    public var description: String {
        switch self {
        case let .missing(name, shape): "missing '\(name)' (shape \(shape))"
        case let .unexpected(name, shape): "unexpected '\(name)' (shape \(shape))"
        case let .shape(name, expected, found): "'\(name)' has shape \(found), the model needs \(expected)"
        case let .dtype(name, expected, found): "'\(name)' is \(found.rawValue), the model needs \(expected.rawValue)"
        }
    }
}

/// Why a module's parameters could not be saved to or loaded from a safetensors checkpoint. Each description is
/// one line.
public enum CheckpointError: Error, Equatable, Sendable, CustomStringConvertible {
    /// The file is missing, unreadable, truncated or corrupt (`reason` says which).
    case unreadable(path: String, reason: SafetensorsError)
    /// The file could not be written.
    case unwritable(path: String, reason: SafetensorsError)
    /// The file is valid, but its tensors do not fit the module; every mismatch is listed, in name order.
    case mismatch(path: String, mismatches: [CheckpointMismatch])

    public var description: String {
        switch self {
        case let .unreadable(path, reason):
            switch reason {
            case .fileNotFound: "no checkpoint at '\(path)'"
            case .unreadableFile: "cannot read the checkpoint: \(reason)"
            default: "'\(path)' is not a valid safetensors checkpoint (truncated or corrupt): \(reason)"
            }
        case let .unwritable(_, reason):
            "cannot save the checkpoint: \(reason)"
        case let .mismatch(path, mismatches):
            "the checkpoint '\(path)' does not fit the model (\(mismatches.count) "
                + (mismatches.count == 1 ? "mismatch" : "mismatches") + "): "
                + mismatches.map(\.description).joined(separator: "; ")
        }
    }
}

extension Module {
    /// The safetensors dtype of this module's scalars: F32 for `Float`, F64 for `Double`.
    static var checkpointDType: SafetensorsDType { MemoryLayout<Scalar>.size == 4 ? .f32 : .f64 }

    /// Every parameter and buffer as a safetensors entry under its dotted name (`namedState()`), like
    /// `state_dict()`. Buffers keep the module's scalar type (BatchNorm's `num_batches_tracked` is F32 in a `Float`
    /// module, where PyTorch has int64; `load_state_dict` converts it).
    public func parameterEntries() -> [String: SafetensorsEntry] {
        var entries: [String: SafetensorsEntry] = [:]
        for (name, tensor) in namedState() {
            // The values always fit the shape, so this cannot fail.
            entries[name] = try! SafetensorsEntry(shape: tensor.shape, values: tensor.scalars)
        }
        return entries
    }

    /// Writes every parameter and buffer to a safetensors file that Python's `safetensors.torch.load_file` reads (F32 tensors
    /// for a `Float` module), atomically: a failed save leaves no partial file.
    ///
    /// ```swift
    /// let model = Sequential<Float>(Linear(1, 4), Tanh(), Linear(4, 1))
    /// try model.saveParameters(to: "model.safetensors")
    /// try model.loadParameters(from: "model.safetensors")
    /// ```
    /// - Parameters:
    ///   - path: the file to write; an existing file is replaced.
    ///   - metadata: strings stored as the file's `__metadata__`.
    /// - Throws: `CheckpointError.unwritable`.
    public func saveParameters(to path: String, metadata: [String: String] = [:]) throws(CheckpointError) {
        do {
            try Safetensors.write(parameterEntries(), to: path, metadata: metadata)
        } catch let error as SafetensorsError {
            throw .unwritable(path: path, reason: error)
        } catch {
            throw .unwritable(path: path, reason: .cannotWrite(path: path, reason: "\(error)"))
        }
    }

    /// Reads a safetensors file and copies its tensors into the parameters and buffers of the same names, like
    /// `load_state_dict(strict=True)`. Nothing is changed unless every name, shape and dtype matches.
    ///
    /// - Returns: the file's `__metadata__` strings.
    /// - Throws: `CheckpointError.unreadable` for a missing, truncated or corrupt file, and
    ///   `CheckpointError.mismatch` listing every missing or unexpected name and every shape or dtype mismatch.
    @discardableResult
    public func loadParameters(from path: String) throws(CheckpointError) -> [String: String] {
        let archive: SafetensorsArchive
        do {
            archive = try Safetensors.read(path: path)
        } catch let error as SafetensorsError {
            throw .unreadable(path: path, reason: error)
        } catch {
            throw .unreadable(path: path, reason: .unreadableFile(path: path, reason: "\(error)"))
        }
        try loadParameters(from: archive, path: path)
        return archive.metadata
    }

    /// Copies `archive`'s tensors into the parameters of the same names; `path` only names the source in errors.
    ///
    /// - Throws: `CheckpointError.mismatch` listing every mismatch; the parameters are unchanged then.
    public func loadParameters(from archive: SafetensorsArchive, path: String = "<memory>") throws(CheckpointError) {
        let named = namedState()
        let dtype = Self.checkpointDType
        var mismatches: [CheckpointMismatch] = []
        let parameterNames = Set(named.map(\.name))
        for (name, tensor) in named {
            guard let entry = archive.tensors[name] else {
                mismatches.append(.missing(name: name, shape: tensor.shape))
                continue
            }
            if entry.shape != tensor.shape {
                mismatches.append(.shape(name: name, expected: tensor.shape, found: entry.shape))
            }
            if entry.dtype != dtype {
                mismatches.append(.dtype(name: name, expected: dtype, found: entry.dtype))
            }
        }
        for (name, entry) in archive.tensors where !parameterNames.contains(name) {
            mismatches.append(.unexpected(name: name, shape: entry.shape))
        }
        guard mismatches.isEmpty else {
            throw .mismatch(path: path, mismatches: mismatches.sorted { $0.sortKey < $1.sortKey })
        }
        for (name, tensor) in named {
            let values: [Scalar] = archive.tensors[name]!.values()
            tensor.withUnsafeMutableBufferPointer { _ = $0.update(fromContentsOf: values) }
        }
    }
}

extension CheckpointMismatch {
    /// Orders mismatches by name, then missing, unexpected, shape, dtype.
    fileprivate var sortKey: String {
        switch self {
        case let .missing(name, _): name + "\u{0}0"
        case let .unexpected(name, _): name + "\u{0}1"
        case let .shape(name, _, _): name + "\u{0}2"
        case let .dtype(name, _, _): name + "\u{0}3"
        }
    }
}
