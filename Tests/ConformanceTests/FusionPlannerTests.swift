import EmberBackend
import EmberCore
import Testing

/// How `compile` cuts a step into fused runs, on a fusing backend that walks runs in tiles of 5 elements: the
/// grouping the planner promises, and the cuts that keep a tiled run equal to the kernels one by one.
@Suite(.serialized) struct FusionPlannerTests {
    /// Trains `y = w ⊙ x` on `n` points with a loss `body(h, x)` of `h = w ⊙ x`, eagerly and compiled, for 6
    /// steps; returns both runs' losses and weights, and the compiled step.
    func train(n: Int, _ body: @escaping (Tensor<Float>, Tensor<Float>) -> Tensor<Float>)
        -> (eager: [UInt32], compiled: [UInt32], step: CompiledStep<Float, Tensor<Float>>) {
        let backend = TiledFusingBackend()
        return Backends.withBackend(backend) {
            var results: [[UInt32]] = []
            var compiledStep: CompiledStep<Float, Tensor<Float>>?
            for compiled in [false, true] {
                let w = Parameter(Tensor<Float>((0..<n).map { Float($0 % 7) / 7 - 0.4 }))
                let x = Tensor<Float>((0..<n).map { Float($0 % 5) / 5 + 0.1 })
                let optimizer = SGD([w], lr: 0.01)
                let model = Sequential<Float>([])
                let step = compile(model, optimizer, enabled: compiled) { (x: Tensor<Float>, _: Tensor<Float>) in
                    let loss = body(w * x, x)
                    optimizer.zeroGrad()
                    loss.backward()
                    optimizer.step()
                    return loss
                }
                var bits: [UInt32] = []
                for _ in 0..<6 { bits.append(step(x, x).item().bitPattern) }
                results.append(bits + w.scalars.map(\.bitPattern))
                if compiled { compiledStep = step }
            }
            return (results[0], results[1], compiledStep!)
        }
    }

    @Test func theTutorialStepBecomesTwoRuns() {
        let backend = TiledFusingBackend()
        let model = Linear<Float>(weight: Tensor<Float>([[0.3]]), bias: Tensor<Float>([-0.2]))
        let optimizer = SGD(model.parameters(), lr: 0.1)
        let criterion = MSELoss()
        let x = Tensor<Float>((0..<100).map { Float($0) / 100 }, shape: [100, 1])
        let y = x * 2 + 1
        let step = Backends.withBackend(backend) {
            let step = compile(model, optimizer) { (x: Tensor<Float>, y: Tensor<Float>) in
                let loss = criterion(model(x), y)
                optimizer.zeroGrad()
                loss.backward()
                optimizer.step()
                return loss
            }
            for _ in 0..<3 { _ = step(x, y) }
            return step
        }
        let runs = try! #require(step.fusedRunCounts.first)
        // Over 100 elements: the forward pass, the loss's sum and the gradients' two sums, in one run (the
        // one-element kernels between them move out of its way: the gradient's scaling before it, the loss's
        // scaling after it). Over one element: the loss scaling and SGD's two updates (the gradients are written in
        // place, with no copy).
        #expect(runs.runs == 2, "\(runs)")
        #expect(runs.kernels >= 10, "\(runs)")
        #expect(step.kernelCounts.first! < runs.kernels, "a fused run is one call")
        #expect(backend.fusedRuns == 2)
    }

    @Test func aReductionReadByTheSameRunCutsIt() {
        // `h − Σh` reads the sum, which a tiled run stores only after its last tile: the sum must close its run.
        let run = train(n: 23) { h, x in ((h - h.sum()) * x).sum() }
        #expect(run.compiled == run.eager)
        #expect(run.step.replayedCalls == 4)
        #expect(run.step.fusedRunCounts.first!.runs >= 2)
    }

    @Test func aKernelMovedAfterTheRunHoldsBackTheKernelsThatReadIt() {
        // `Σh · 0.5` (one element) reads the run's sum, so it moves after the run; `x · m` reads it, so it cannot
        // join that run, and `h ⊙ x` (independent of it) can.
        let run = train(n: 29) { h, x in
            let m = h.sum() * 0.5
            return (h * x + x * m).sum()
        }
        #expect(run.compiled == run.eager)
        #expect(run.step.replayedCalls == 4)
        #expect(run.step.fusedRunCounts.first!.runs >= 2)
    }

    @Test func elementwiseChainsWithScalarsAndInPlaceUpdates() {
        let run = train(n: 41) { h, x in
            let a = (h * 3 - x).tanh() / (x + 1)
            return (a * a + h.sigmoid() * 0.5).mean()
        }
        #expect(run.compiled == run.eager)
        #expect(run.step.replayedCalls == 4)
    }
}
