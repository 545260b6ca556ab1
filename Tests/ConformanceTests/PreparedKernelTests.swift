import Ember
import EmberCBLAS
import EmberReference
import EmberSIMD
import Testing

/// The simd backend hands compiled steps ready-made calls for its small C kernels (`KernelPreparing`): replays use
/// them and still equal eager steps bit for bit, in `Float` and `Double`; other backends are replayed as recorded.
@Suite("simd prepares its small kernels for compiled steps", .serialized)
struct PreparedKernelTests {
    /// Eight steps of the tutorial (Linear(1, 1), MSE, SGD with a learning rate lowered after four) on 100 points.
    func tutorial<S: TensorScalar & BinaryFloatingPoint>(_: S.Type, compiled: Bool, on backend: any Backend)
        -> (losses: [S], parameters: [[S]], step: CompiledStep<S, Tensor<S>>) {
        Backends.withBackend(backend) {
            let model = Linear<S>(weight: Tensor<S>([[0.3]]), bias: Tensor<S>([-0.2]))
            let optimizer = SGD(model.parameters(), lr: 0.1)
            let criterion = MSELoss()
            let step = compile(model, optimizer, enabled: compiled) { (x: Tensor<S>, y: Tensor<S>) in
                let loss = criterion(model(x), y)
                optimizer.zeroGrad()
                loss.backward()
                optimizer.step()
                return loss
            }
            let x = Tensor<S>((0..<100).map { S($0) / 100 }, shape: [100, 1])
            let targets: [S] = (0..<100).map { (i: Int) -> S in
                let line: S = 2 * S(i) / 100 + 1
                return line + S(i % 7) / 50
            }
            let y = Tensor<S>(targets, shape: [100, 1])
            var losses: [S] = []
            for call in 0..<8 {
                if call == 4 { optimizer.learningRate = 0.05 }
                losses.append(step(x, y).item())
            }
            return (losses, model.parameters().map(\.scalars), step)
        }
    }

    func expectPrepared<S: TensorScalar & BinaryFloatingPoint>(_ type: S.Type, path: SIMDKernelPath) {
        let backend = SIMDBackend(path: path)
        let eager = tutorial(S.self, compiled: false, on: backend)
        let compiled = tutorial(S.self, compiled: true, on: backend)
        #expect(compiled.step.replayedCalls == 6)
        #expect(compiled.losses == eager.losses, "\(S.self) on \(path): losses")
        #expect(compiled.parameters == eager.parameters, "\(S.self) on \(path): parameters")
        let kernels = try! #require(compiled.step.kernelCounts.first)
        let prepared = try! #require(compiled.step.preparedKernelCounts.first)
        if path == .baseline {
            #expect(prepared == 0, "the Swift kernels are replayed as recorded")
        } else {
            // Every kernel but the two matrix products (x·wᵀ, and the weight's gradient as 1×100 by 100×1): sums,
            // and binary, fill and axpy kernels over 100 elements or one, 11 in all. The kernels between the products
            // and after the second are two sequences, one call each: four calls in all.
            #expect(prepared == 11, "\(S.self) on \(path): \(prepared) kernels prepared")
            #expect(kernels == 4, "\(S.self) on \(path): \(kernels) calls")
        }
    }

    @Test(arguments: SIMDKernelPath.available)
    func theTutorialStepIsPreparedAndEqualsEager(_ path: SIMDKernelPath) {
        expectPrepared(Float.self, path: path)
        expectPrepared(Double.self, path: path)
    }

    /// cblas prepares the kernels it runs on its simd backend; its `axpy` (OpenBLAS) is replayed as recorded.
    @Test func cblasPreparesItsSIMDKernels() {
        let backend = CBLASBackend()
        let eager = tutorial(Float.self, compiled: false, on: backend)
        let compiled = tutorial(Float.self, compiled: true, on: backend)
        #expect(compiled.step.replayedCalls == 6)
        #expect(compiled.losses == eager.losses)
        #expect(compiled.parameters == eager.parameters)
        let prepared = try! #require(compiled.step.preparedKernelCounts.first)
        #expect(prepared == (SIMDKernelPath.detected == .baseline ? 0 : 9), "all but the matrix products and SGD's axpys")
    }

    @Test func otherBackendsAreReplayedAsRecorded() {
        let compiled = tutorial(Float.self, compiled: true, on: ReferenceBackend())
        #expect(compiled.step.replayedCalls == 6)
        #expect(compiled.step.preparedKernelCounts == [0])
    }
}
