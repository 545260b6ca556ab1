import EmberBackend

/// The simd backend runs a compiled step's fused elementwise runs in one tiled pass (`FusedKernels`), with results
/// equal bitwise to its unfused kernels on the same path and thread count.
///
/// It returns `false` (the replay then runs the kernels one by one) for a reduction kind it does not know, and for a
/// run that has both a `.dot` and a `.sum` when `count >= 131072` (`1 << 17`) and `Threads.count > 1`: the sum is then
/// split across threads while the dot adds on one, and no single pass honours both orders.
///
/// Runs of fewer than 4096 elements are not fused (`minimumFusedCount`): their buffers stay in the L1 and L2 caches
/// between kernels anyway, and setting a fused run up cost more than the calls it saved (the 100-point tutorial step
/// replayed slower fused: 1.6 µs a step against 0.8–1.3 µs).
extension SIMDBackend: FusingBackend {
    public func runFused(_ run: FusedRun<Float>) -> Bool { FusedKernels.run(run, on: self) }
    public func runFused(_ run: FusedRun<Double>) -> Bool { FusedKernels.run(run, on: self) }
    public var minimumFusedCount: Int { 4096 }
}
