import EmberIO

/// One way a checkpoint's tensors differ from a module's parameters.
public enum CheckpointMismatch: Equatable, Sendable, CustomStringConvertible {
    /// The module has a parameter the file lacks.
    case missing(name: String, shape: [Int])
    /// The file has a tensor the module has no parameter for.
    case unexpected(name: String, shape: [Int])
    /// The tensor and the parameter have different shapes.
    case shape(name: String, expected: [Int], found: [Int])

    public var description: String {
        switch self {
        case let .missing(name, shape): "missing \(MessageText.quoted(name)) (shape \(shape))"
        case let .unexpected(name, shape): "unexpected \(MessageText.quoted(name)) (shape \(shape))"
        case let .shape(name, expected, found):
            "\(MessageText.quoted(name)) has shape \(found), the model needs \(expected)"
        }
    }

    /// Orders mismatches by name, then missing, unexpected, shape.
    var sortKey: String {
        switch self {
        case let .missing(name, _): name + "\u{0}0"
        case let .unexpected(name, _): name + "\u{0}1"
        case let .shape(name, _, _): name + "\u{0}2"
        }
    }
}

/// Why a module's parameters could not be saved to or loaded from a safetensors checkpoint. Each description is
/// one line of plain text.
public enum CheckpointError: Error, Equatable, Sendable, CustomStringConvertible {
    /// The file is missing, unreadable, truncated or corrupt, or holds a dtype Ember cannot convert (`reason` says
    /// which).
    case unreadable(path: String, reason: SafetensorsError)
    /// The file could not be written.
    case unwritable(path: String, reason: SafetensorsError)
    /// The file is valid, but its tensors do not fit the module; every mismatch is listed, in name order.
    case mismatch(path: String, mismatches: [CheckpointMismatch])
    /// A tensor of the file holds `count` values that are NaN or infinite, which no training can start from.
    case nonFinite(path: String, name: String, count: Int)
    /// A parameter holds a finite value too large for the dtype it is to be saved in.
    case notRepresentable(name: String, dtype: SafetensorsDType, value: Double)

    public var description: String {
        switch self {
        case let .unreadable(path, reason):
            switch reason {
            case .fileNotFound: "no checkpoint at \(MessageText.quoted(path, limit: 1000))"
            case .unreadableFile: "cannot read the checkpoint: \(reason)"
            case .unsupportedDType: "cannot load \(MessageText.quoted(path, limit: 1000)): \(reason)"
            default: "\(MessageText.quoted(path, limit: 1000)) is not a valid safetensors checkpoint "
                + "(truncated or corrupt): \(reason)"
            }
        case let .unwritable(_, reason):
            "cannot save the checkpoint: \(reason)"
        case let .mismatch(path, mismatches):
            "the checkpoint \(MessageText.quoted(path, limit: 1000)) does not fit the model (\(mismatches.count) "
                + (mismatches.count == 1 ? "mismatch" : "mismatches") + "): "
                + mismatches.prefix(MessageText.listLimit).map(\.description).joined(separator: "; ")
                + (mismatches.count > MessageText.listLimit
                    ? "; and \(mismatches.count - MessageText.listLimit) more" : "")
        case let .nonFinite(path, name, count):
            "the checkpoint \(MessageText.quoted(path, limit: 1000)) holds \(count) "
                + (count == 1 ? "value that is" : "values that are") + " NaN or infinite in tensor "
                + MessageText.quoted(name)
        case let .notRepresentable(name, dtype, value):
            "cannot save the checkpoint as \(dtype.rawValue): parameter \(MessageText.quoted(name)) holds \(value), "
                + "beyond \(dtype.rawValue)'s range"
        }
    }
}
