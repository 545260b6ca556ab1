import EmberBackend

/// The four vector accumulators of the Swift row reduction (`ReductionKernels.reduceRow`) and dot product
/// (`Level1Kernels.dotRange`) as a value, so that a row can be fed in pieces: `add…Blocks` takes the whole blocks of
/// four vectors, `finish…` the rest. `reduceRow` and `dotRange` are one `add…Blocks` then `finish…` over the row, so
/// feeding the blocks over several calls (whole blocks each, as a fused run's tiles do) gives the bits of one call.
/// `init(loading:)` and `store(to:)` keep them between calls, in `4 · lanes` scalars.
struct VectorAccumulators<T: SIMDScalar> {
    typealias V = T.Vector
    var a0, a1, a2, a3: V

    @inline(__always)
    init(repeating value: T) {
        a0 = V(repeating: value)
        a1 = a0
        a2 = a0
        a3 = a0
    }

    @inline(__always)
    init(loading state: UnsafePointer<T>) {
        let w = V.lanes
        a0 = V(loading: state)
        a1 = V(loading: state + w)
        a2 = V(loading: state + 2 * w)
        a3 = V(loading: state + 3 * w)
    }

    @inline(__always)
    func store(to state: UnsafeMutablePointer<T>) {
        let w = V.lanes
        a0.store(to: state)
        a1.store(to: state + w)
        a2.store(to: state + 2 * w)
        a3.store(to: state + 3 * w)
    }

    /// Combines the whole blocks of four vectors of `p[0..<n]` into the accumulators (started at `Op`'s identity);
    /// returns the elements consumed (a multiple of `4 · lanes`).
    @inline(__always)
    mutating func addRowBlocks<Op: ReductionOperation>(_ p: UnsafePointer<T>, _ n: Int, _: Op.Type) -> Int {
        let w = V.lanes
        var i = 0
        while i + 4 * w <= n {
            a0 = Op.combine(a0, V(loading: p + i))
            a1 = Op.combine(a1, V(loading: p + i + w))
            a2 = Op.combine(a2, V(loading: p + i + 2 * w))
            a3 = Op.combine(a3, V(loading: p + i + 3 * w))
            i += 4 * w
        }
        return i
    }

    /// The row's result, given its last `n` elements at `p` (what `addRowBlocks` left, fewer than four vectors) and
    /// the row's length `total`. A row shorter than one vector is folded as scalars from the identity.
    @inline(__always)
    func finishRow<Op: ReductionOperation>(_ p: UnsafePointer<T>, _ n: Int, total: Int, _: Op.Type) -> T {
        let w = V.lanes
        if total < w {
            var acc = Op.identity(T.self)
            for i in 0..<n { acc = Op.combineScalars(acc, p[i]) }
            return acc
        }
        var a0 = self.a0, a1 = self.a1
        var i = 0
        while i + w <= n {
            a0 = Op.combine(a0, V(loading: p + i))
            i += w
        }
        if i < n { a1 = Op.combine(a1, V(loading: p + i, count: n - i, padding: Op.identity(T.self))) }
        return Op.fold(Op.combine(Op.combine(a0, a1), Op.combine(a2, a3)))
    }

    /// Adds the products of the whole blocks of four vectors of `x[0..<n]`, `y[0..<n]` (accumulators started at
    /// zero); returns the elements consumed.
    @inline(__always)
    mutating func addDotBlocks(_ x: UnsafePointer<T>, _ y: UnsafePointer<T>, _ n: Int) -> Int {
        let w = V.lanes
        var i = 0
        while i + 4 * w <= n {
            a0 = a0.addingProduct(V(loading: x + i), V(loading: y + i))
            a1 = a1.addingProduct(V(loading: x + i + w), V(loading: y + i + w))
            a2 = a2.addingProduct(V(loading: x + i + 2 * w), V(loading: y + i + 2 * w))
            a3 = a3.addingProduct(V(loading: x + i + 3 * w), V(loading: y + i + 3 * w))
            i += 4 * w
        }
        return i
    }

    /// The dot product, given the last `n` elements (fewer than four vectors) of `x` and `y`.
    @inline(__always)
    func finishDot(_ x: UnsafePointer<T>, _ y: UnsafePointer<T>, _ n: Int) -> T {
        let w = V.lanes
        var a0 = self.a0, a1 = self.a1
        var i = 0
        while i + w <= n {
            a0 = a0.addingProduct(V(loading: x + i), V(loading: y + i))
            i += w
        }
        if i < n {
            a1 = a1.addingProduct(V(loading: x + i, count: n - i, padding: 0), V(loading: y + i, count: n - i, padding: 0))
        }
        return ((a0 + a1) + (a2 + a3)).sum()
    }
}
