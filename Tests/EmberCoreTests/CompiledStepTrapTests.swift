import Ember
import Testing

/// The known traps of tracing compilers (mx.compile, TinyJit, torch.compile), each checked against an eager run.
@Suite(.serialized) struct CompiledStepTrapTests {
    /// A small MLP regression whose step body is `extra`-adjusted; returns the model, optimizer and data.
    final class Setup {
        let model: Sequential<Float>
        let optimizer: SGD<Float>
        let x: Tensor<Float>
        let y: Tensor<Float>

        /// The same model and data every time, from a generator of its own (suites run in parallel, so the
        /// global generator's state is not this test's alone).
        init(rows: Int = 8) {
            var generator = RandomGenerator(seed: 3)
            model = Sequential<Float>([Linear(3, 5), ReLU(), Linear(5, 1)])
            for parameter in model.parameters() {
                let values = Tensor<Float>.randn(parameter.shape, generator: &generator).scalars
                parameter.withUnsafeMutableBufferPointer { _ = $0.update(fromContentsOf: values) }
            }
            optimizer = SGD(model.parameters(), lr: 0.05)
            x = Tensor<Float>.randn([rows, 3], generator: &generator)
            y = Tensor<Float>.randn([rows, 1], generator: &generator)
        }

        /// A batch of `rows` rows, the same for every `Setup`.
        func batch(_ rows: Int) -> (Tensor<Float>, Tensor<Float>) {
            var generator = RandomGenerator(seed: UInt64(rows))
            return (Tensor<Float>.randn([rows, 3], generator: &generator), Tensor<Float>.randn([rows, 1], generator: &generator))
        }

        /// `compile` of forward · `scale`, MSE, zeroGrad, backward, step.
        func step(enabled: Bool, scale: @escaping () -> Tensor<Float>) -> CompiledStep<Float, Tensor<Float>> {
            compile(model, optimizer, enabled: enabled) { [model, optimizer] (x: Tensor<Float>, y: Tensor<Float>) in
                let loss = MSELoss()(model(x) * scale(), y)
                optimizer.zeroGrad()
                loss.backward()
                optimizer.step()
                return loss
            }
        }

        var parameterBits: [[UInt32]] { model.parameters().map { $0.scalars.map(\.bitPattern) } }
    }

    /// Runs `calls` on an eager and a compiled copy and checks equal losses and parameters, bit for bit.
    func expectSame(_ label: String, _ calls: (Setup, CompiledStep<Float, Tensor<Float>>) -> [Float],
                    scale: @escaping (Setup) -> () -> Tensor<Float> = { _ in { Tensor<Float>([1]) } })
        -> CompiledStep<Float, Tensor<Float>> {
        let eager = Setup(), compiled = Setup()
        let eagerLosses = calls(eager, eager.step(enabled: false, scale: scale(eager)))
        let step = compiled.step(enabled: true, scale: scale(compiled))
        let compiledLosses = calls(compiled, step)
        #expect(compiledLosses.map(\.bitPattern) == eagerLosses.map(\.bitPattern), "\(label): losses")
        #expect(compiled.parameterBits == eager.parameterBits, "\(label): parameters")
        return step
    }

    @Test func tensorCapturedByTheStepIsReadAtEveryReplay() {
        // A tensor the step captures is a buffer of the trace, not a value frozen into it.
        let factor = Tensor<Float>([1])
        let step = expectSame("captured tensor", { s, step in
            (0..<6).map { i in
                factor.withUnsafeMutableBufferPointer { $0[0] = 1 + Float(i) / 4 }
                return step(s.x, s.y).item()
            }
        }, scale: { _ in { factor } })
        #expect(step.replayedCalls == 4)
    }

    @Test func swiftValueCapturedByTheStepIsFrozenAtTrace() {
        // The documented trap: a Swift scalar is read once, when the step is traced (use a tensor instead).
        let setup = Setup()
        var scale: Float = 1
        let step = setup.step(enabled: true) { Tensor<Float>([scale]) }
        _ = step(setup.x, setup.y)
        _ = step(setup.x, setup.y)   // traced with scale 1
        scale = 100
        _ = step(setup.x, setup.y)
        let reference = Setup()
        let eager = reference.step(enabled: false) { Tensor<Float>([1]) }
        for _ in 0..<3 { _ = eager(reference.x, reference.y) }
        #expect(step.replayedCalls == 1)
        #expect(setup.parameterBits == reference.parameterBits, "the replay used the traced scale 1")
    }

    @Test func branchOnAHostValueKeepsTheStepEager() {
        let eager = Setup(), compiled = Setup()
        func make(_ s: Setup, _ enabled: Bool) -> CompiledStep<Float, Tensor<Float>> {
            compile(s.model, s.optimizer, enabled: enabled) { [model = s.model, optimizer = s.optimizer] x, y in
                let prediction = model(x)
                // Taken at trace time, a replay would repeat one side forever: item() keeps the step eager.
                let loss = prediction.mean().item() > 0 ? MSELoss()(prediction, y) : L1Loss()(prediction, y)
                optimizer.zeroGrad()
                loss.backward()
                optimizer.step()
                return loss
            }
        }
        let e = make(eager, false), c = make(compiled, true)
        let eagerLosses = (0..<5).map { _ in e(eager.x, eager.y).item() }
        let compiledLosses = (0..<5).map { _ in c(compiled.x, compiled.y).item() }
        #expect(compiledLosses.map(\.bitPattern) == eagerLosses.map(\.bitPattern))
        #expect(c.replayedCalls == 0)
        #expect(c.eagerReason?.contains("item()") == true)
    }

    @Test func branchOnAShapeRetraces() {
        // A shape is a guard: each batch size gets its own trace.
        let step = expectSame("shape branch", { s, step in
            let small = s.batch(4), large = s.batch(8)
            return (0..<8).map { i in
                let (x, y) = i % 2 == 0 ? small : large
                return step(x, y).item()
            }
        })
        #expect(step.tracedCalls == 2)
        #expect(step.replayedCalls == 5)
    }

    @Test func lossTheCallerKeepsIsNeverOverwritten() {
        let s = Setup()
        let step = s.step(enabled: true) { Tensor<Float>([1]) }
        _ = step(s.x, s.y)
        let traced = step(s.x, s.y)
        let firstReplay = step(s.x, s.y)
        let tracedValue = traced.item(), firstValue = firstReplay.item()
        for _ in 0..<3 { _ = step(s.x, s.y) }
        #expect(traced.item() == tracedValue)
        #expect(firstReplay.item() == firstValue)
        #expect(traced !== firstReplay)
        #expect(step.replayedCalls == 4)
    }

    @Test func learningRateChangedBetweenCallsIsUsed() {
        let step = expectSame("learning rate", { s, step in
            (0..<6).map { i in
                s.optimizer.learningRate = 0.05 / Float(i + 1)
                return step(s.x, s.y).item()
            }
        })
        #expect(step.replayedCalls == 4)
    }

    @Test func shapeChangeIsNeverServedByAStaleTrace() {
        // Ten batch sizes: eight traces fill the cache, the last two run eagerly; all equal eager.
        let step = expectSame("shapes", { s, step in
            let batches = (1...10).map { s.batch($0) }
            return (0..<20).map { i in step(batches[i % 10].0, batches[i % 10].1).item() }
        })
        #expect(step.kernelCounts.count == CompiledStep<Float, Tensor<Float>>.cacheSize)
        #expect(step.eagerCalls > 1)
    }

    @Test func tensorKeptBeyondTheCallKeepsTheStepEager() {
        let s = Setup()
        var kept: Tensor<Float>?
        let step = compile(s.model, s.optimizer) { [model = s.model, optimizer = s.optimizer] (x: Tensor<Float>, y: Tensor<Float>) in
            let prediction = model(x)
            kept = prediction
            let loss = MSELoss()(prediction, y)
            optimizer.zeroGrad()
            loss.backward()
            optimizer.step()
            return loss
        }
        for _ in 0..<3 { _ = step(s.x, s.y) }
        #expect(kept != nil)
        #expect(step.replayedCalls == 0)
        #expect(step.eagerReason?.contains("beyond the call") == true)
    }

    @Test func replayRunsTheEagerKernelsAndAllocatesOnlyTheLoss() {
        let counting = CountingBackend()
        Backends.withBackend(counting) {
            let s = Setup()
            let step = s.step(enabled: true) { Tensor<Float>([1]) }
            counting.calls.withLock { $0 = 0 }
            _ = step(s.x, s.y)   // eager
            let kernelsEager = counting.calls.withLock { $0 }
            let allocationsEager = CompileTracing.countingAllocations { _ = step(s.x, s.y) }   // traced: eager cost
            counting.calls.withLock { $0 = 0 }
            let allocationsReplay = CompileTracing.countingAllocations { _ = step(s.x, s.y) }
            let kernelsReplay = counting.calls.withLock { $0 }
            #expect(step.replayedCalls == 1)
            // The eager step copies each parameter's new gradient into its `grad`; the replay has the kernels that
            // computed the gradients write there (`CopyElision`), and runs every other kernel of the step.
            #expect(kernelsReplay == kernelsEager - s.model.parameters().count, "the step's kernels but the gradient copies")
            #expect(allocationsReplay == 1, "only the returned loss")
            #expect(allocationsEager > 20)
            let buffers = try! #require(step.bufferCounts.first)
            #expect(buffers.buffers < buffers.tensors, "intermediates with disjoint lifetimes share memory: \(buffers)")
        }
    }
}
