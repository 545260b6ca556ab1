/// Why safetensors data could not be read or written. Each description is one line of plain text (names from the
/// file escaped and cut when absurdly long).
public enum SafetensorsError: Error, Equatable, CustomStringConvertible {
    case fileNotFound(path: String)
    case unreadableFile(path: String, reason: String)
    case cannotWrite(path: String, reason: String)
    /// Fewer than the 8 bytes that hold the header length.
    case truncated(byteCount: Int)
    /// The header length exceeds the 100 MB the reference implementation accepts.
    case headerTooLarge(length: UInt64)
    /// The header length points past the end of the data.
    case headerLengthExceedsData(headerLength: UInt64, available: Int)
    /// The header is not UTF-8 JSON, or not a JSON object.
    case invalidJSON(reason: String)
    /// A header entry lacks a field or has one of the wrong type.
    case malformedEntry(name: String, reason: String)
    /// A dtype other than F16, BF16, F32 and F64 (an integer, boolean or 8-bit float type, or an unknown name).
    case unsupportedDType(tensor: String, dtype: String)
    /// A finite value too large for the dtype it is to be written in.
    case valueOutOfRange(dtype: SafetensorsDType, value: Double)
    /// A negative dimension, or a shape whose byte size overflows.
    case invalidShape(tensor: String, shape: [Int])
    /// Data offsets that are reversed or reach past the end of the data.
    case offsetsOutOfRange(tensor: String, begin: Int, end: Int, dataLength: Int)
    /// Two tensors' data ranges share bytes.
    case overlappingOffsets(tensor: String, other: String)
    /// Bytes of the data section that no tensor owns (a gap, or trailing bytes).
    case uncoveredBytes(begin: Int, end: Int)
    /// A tensor's offsets span a different number of bytes than its shape and dtype need.
    case sizeMismatch(tensor: String, dtype: SafetensorsDType, shape: [Int], expected: Int, actual: Int)
    /// Raw data or values given to ``SafetensorsEntry`` do not fit the shape.
    case dataSizeMismatch(dtype: SafetensorsDType, shape: [Int], expected: Int, given: Int)
    /// A tensor may not be named `__metadata__`.
    case reservedName

    public var description: String {
        switch self {
        case let .fileNotFound(path):
            "no file at \(MessageText.quoted(path, limit: 1000))"
        case let .unreadableFile(path, reason):
            "cannot read \(MessageText.quoted(path, limit: 1000)): \(MessageText.shortened(reason))"
        case let .cannotWrite(path, reason):
            "cannot write \(MessageText.quoted(path, limit: 1000)): \(MessageText.shortened(reason))"
        case let .truncated(byteCount):
            "truncated safetensors data: \(byteCount) bytes, fewer than the 8-byte header length"
        case let .headerTooLarge(length):
            "the header length \(length) exceeds the 100000000-byte limit"
        case let .headerLengthExceedsData(headerLength, available):
            "the header length \(headerLength) exceeds the \(available) bytes after the length field"
        case let .invalidJSON(reason):
            "the header is not valid JSON: \(MessageText.shortened(reason))"
        case let .malformedEntry(name, reason):
            "header entry \(MessageText.quoted(name)): \(reason)"
        case let .unsupportedDType(tensor, dtype):
            "tensor \(MessageText.quoted(tensor)) has unsupported dtype \(MessageText.quoted(dtype)); "
                + "Ember reads F16, BF16, F32 and F64"
        case let .valueOutOfRange(dtype, value):
            "the value \(value) does not fit in \(dtype.rawValue) (largest \(dtype.greatestFiniteMagnitude))"
        case let .invalidShape(tensor, shape):
            tensor.isEmpty
                ? "invalid shape \(shape)" : "tensor \(MessageText.quoted(tensor)) has an invalid shape \(shape)"
        case let .offsetsOutOfRange(tensor, begin, end, dataLength):
            "tensor \(MessageText.quoted(tensor)) has data offsets [\(begin), \(end)] outside the \(dataLength) "
                + "data bytes"
        case let .overlappingOffsets(tensor, other):
            "tensors \(MessageText.quoted(other)) and \(MessageText.quoted(tensor)) have overlapping data offsets"
        case let .uncoveredBytes(begin, end):
            "data bytes \(begin)..<\(end) belong to no tensor"
        case let .sizeMismatch(tensor, dtype, shape, expected, actual):
            "tensor \(MessageText.quoted(tensor)) (\(dtype.rawValue), shape \(shape)) needs \(expected) bytes "
                + "but its offsets span \(actual)"
        case let .dataSizeMismatch(dtype, shape, expected, given):
            "shape \(shape) of \(dtype.rawValue) needs \(expected) bytes but \(given) were given"
        case .reservedName:
            "a tensor cannot be named '__metadata__'"
        }
    }
}
