import CEmberSIMDKernels
import EmberBackend

/// A fused run's sums and dot products fed one tile at a time, in exactly the order of the unfused kernels on the
/// same path: the C kernels' `*_blocks` / `*_finish` halves on `avx2` and `avx512` (the unfused `sum` and `dot` are
/// those two calls), `VectorAccumulators` on `baseline` (the unfused `reduceRow` and `dotRange` are its halves too).
///
/// Each reduction keeps its accumulators in `stateScalars` scalars, zero to start. Every piece but the last must be
/// whole blocks of four vectors (a multiple of 64 elements is, on every path); the last goes to `*Finish`.
enum FusedReductions {
    /// Scalars of one reduction's state: four vectors of at most 16 lanes (the C kernels' `4 · W`, and
    /// `4 · T.Vector.lanes` of the Swift code, are at most this).
    static let stateScalars = Int(EMBER_FUSED_STATE_SCALARS)

    /// Adds the whole blocks of four vectors of `x[0..<n]` to the sum kept at `state`; returns the elements consumed.
    @inline(__always)
    static func sumBlocks<T: SIMDScalar>(_ state: UnsafeMutablePointer<T>, _ x: UnsafePointer<T>, _ n: Int,
                                         _ path: SIMDKernelPath) -> Int {
        if let done = T.Kernels.sumBlocks(path, state, x, n) { return done }
        var accumulators = VectorAccumulators<T>(loading: state)
        let done = accumulators.addRowBlocks(x, n, ReductionKernels.Sum.self)
        accumulators.store(to: state)
        return done
    }

    /// The sum of a row of `total` elements, of which `x[0..<n]` are the last ones `sumBlocks` did not consume.
    @inline(__always)
    static func sumFinish<T: SIMDScalar>(_ state: UnsafePointer<T>, _ x: UnsafePointer<T>, _ n: Int, total: Int,
                                         _ path: SIMDKernelPath) -> T {
        if let sum = T.Kernels.sumFinish(path, state, x, n) { return sum }
        return VectorAccumulators<T>(loading: state).finishRow(x, n, total: total, ReductionKernels.Sum.self)
    }

    /// Adds the products of the whole blocks of four vectors of `x[0..<n]`, `y[0..<n]` to the dot product kept at
    /// `state`; returns the elements consumed.
    @inline(__always)
    static func dotBlocks<T: SIMDScalar>(_ state: UnsafeMutablePointer<T>, _ x: UnsafePointer<T>,
                                         _ y: UnsafePointer<T>, _ n: Int, _ path: SIMDKernelPath) -> Int {
        if let done = T.Kernels.dotBlocks(path, state, x, y, n) { return done }
        var accumulators = VectorAccumulators<T>(loading: state)
        let done = accumulators.addDotBlocks(x, y, n)
        accumulators.store(to: state)
        return done
    }

    /// The dot product, given the last elements `x[0..<n]`, `y[0..<n]` that `dotBlocks` did not consume.
    @inline(__always)
    static func dotFinish<T: SIMDScalar>(_ state: UnsafePointer<T>, _ x: UnsafePointer<T>, _ y: UnsafePointer<T>,
                                         _ n: Int, _ path: SIMDKernelPath) -> T {
        if let dot = T.Kernels.dotFinish(path, state, x, y, n) { return dot }
        return VectorAccumulators<T>(loading: state).finishDot(x, y, n)
    }
}
