/// A run of elementwise kernels over the same number of elements (`count`), with the full sums and dot products
/// that consume them, handed by a compiled step's replay to a `FusingBackend`.
///
/// The run addresses the buffers of the replay in progress: use it only inside `FusingBackend.runFused(_:)`, never
/// store it. Its elementwise steps are the backend's own kernels applied to a tile (`evaluate`), so each element is
/// computed exactly as the unfused kernel computes it; the backend supplies the tiling, the threads and the
/// accumulation order of the reductions.
///
/// ```swift
/// // Inside runFused, one tile at a time (single-threaded, without reductions):
/// let tile = 4096
/// withUnsafeTemporaryAllocation(of: Float.self, capacity: max(1, run.scratchCount * tile)) { scratch in
///     for start in stride(from: 0, to: run.count, by: tile) {
///         run.evaluate(start..<min(run.count, start + tile), scratch: scratch.baseAddress!, scratchStride: tile,
///                      on: self) { reduction, x, y in /* add x[0..<n] (times y) to reduction's accumulator */ }
///     }
/// }
/// ```
public struct FusedRun<Scalar: TensorScalar> {
    @usableFromInline package let program: FusedProgram<Scalar>
    @usableFromInline package let bases: UnsafePointer<UnsafeMutableRawPointer>

    package init(program: FusedProgram<Scalar>, bases: UnsafePointer<UnsafeMutableRawPointer>) {
        self.program = program
        self.bases = bases
    }

    /// The number of elements every step of the run covers.
    public var count: Int { program.count }
    /// The run's reductions, in the order `consume` numbers them.
    public var reductions: [FusedReductionKind] { program.reductionKinds }
    /// How many tile buffers `evaluate` needs (intermediates that only this run uses).
    public var scratchCount: Int { program.scratchCount }

    /// Computes the run's elementwise steps for the elements in `range`, in order, on `backend`'s kernels, and hands
    /// each reduction its operands for the range when its turn comes.
    /// - Parameters:
    ///   - range: the elements to compute, within `0..<count`.
    ///   - scratch: `scratchCount × scratchStride` elements of tile memory, private to the calling thread.
    ///   - scratchStride: the elements of each tile buffer, at least `range.count`.
    ///   - backend: the backend whose kernels compute the steps (the backend running the run).
    ///   - consume: called with a reduction's number and its operands over `range` (`y` is `nil` for a sum; the
    ///     pointers address `range.count` elements).
    @inlinable @inline(__always)
    public func evaluate(_ range: Range<Int>, scratch: UnsafeMutablePointer<Scalar>, scratchStride: Int,
                         on backend: any Backend,
                         consume: (_ reduction: Int, _ x: UnsafePointer<Scalar>, _ y: UnsafePointer<Scalar>?) -> Void) {
        program.evaluate(range, bases: bases, scratch: scratch, scratchStride: scratchStride, on: backend,
                         consume: consume)
    }

    /// Stores the result of reduction `reduction` (once every element was consumed).
    /// - Parameters:
    ///   - value: the reduction's value.
    ///   - reduction: its number.
    public func store(_ value: Scalar, reduction: Int) {
        program.reductionOutputs[reduction].pointer(bases, as: Scalar.self).pointee = value
    }
}
