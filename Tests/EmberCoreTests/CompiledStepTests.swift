import Ember
import Testing

/// Compiled steps against eager ones: same losses and parameters, bit for bit, and the replay really replays.
@Suite(.serialized) struct CompiledStepTests {
    /// A linear regression step (the tutorial's): Linear(1, 1), MSE, SGD.
    func linearRun(compiled: Bool, steps: Int) -> (losses: [Float], parameters: [[Float]], step: CompiledStep<Float, Tensor<Float>>) {
        let model = Linear<Float>(weight: Tensor<Float>([[0.3]]), bias: Tensor<Float>([-0.2]))
        let optimizer = SGD(model.parameters(), lr: 0.1)
        let criterion = MSELoss()
        let step = compile(model, optimizer, enabled: compiled) { (x: Tensor<Float>, y: Tensor<Float>) in
            let loss = criterion(model(x), y)
            optimizer.zeroGrad()
            loss.backward()
            optimizer.step()
            return loss
        }
        let x = Tensor<Float>((0..<100).map { Float($0) / 100 }, shape: [100, 1])
        let y = x * 2 + 1
        let losses = (0..<steps).map { _ in step(x, y).item() }
        return (losses, model.parameters().map(\.scalars), step)
    }

    @Test func linearRegressionEqualsEagerBitwise() {
        let eager = linearRun(compiled: false, steps: 30)
        let compiled = linearRun(compiled: true, steps: 30)
        #expect(compiled.losses.map(\.bitPattern) == eager.losses.map(\.bitPattern))
        #expect(compiled.parameters.map { $0.map(\.bitPattern) } == eager.parameters.map { $0.map(\.bitPattern) })
        #expect(compiled.step.eagerCalls == 1)
        #expect(compiled.step.tracedCalls == 1)
        #expect(compiled.step.replayedCalls == 28)
        #expect(compiled.step.eagerReason == nil)
    }
}
