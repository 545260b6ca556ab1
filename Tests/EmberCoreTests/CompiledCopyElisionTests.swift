import Ember
import Synchronization
import Testing

/// A replay drops the copy of a new gradient into a parameter's `grad` only when the gradient's memory can hold the
/// value from the start (`CopyElision`): two parameters that receive the same gradient tensor keep one copy.
@Suite(.serialized) struct CompiledCopyElisionTests {
    /// `((w.reshape([4]) + b) · x).sum()`: the sum's backward gives `w` and `b` one tensor (`x`'s values), which the
    /// eager step copies into each `grad`. The last copy can go; the first cannot (the tensor is read again after it).
    final class SharedGradient {
        let model = Linear<Float>(weight: Tensor<Float>([[0.5], [-1], [2], [0.25]]), bias: Tensor<Float>([1, 2, 3, 4]))
        lazy var optimizer = SGD(model.parameters(), lr: 0.1)

        func step(compiled: Bool) -> CompiledStep<Float, Tensor<Float>> {
            compile(model, optimizer, enabled: compiled) { [model, optimizer] (x: Tensor<Float>, _: Tensor<Float>) in
                let loss = ((model.weight.reshape([4]) + model.bias!) * x).sum()
                optimizer.zeroGrad()
                loss.backward()
                optimizer.step()
                return loss
            }
        }
    }

    @Test func aGradientSharedByTwoParametersKeepsOneCopy() {
        // A new batch at every call, so that a gradient left stale would show in the parameters.
        let xs = (1...5).map { k in Tensor<Float>([0.5, -2, 3, 7].map { $0 * Float(k) }) }
        let unused = Tensor<Float>([0])
        let eager = SharedGradient(), compiled = SharedGradient()
        let eagerStep = eager.step(compiled: false), compiledStep = compiled.step(compiled: true)
        let counting = CountingBackend()   // the reference kernels, for both
        let eagerLosses = Backends.withBackend(counting) { xs.map { eagerStep($0, unused).item() } }
        var compiledLosses: [Float] = []
        var kernels: [Int] = []
        Backends.withBackend(counting) {
            for x in xs {
                counting.calls.withLock { $0 = 0 }
                compiledLosses.append(compiledStep(x, unused).item())
                kernels.append(counting.calls.withLock { $0 })
            }
        }
        #expect(compiledStep.replayedCalls == 3)
        #expect(compiledLosses.map(\.bitPattern) == eagerLosses.map(\.bitPattern))
        #expect(compiled.model.parameters().map { $0.scalars.map(\.bitPattern) }
            == eager.model.parameters().map { $0.scalars.map(\.bitPattern) })
        // Call 0 is the eager step.
        #expect(kernels[4] == kernels[0] - 1, "one of the two gradient copies is dropped: \(kernels)")
        // Each gradient is memory of its own: changing one leaves the other as it was.
        let weightGrad = try! #require(compiled.model.weight.grad), biasGrad = try! #require(compiled.model.bias!.grad)
        #expect(weightGrad.scalars == xs[4].scalars && biasGrad.scalars == xs[4].scalars)
        weightGrad.addInPlace(Tensor<Float>([[1], [1], [1], [1]]), alpha: 1)
        #expect(biasGrad.scalars == xs[4].scalars)
    }
}
