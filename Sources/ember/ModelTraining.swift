import Ember
import EmberDistributed
import Foundation

/// Trains any `Module<Float>` with MSE loss: full batch or shuffled mini-batches, the loss on a validation set after
/// every epoch, and early stopping that keeps the parameters of the best validation epoch. Under `mpirun` it trains
/// data-parallel over `group` (see `DataParallelShard`).
struct ModelTraining {
    let model: Module<Float>
    let optimizer: TrainingOptimizer
    let train: (x: Tensor<Float>, y: Tensor<Float>)
    let validation: (x: Tensor<Float>, y: Tensor<Float>)?
    /// Samples per step; `nil` (or at least the training set's size) trains on the full batch.
    let batchSize: Int?
    let epochs: Int
    /// Stop when the validation loss has not improved for this many epochs, and restore the best parameters.
    let patience: Int?
    /// Seeds the mini-batch shuffling.
    let seed: UInt64
    /// The learning rate, for the divergence message.
    let learningRate: Float
    /// Multiplies every reported loss (σ_y² turns a loss on a standardised target into the target's units).
    var lossScale: Double = 1
    /// The processes that train together (this one alone outside `mpirun`).
    var group: ProcessGroup = Launch.group

    struct Result {
        /// The training loss of each epoch run (the mean of its mini-batch losses, before each step), for the first
        /// `historyLimit` epochs, so that long runs keep a flat memory.
        var trainLosses: [Double]
        /// The validation loss after each epoch run, for the first `historyLimit` epochs; empty without a validation set.
        var validationLosses: [Double]
        var epochsRun: Int
        /// The 0-based epoch whose parameters the model holds when early stopping restored them.
        var bestEpoch: Int?
        var stoppedEarly: Bool
        var trainSeconds: Double
        /// The loss on the whole training set with the final parameters.
        var finalLoss: Double
        /// The loss on the validation set with the final parameters.
        var finalValidationLoss: Double?
    }

    /// How many epochs' losses `Result` keeps.
    static let historyLimit = 100_000

    /// Runs the epochs; `onEpoch(epoch, trainLoss, validationLoss)` sees every one.
    /// - Throws: `CLIError` naming the epoch where the loss stopped being finite.
    func run(onEpoch: (Int, Double, Double?) -> Void = { _, _, _ in }) throws -> Result {
        let criterion = MSELoss()
        let parameters = model.parameters()
        let shard = try DataParallelShard(model: model, train: train, batchSize: batchSize, seed: seed, group: group)
        var trainLosses: [Double] = [], validationLosses: [Double] = []
        trainLosses.reserveCapacity(min(epochs, Self.historyLimit))
        validationLosses.reserveCapacity(validation == nil ? 0 : min(epochs, Self.historyLimit))
        var epochsRun = 0
        var best: (epoch: Int, loss: Double, values: [[Float]])?
        var stoppedEarly = false
        let start = DispatchTime.now().uptimeNanoseconds
        model.train()
        for epoch in 0..<epochs {
            let epochLoss = shard.epoch(epoch) { xb, yb in step(criterion, xb, yb, shard.ddp) } * lossScale
            guard epochLoss.isFinite else {
                throw CLIError("training diverged: the loss became \(epochLoss) at epoch \(epoch) with learning rate "
                    + "\(learningRate); try a smaller --lr")
            }
            epochsRun = epoch + 1
            if epoch < Self.historyLimit { trainLosses.append(epochLoss) }
            var validationLoss: Double?
            if let validation {
                let loss = withNoGrad { Double(criterion(model(validation.x), validation.y).item()) } * lossScale
                if epoch < Self.historyLimit { validationLosses.append(loss) }
                validationLoss = loss
                if patience != nil, loss.isFinite, loss < best?.loss ?? .infinity {
                    best = (epoch, loss, parameters.map(\.scalars))
                }
            }
            onEpoch(epoch, epochLoss, validationLoss)
            if let patience, let best, epoch - best.epoch >= patience {
                stoppedEarly = true
                break
            }
        }
        let seconds = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
        if let best, best.epoch != epochsRun - 1 {
            for (parameter, values) in zip(parameters, best.values) {
                parameter.withUnsafeMutableBufferPointer { _ = $0.update(fromContentsOf: values) }
            }
        }
        model.eval()
        let finalLoss = withNoGrad { Double(criterion(model(train.x), train.y).item()) } * lossScale
        let finalValidationLoss = validation.map { validation in
            withNoGrad { Double(criterion(model(validation.x), validation.y).item()) } * lossScale
        }
        return Result(trainLosses: trainLosses, validationLosses: validationLosses, epochsRun: epochsRun,
                      bestEpoch: best?.epoch, stoppedEarly: stoppedEarly, trainSeconds: seconds,
                      finalLoss: finalLoss, finalValidationLoss: finalValidationLoss)
    }

    /// One step on one batch; returns the batch's loss before the step.
    private func step(_ criterion: MSELoss, _ x: Tensor<Float>, _ y: Tensor<Float>,
                      _ ddp: DistributedDataParallel<Float>?) -> Float {
        let loss = criterion(model(x), y)
        optimizer.zeroGrad()
        loss.backward()
        ddp?.synchronizeGradients()
        optimizer.step()
        return loss.item()
    }
}
