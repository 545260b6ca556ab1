import Ember
import Testing

/// The library's training loop: the loss it is given, evaluation mode around validation, divergence, early stopping.
@Suite struct ModelTrainingTests {
    static var x: Tensor<Double> { Tensor([[0], [1], [2], [3], [4], [5]]) }
    static var y: Tensor<Double> { Tensor([[1], [3], [5], [7], [9], [100]]) }   // y = 2x + 1 with one outlier

    /// A module that records the mode it was called in.
    final class ModeProbe: Module<Double> {
        let linear = Linear<Double>(weight: Tensor([[0]]), bias: Tensor([0]))
        nonisolated(unsafe) var modes: [Bool] = []
        override func forward(_ x: Tensor<Double>) -> Tensor<Double> {
            modes.append(isTraining)
            return linear(x)
        }
    }

    @Test func trainsWithTheGivenLossAndValidatesInEvaluationMode() throws {
        let model = ModeProbe()
        // L1 is robust to the outlier: it ends near the line through the other points, MSE does not.
        let run = try ModelTraining(model: model, optimizer: Adam(model.parameters(), lr: 0.05),
                                    train: (Self.x, Self.y), validation: (Self.x, Self.y), batchSize: nil,
                                    epochs: 2000, patience: nil, seed: 0, loss: { L1Loss()($0, $1) })
            .run()
        let slope = model.linear.weight.item(), intercept = model.linear.bias!.item()
        #expect(abs(slope - 2) < 0.1 && abs(intercept - 1) < 0.2, "slope \(slope), intercept \(intercept)")
        let expectedL1 = (Self.x * slope + intercept - Self.y).abs().mean().item()
        #expect(abs(run.finalLoss - expectedL1) < 1e-12)
        // Each epoch: one training forward pass, then one validation pass in evaluation mode; evaluation at the end.
        #expect(Array(model.modes.prefix(4)) == [true, false, true, false])
        #expect(model.modes.suffix(2) == [false, false] && !model.isTraining)
    }

    @Test func aNonFiniteLossIsADivergenceError() {
        let model = Linear<Double>(weight: Tensor([[1]]), bias: Tensor([0]))
        #expect(throws: TrainingError.diverged(epoch: 0, loss: .infinity, learningRate: 0.1)) {
            try ModelTraining(model: model, optimizer: SGD(model.parameters(), lr: 0.1), train: (Self.x, Self.y),
                              validation: nil, batchSize: nil, epochs: 3, patience: nil, seed: 0,
                              loss: { prediction, _ in prediction.sum() / 0 }).run()
        }
    }
}
