import EmberBackend
import EmberReference

/// A `FusingBackend` over the reference backend for tests: it walks each fused run in tiles of `tile` elements (an
/// awkward 5 by default, so every run spans many tiles with a ragged last one) and adds each reduction in index
/// order, as the reference's `reduce` and `matmul` do, so fused results must equal the reference's bitwise. It
/// checks the planner's rules (offsets, scratch, reductions consumed in step order) independently of the simd
/// backend's tiling and threads. It counts the runs it was given and can decline them all.
final class TiledFusingBackend: ForwardingBackend, FusingBackend, @unchecked Sendable {
    let tile: Int
    let declines: Bool
    private(set) var fusedRuns = 0

    init(tile: Int = 5, declines: Bool = false) {
        self.tile = tile
        self.declines = declines
        super.init(name: "tiled-reference", forwardingTo: ReferenceBackend())
    }

    func runFused(_ run: FusedRun<Float>) -> Bool { execute(run) }
    func runFused(_ run: FusedRun<Double>) -> Bool { execute(run) }

    private func execute<S: TensorScalar>(_ run: FusedRun<S>) -> Bool {
        guard !declines else { return false }
        fusedRuns += 1
        var sums = [S](repeating: 0, count: run.reductions.count)
        withUnsafeTemporaryAllocation(of: S.self, capacity: max(1, run.scratchCount * tile)) { scratch in
            for start in stride(from: 0, to: run.count, by: tile) {
                let range = start..<min(run.count, start + tile)
                run.evaluate(range, scratch: scratch.baseAddress!, scratchStride: tile, on: self) { k, x, y in
                    for i in 0..<range.count { sums[k] += y.map { x[i] * $0[i] } ?? x[i] }
                }
            }
        }
        for k in sums.indices { run.store(sums[k], reduction: k) }
        return true
    }
}
