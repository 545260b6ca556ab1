/// The offsets of a strided view's elements (or rows), in row-major order of its shape: an odometer over the
/// multi-index that keeps `offset = Σ index[d] · strides[d]` in step. Strided kernels walk views with it.
///
/// ```swift
/// var walk = StridedOffsets(shape: [2, 3], strides: [1, 2])   // a transposed 3 × 2 buffer
/// var offsets: [Int] = []
/// for _ in 0..<6 { offsets.append(walk.offset); walk.advance() }   // [0, 2, 4, 1, 3, 5]
/// ```
public struct StridedOffsets {
    @usableFromInline let shape: [Int]
    @usableFromInline let strides: [Int]
    @usableFromInline var index: [Int]
    @usableFromInline var current = 0
    /// The offset of the current element.
    @inlinable public var offset: Int { current }

    @inlinable
    public init(shape: [Int], strides: [Int]) {
        precondition(shape.count == strides.count, "StridedOffsets: shape \(shape) and strides \(strides) differ in rank")
        self.shape = shape
        self.strides = strides
        index = [Int](repeating: 0, count: shape.count)
    }

    /// Moves to the next position of the first `axes` axes (all of them by default; `rank − 1` steps by rows of
    /// the last axis). After the last position the offset returns to 0.
    @inlinable
    public mutating func advance(axes: Int? = nil) {
        var d = (axes ?? shape.count) - 1
        while d >= 0 {
            index[d] += 1
            current += strides[d]
            if index[d] < shape[d] { return }
            current -= strides[d] * shape[d]
            index[d] = 0
            d -= 1
        }
    }
}
