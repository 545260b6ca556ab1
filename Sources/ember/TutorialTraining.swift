import Ember
import Foundation

/// The tutorial's training run, shared by `ember linreg` and `ember bench`: `RegressionModel`, MSE loss and SGD,
/// full-batch: forward, loss, zero grads, backward, step, for a number of epochs.
struct TutorialTraining {
    let x: Tensor<Float>
    let y: Tensor<Float>
    let epochs: Int
    let learningRate: Float

    struct Result {
        var weight: [Float]
        var bias: Float
        var finalLoss: Float
        var trainSeconds: Double
        /// The loss of each epoch, for the first `lossHistoryLimit` epochs (so that long runs keep a flat memory).
        var losses: [Float]
    }

    /// How many epochs' losses `Result.losses` keeps.
    static let lossHistoryLimit = 100_000

    /// Trains and returns the fit; `onEpoch(epoch, loss)` sees every epoch's loss.
    /// - Throws: `CLIError` naming the epoch where the loss stopped being finite.
    func train(onEpoch: (Int, Float) -> Void = { _, _ in }) throws -> Result {
        let model = RegressionModel(features: x.rank == 1 ? 1 : x.shape[1])
        let criterion = MSELoss()
        let optimizer = SGD(model.parameters(), lr: learningRate)
        var losses: [Float] = []
        losses.reserveCapacity(min(epochs, Self.lossHistoryLimit))
        let start = DispatchTime.now().uptimeNanoseconds
        for epoch in 0..<epochs {
            let loss = criterion(model(x), y)
            optimizer.zeroGrad()
            loss.backward()
            optimizer.step()
            let value = loss.item()
            guard value.isFinite else {
                throw CLIError("training diverged: the loss became \(value) at epoch \(epoch) with learning rate "
                    + "\(learningRate); try a smaller --lr")
            }
            if epoch < Self.lossHistoryLimit { losses.append(value) }
            onEpoch(epoch, value)
        }
        let seconds = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
        let finalLoss = withNoGrad { criterion(model(x), y).item() }
        return Result(weight: model.weight.scalars, bias: model.bias.item(), finalLoss: finalLoss,
                      trainSeconds: seconds, losses: losses)
    }
}
