import EmberBackend
import EmberCore
import EmberIO

/// What ``Module/loadParameters(from:strict:)`` loaded: the file's metadata and, with `strict: false`, the names
/// that did not match (PyTorch's `load_state_dict` returns `missing_keys` and `unexpected_keys`).
public struct LoadedCheckpoint: Equatable, Sendable {
    /// The file's `__metadata__` strings.
    public var metadata: [String: String]
    /// Parameters and buffers of the module the file has no tensor for (left unchanged), in name order.
    public var missingKeys: [String]
    /// Tensors of the file the module has no parameter or buffer for (ignored), in name order.
    public var unexpectedKeys: [String]
}

extension Module {
    /// The safetensors dtype of this module's scalars: F32 for `Float`, F64 for `Double`.
    static var checkpointDType: SafetensorsDType { MemoryLayout<Scalar>.size == 4 ? .f32 : .f64 }

    /// Every parameter and buffer as a safetensors entry under its dotted name (`namedState()`), like
    /// `state_dict()`. Buffers keep the module's scalar type (BatchNorm's `num_batches_tracked` is F32 in a `Float`
    /// module, where PyTorch has int64; `load_state_dict` converts it).
    public func parameterEntries() -> [String: SafetensorsEntry] {
        // In the module's own dtype every value fits, so this cannot fail.
        try! parameterEntries(dtype: Self.checkpointDType)
    }

    /// Every parameter and buffer as a safetensors entry of `dtype`, rounded to nearest even as `tensor.to(dtype)`.
    ///
    /// - Throws: `CheckpointError.notRepresentable` naming a tensor with a finite value too large for `dtype`.
    public func parameterEntries(dtype: SafetensorsDType) throws(CheckpointError) -> [String: SafetensorsEntry] {
        var entries: [String: SafetensorsEntry] = [:]
        for (name, tensor) in namedState() {
            do {
                entries[name] = try SafetensorsEntry(shape: tensor.shape, values: tensor.scalars, dtype: dtype)
            } catch SafetensorsError.valueOutOfRange(_, let value) {
                throw .notRepresentable(name: name, dtype: dtype, value: value)
            } catch {
                preconditionFailure("a tensor's values always fit its shape: \(error)")
            }
        }
        return entries
    }

    /// Writes every parameter and buffer to a safetensors file that Python's `safetensors.torch.load_file` reads,
    /// atomically: a failed save leaves no partial file.
    ///
    /// ```swift
    /// let model = Sequential<Float>(Linear(1, 4), Tanh(), Linear(4, 1))
    /// try model.saveParameters(to: "model.safetensors")
    /// try model.saveParameters(to: "model-half.safetensors", dtype: .bf16)
    /// try model.loadParameters(from: "model.safetensors")
    /// ```
    /// - Parameters:
    ///   - path: the file to write; an existing regular file is replaced, a symbolic link written through, and a
    ///     directory, FIFO, device, read-only file or file with other hard links refused.
    ///   - metadata: strings stored as the file's `__metadata__`.
    ///   - dtype: the element type in the file; `nil` (the default) is the module's own (F32 for `Float`, F64 for
    ///     `Double`). F16, BF16 and F32 round to nearest even.
    /// - Throws: `CheckpointError.unwritable`, or `CheckpointError.notRepresentable` when a value overflows `dtype`.
    public func saveParameters(to path: String, metadata: [String: String] = [:],
                               dtype: SafetensorsDType? = nil) throws(CheckpointError) {
        let entries = try parameterEntries(dtype: dtype ?? Self.checkpointDType)
        do {
            try Safetensors.write(entries, to: path, metadata: metadata)
        } catch let error as SafetensorsError {
            throw .unwritable(path: path, reason: error)
        } catch {
            throw .unwritable(path: path, reason: .cannotWrite(path: path, reason: "\(error)"))
        }
    }

    /// Reads a safetensors file and copies its tensors into the parameters and buffers of the same names, like
    /// `load_state_dict(strict=True)`: nothing is changed unless every name and shape matches. Tensors of another
    /// floating-point dtype (F16, BF16, F32, F64) are converted, as `load_state_dict` copies them.
    ///
    /// - Returns: the file's `__metadata__` strings.
    /// - Throws: `CheckpointError.unreadable` for a missing, truncated or corrupt file or an unsupported dtype,
    ///   `CheckpointError.mismatch` listing every missing or unexpected name and every shape mismatch, and
    ///   `CheckpointError.nonFinite` naming a tensor that holds NaN or infinity.
    @discardableResult
    public func loadParameters(from path: String) throws(CheckpointError) -> [String: String] {
        try loadParameters(from: path, strict: true).metadata
    }

    /// Reads a safetensors file into the parameters and buffers of the same names, like
    /// `load_state_dict(strict=strict)`.
    ///
    /// With `strict: false`, parameters the file lacks keep their values and tensors the module lacks are ignored;
    /// both lists come back. Shapes must still match, and tensors are converted from F16, BF16, F32 or F64.
    ///
    /// ```swift
    /// let model = Sequential<Float>(Linear(1, 4), Tanh(), Linear(4, 1))
    /// let loaded = try model.loadParameters(from: "backbone.safetensors", strict: false)
    /// print("kept initial values for", loaded.missingKeys)
    /// ```
    /// - Throws: the errors of ``loadParameters(from:)``; with `strict: false`, no missing or unexpected names.
    @discardableResult
    public func loadParameters(from path: String, strict: Bool) throws(CheckpointError) -> LoadedCheckpoint {
        let archive: SafetensorsArchive
        do {
            archive = try Safetensors.read(path: path)
        } catch let error as SafetensorsError {
            throw .unreadable(path: path, reason: error)
        } catch {
            throw .unreadable(path: path, reason: .unreadableFile(path: path, reason: "\(error)"))
        }
        return try loadParameters(from: archive, path: path, strict: strict)
    }

    /// Copies `archive`'s tensors into the parameters and buffers of the same names; `path` only names the source in
    /// errors.
    ///
    /// - Throws: `CheckpointError.mismatch` listing every mismatch, or `CheckpointError.nonFinite`; the
    ///   parameters are unchanged then.
    @discardableResult
    public func loadParameters(from archive: SafetensorsArchive, path: String = "<memory>",
                               strict: Bool = true) throws(CheckpointError) -> LoadedCheckpoint {
        let named = namedState()
        let stateNames = Set(named.map(\.name))
        var mismatches: [CheckpointMismatch] = []
        var loads: [(tensor: Tensor<Scalar>, values: [Scalar])] = []
        for (name, tensor) in named {
            guard let entry = archive.tensors[name] else {
                mismatches.append(.missing(name: name, shape: tensor.shape))
                continue
            }
            guard entry.shape == tensor.shape else {
                mismatches.append(.shape(name: name, expected: tensor.shape, found: entry.shape))
                continue
            }
            let converted: [Scalar] = entry.values()
            let nonFinite = converted.count { !$0.isFinite }
            guard nonFinite == 0 else { throw .nonFinite(path: path, name: name, count: nonFinite) }
            loads.append((tensor, converted))
        }
        for (name, entry) in archive.tensors where !stateNames.contains(name) {
            mismatches.append(.unexpected(name: name, shape: entry.shape))
        }
        mismatches.sort { $0.sortKey < $1.sortKey }
        let fatal = mismatches.filter { mismatch in
            if case .shape = mismatch { return true }
            return strict
        }
        guard fatal.isEmpty else { throw .mismatch(path: path, mismatches: fatal) }
        for (tensor, converted) in loads {
            tensor.withUnsafeMutableBufferPointer { _ = $0.update(fromContentsOf: converted) }
        }
        return LoadedCheckpoint(
            metadata: archive.metadata,
            missingKeys: mismatches.compactMap { if case let .missing(name, _) = $0 { name } else { nil } },
            unexpectedKeys: mismatches.compactMap { if case let .unexpected(name, _) = $0 { name } else { nil } })
    }
}
