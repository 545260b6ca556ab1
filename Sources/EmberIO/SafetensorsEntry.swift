import EmberBackend
import Foundation

/// One tensor of a safetensors file: element type, shape and the raw little-endian, row-major data.
///
/// ```swift
/// let weight = try SafetensorsEntry(shape: [2, 2], values: [1, 2, 3, 4] as [Float])
/// assert(weight.dtype == .f32 && weight.data.count == 16)
/// assert(weight.values(as: Double.self) == [1, 2, 3, 4])
/// ```
public struct SafetensorsEntry: Sendable, Hashable {
    public let dtype: SafetensorsDType
    /// The dimensions; `[]` is a scalar (one element), and a zero dimension means no elements.
    public let shape: [Int]
    /// `elementCount × dtype.byteCount` bytes, little-endian, row-major.
    public let data: Data

    /// The number of elements: the product of `shape`.
    public var elementCount: Int { shape.reduce(1, *) }

    /// An entry from raw bytes.
    ///
    /// - Throws: ``SafetensorsError/invalidShape(tensor:shape:)`` for a negative or overflowing shape, or
    ///   ``SafetensorsError/dataSizeMismatch(dtype:shape:expected:given:)`` when `data` is not exactly the size the
    ///   shape and dtype need.
    public init(dtype: SafetensorsDType, shape: [Int], data: Data) throws {
        let expected = try Self.byteCount(dtype: dtype, shape: shape, tensor: "")
        guard data.count == expected else {
            throw SafetensorsError.dataSizeMismatch(dtype: dtype, shape: shape, expected: expected, given: data.count)
        }
        self.dtype = dtype
        self.shape = shape
        self.data = Data(data)
    }

    /// An entry holding `values` with the dtype of their type: `Float` gives F32, `Double` gives F64.
    ///
    /// - Throws: ``SafetensorsError/invalidShape(tensor:shape:)``, or
    ///   ``SafetensorsError/dataSizeMismatch(dtype:shape:expected:given:)`` (in bytes) when the shape holds a different
    ///   number of elements than `values`.
    public init<Scalar: TensorScalar>(shape: [Int], values: [Scalar]) throws {
        try self.init(shape: shape, values: values, dtype: Self.dtype(of: Scalar.self))
    }

    /// An entry holding `values` converted to `dtype`, rounded to nearest even as PyTorch's `.half()`,
    /// `.bfloat16()`, `.float()` and `.double()` do.
    ///
    /// ```swift
    /// let half = try SafetensorsEntry(shape: [2], values: [1, 0.1] as [Float], dtype: .f16)
    /// assert(half.data.count == 4 && half.values(as: Float.self) == [1, 0.099975586])
    /// ```
    /// - Throws: ``SafetensorsError/valueOutOfRange(dtype:value:)`` when a finite value is too large for `dtype`
    ///   (F16 holds at most 65504), or the errors of ``init(shape:values:)``.
    public init<Scalar: TensorScalar>(shape: [Int], values: [Scalar], dtype: SafetensorsDType) throws {
        var data = Data(capacity: values.count * dtype.byteCount)
        for value in values where !dtype.append(value, to: &data) {
            throw SafetensorsError.valueOutOfRange(dtype: dtype, value: Double(value))
        }
        try self.init(dtype: dtype, shape: shape, data: data)
    }

    /// The elements in row-major order, converted to `Scalar`: exact, except F64 to `Float`, which rounds to nearest.
    public func values<Scalar: TensorScalar>(as type: Scalar.Type = Scalar.self) -> [Scalar] {
        data.withUnsafeBytes { raw in
            (0..<elementCount).map { Scalar(dtype.load(raw, at: $0)) }
        }
    }

    static func dtype<Scalar: TensorScalar>(of type: Scalar.Type) -> SafetensorsDType {
        switch MemoryLayout<Scalar>.size {
        case 4: .f32
        case 8: .f64
        default: preconditionFailure("safetensors: no dtype for \(Scalar.typeName)")
        }
    }

    /// The byte size of a tensor of `shape` and `dtype`, or an error naming `tensor` for a negative dimension or an
    /// overflow.
    static func byteCount(dtype: SafetensorsDType, shape: [Int], tensor: String) throws -> Int {
        var count = dtype.byteCount
        for dimension in shape {
            guard dimension >= 0 else { throw SafetensorsError.invalidShape(tensor: tensor, shape: shape) }
            let (product, overflow) = count.multipliedReportingOverflow(by: dimension)
            guard !overflow else { throw SafetensorsError.invalidShape(tensor: tensor, shape: shape) }
            count = product
        }
        return count
    }
}
