import EmberBackend
import Foundation

/// A training loop for any module: full batch or shuffled mini-batches, the loss on a validation set after every
/// epoch, and early stopping that keeps the parameters of the best validation epoch.
///
/// Each step is PyTorch's: forward, loss, `zeroGrad()`, `backward()`, `step()`. The model is in training mode during
/// the epochs (`train()`, so `Dropout` is active) and in evaluation mode (`eval()`) for every validation loss and
/// after the run.
///
/// ```swift
/// let x = Tensor<Float>.linspace(0, 1, steps: 32).reshape([32, 1]), y = x * 2 + 1
/// let model = Linear<Float>(1, 1)
/// let run = try ModelTraining(model: model, optimizer: SGD(model.parameters(), lr: 0.5), train: (x, y),
///                             validation: nil, batchSize: 8, epochs: 100, patience: nil, seed: 0).run()
/// print(run.finalLoss)   // the MSE on the whole training set after 100 epochs
/// ```
public struct ModelTraining<Scalar: TensorScalar> {
    /// The loss of a batch: `loss(model(x), y)`, reduced to a scalar with a gradient.
    public typealias Loss = (_ prediction: Tensor<Scalar>, _ target: Tensor<Scalar>) -> Tensor<Scalar>

    public let model: Module<Scalar>
    public let optimizer: any Optimizer<Scalar>
    public let train: (x: Tensor<Scalar>, y: Tensor<Scalar>)
    public let validation: (x: Tensor<Scalar>, y: Tensor<Scalar>)?
    /// Samples per step; `nil` (or at least the training set's size) trains on the full batch.
    public let batchSize: Int?
    public let epochs: Int
    /// Stop when the validation loss has not improved for this many epochs, and restore the best parameters.
    public let patience: Int?
    /// Seeds the mini-batch shuffling.
    public let seed: UInt64
    /// Multiplies every reported loss (σ_y² turns a loss on a standardised target into the target's units).
    public var lossScale: Double
    /// The loss; mean squared error unless given. Targets are `Scalar` tensors: class indices for a classification
    /// loss are stored as `Scalar` values (exact up to 2²⁴ in `Float`) and turned into an `IndexTensor` inside it.
    public var loss: Loss
    /// Runs one epoch: calls `step(x, y)` on each batch and returns the epoch's mean loss. `nil` (the default) runs
    /// the full batch, or shuffled mini-batches of `batchSize` from a `DataLoader` seeded with `seed`; a data-parallel
    /// run supplies its own (this process's share of every batch, the loss averaged over the processes).
    public var epochBatches: ((_ epoch: Int, _ step: (Tensor<Scalar>, Tensor<Scalar>) -> Scalar) -> Double)?
    /// Called after each `backward()` and before `optimizer.step()`, for example to average the gradients over
    /// processes.
    public var afterBackward: (() -> Void)?
    /// Runs each step as a compiled step (`compile(_:_:_:)`): traced once, then replayed. Ignored with
    /// `afterBackward` (a data-parallel gradient exchange runs on the host between backward and step).
    public var compiles = false
    /// The loss against class indices, for `compiles` with class targets: each batch's target tensor (class
    /// indices stored as values) becomes an `IndexTensor` before the compiled step, which a host read inside
    /// `loss` would keep eager.
    public var labelLoss: ((_ logits: Tensor<Scalar>, _ labels: IndexTensor) -> Tensor<Scalar>)?

    /// - Parameters:
    ///   - model: the module to train; its parameters are the optimizer's.
    ///   - optimizer: steps the parameters.
    ///   - train: the training inputs and targets, one sample per row.
    ///   - validation: the validation inputs and targets, or `nil`.
    ///   - batchSize: samples per step (`nil`: the full batch); positive.
    ///   - epochs: passes over the training set.
    ///   - patience: early-stopping patience in epochs, or `nil` for none (needs `validation`).
    ///   - seed: seeds the mini-batch order.
    ///   - lossScale: multiplies every reported loss.
    ///   - loss: the loss of a batch (default: `MSELoss()`).
    public init(model: Module<Scalar>, optimizer: any Optimizer<Scalar>, train: (x: Tensor<Scalar>, y: Tensor<Scalar>),
                validation: (x: Tensor<Scalar>, y: Tensor<Scalar>)?, batchSize: Int?, epochs: Int, patience: Int?,
                seed: UInt64, lossScale: Double = 1, loss: @escaping Loss = { MSELoss()($0, $1) }) {
        self.model = model
        self.optimizer = optimizer
        self.train = train
        self.validation = validation
        self.batchSize = batchSize
        self.epochs = epochs
        self.patience = patience
        self.seed = seed
        self.lossScale = lossScale
        self.loss = loss
    }

    public struct Result {
        /// The training loss of each epoch run (the mean of its mini-batch losses, before each step), for the first
        /// `historyLimit` epochs, so that long runs keep a flat memory.
        public var trainLosses: [Double]
        /// The validation loss after each epoch run, for the first `historyLimit` epochs; empty without a validation set.
        public var validationLosses: [Double]
        public var epochsRun: Int
        /// The 0-based epoch whose parameters the model holds when early stopping restored them.
        public var bestEpoch: Int?
        public var stoppedEarly: Bool
        public var trainSeconds: Double
        /// The loss on the whole training set with the final parameters.
        public var finalLoss: Double
        /// The loss on the validation set with the final parameters.
        public var finalValidationLoss: Double?
    }

    /// How many epochs' losses `Result` keeps.
    public static var historyLimit: Int { 100_000 }

    /// Runs the epochs; `onEpoch(epoch, trainLoss, validationLoss)` sees every one (with the model in evaluation mode).
    /// - Throws: `TrainingError.diverged` naming the epoch where the loss stopped being finite.
    public func run(onEpoch: (Int, Double, Double?) -> Void = { _, _, _ in }) throws(TrainingError) -> Result {
        let parameters = model.parameters()
        let trainCount = train.x.shape[0]
        let loader = epochBatches != nil ? nil : batchSize.flatMap { size in
            size < trainCount
                ? DataLoader(TensorDataset(features: train.x, targets: train.y), batchSize: size, shuffle: true, seed: seed)
                : nil
        }
        var trainLosses: [Double] = [], validationLosses: [Double] = []
        trainLosses.reserveCapacity(min(epochs, Self.historyLimit))
        validationLosses.reserveCapacity(validation == nil ? 0 : min(epochs, Self.historyLimit))
        var epochsRun = 0
        var best: (epoch: Int, loss: Double, values: [[Scalar]])?
        var stoppedEarly = false
        let step = makeStep()   // eager, or compiled with `compiles` (ModelTraining+Compile.swift)
        let start = DispatchTime.now().uptimeNanoseconds
        for epoch in 0..<epochs {
            model.train()
            var epochLoss: Double
            if let epochBatches {
                epochLoss = epochBatches(epoch, step)
            } else if let loader {
                var total = 0.0
                for (xb, yb) in loader {
                    total += Double(step(xb, yb)) * Double(xb.shape[0])
                }
                epochLoss = total / Double(trainCount)
            } else {
                epochLoss = Double(step(train.x, train.y))
            }
            epochLoss *= lossScale
            guard epochLoss.isFinite else {
                throw .diverged(epoch: epoch, loss: epochLoss, learningRate: Double(optimizer.learningRate))
            }
            epochsRun = epoch + 1
            if epoch < Self.historyLimit { trainLosses.append(epochLoss) }
            model.eval()
            var validationLoss: Double?
            if let validation {
                let loss = evaluate(validation)
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
        return Result(trainLosses: trainLosses, validationLosses: validationLosses, epochsRun: epochsRun,
                      bestEpoch: best?.epoch, stoppedEarly: stoppedEarly, trainSeconds: seconds,
                      finalLoss: evaluate(train), finalValidationLoss: validation.map(evaluate))
    }

    /// The scaled loss of the model on `data`, without a gradient.
    private func evaluate(_ data: (x: Tensor<Scalar>, y: Tensor<Scalar>)) -> Double {
        withNoGrad { Double(loss(model(data.x), data.y).item()) } * lossScale
    }

    /// One step on one batch; returns the batch's loss before the step.
    func step(_ x: Tensor<Scalar>, _ y: Tensor<Scalar>) -> Scalar {
        let value = loss(model(x), y)
        optimizer.zeroGrad()
        value.backward()
        afterBackward?()
        optimizer.step()
        return value.item()
    }
}
