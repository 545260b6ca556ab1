/// The shape of a gather or scatter-add along one axis of a contiguous tensor viewed as `[outer, length, inner]`.
///
/// `gather` reads `out[o, j, i] = src[o, index(o, j, i), i]` for `o < outer`, `j < indexLength`, `i < inner`, where
/// `index(o, j, i) = indices[o · indexStrides.outer + j · indexStrides.index + i · indexStrides.inner]`. The output
/// is contiguous `[outer, indexLength, inner]`; the source is contiguous `[outer, length, inner]`. `scatterAdd` is
/// its reverse: `out[o, index(o, j, i), i] += src[o, j, i]`. Strides of 0 reuse one index across a dimension:
/// `torch.gather` has strides `(indexLength · inner, inner, 1)`, `torch.index_select` `(0, 1, 0)`.
public struct GatherShape: Sendable, Equatable, CustomStringConvertible {
    public var outer: Int
    /// The size of the indexed axis in the tensor the indices point into.
    public var length: Int
    /// The number of positions along the indexed axis of the gathered tensor.
    public var indexLength: Int
    public var inner: Int
    /// The element strides of the indices along `outer`, `indexLength` and `inner`.
    public var indexStrides: (outer: Int, index: Int, inner: Int)

    public init(outer: Int, length: Int, indexLength: Int, inner: Int, indexStrides: (outer: Int, index: Int, inner: Int)) {
        self.outer = outer
        self.length = length
        self.indexLength = indexLength
        self.inner = inner
        self.indexStrides = indexStrides
    }

    /// The elements of the gathered tensor (the output of `gather`, the source of `scatterAdd`).
    public var gatheredCount: Int { outer * indexLength * inner }
    /// The elements of the indexed tensor (the source of `gather`, the output of `scatterAdd`).
    public var indexedCount: Int { outer * length * inner }

    /// The position in the indices of element `(o, j, i)` of the gathered tensor.
    @inlinable
    public func indexOffset(_ o: Int, _ j: Int, _ i: Int) -> Int {
        o * indexStrides.outer + j * indexStrides.index + i * indexStrides.inner
    }

    public static func == (a: GatherShape, b: GatherShape) -> Bool {
        a.outer == b.outer && a.length == b.length && a.indexLength == b.indexLength && a.inner == b.inner
            && a.indexStrides == b.indexStrides
    }

    public var description: String {
        "[outer: \(outer), length: \(length), indexLength: \(indexLength), inner: \(inner), "
            + "index strides: \(indexStrides.outer), \(indexStrides.index), \(indexStrides.inner)]"
    }
}
