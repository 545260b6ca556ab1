import EmberBackend
import Foundation

/// Multiplies the learning rate by `gamma` every `stepSize` epochs, like `torch.optim.lr_scheduler.StepLR`:
///
/// ```text
/// lr(t) = baseLR · gamma^⌊t / stepSize⌋
/// ```
///
/// ```swift
/// let w = Parameter(Tensor<Float>([1]))
/// let optimizer = SGD([w], lr: 0.1)
/// let scheduler = StepLR(optimizer, stepSize: 30)
/// // epochs 0–29: lr 0.1, epochs 30–59: lr 0.01, epochs 60–89: lr 0.001, …
/// for _ in 0..<90 { scheduler.step() }
/// ```
public final class StepLR<Optimized: Optimizer>: LRScheduler {
    public let optimizer: Optimized
    public let baseLearningRate: Optimized.Scalar
    public private(set) var epoch = 0
    public private(set) var lastLearningRate: Optimized.Scalar
    /// The number of epochs between two decays.
    public let stepSize: Int
    /// The factor applied at each decay.
    public let gamma: Optimized.Scalar

    /// - Parameters:
    ///   - optimizer: the optimizer whose learning rate to decay; its current learning rate is the base.
    ///   - stepSize: the number of epochs between two decays, positive.
    ///   - gamma: the multiplicative factor, positive and finite.
    public init(_ optimizer: Optimized, stepSize: Int, gamma: Optimized.Scalar = 0.1) {
        emberPrecondition(stepSize > 0, "StepLR: stepSize must be positive, got \(stepSize)")
        emberPrecondition(gamma > 0 && gamma.isFinite, "StepLR: gamma must be positive and finite, got \(gamma)")
        self.optimizer = optimizer
        self.stepSize = stepSize
        self.gamma = gamma
        baseLearningRate = optimizer.learningRate
        lastLearningRate = optimizer.learningRate
    }

    public func learningRate(atEpoch epoch: Int) -> Optimized.Scalar {
        Optimized.Scalar(Double(baseLearningRate) * Foundation.pow(Double(gamma), Double(epoch / stepSize)))
    }

    public func step() {
        // Traced by a compiled step: re-run live at every replay, reading this step's settings anew.
        if CompileTracing.isTracing { return CompileTracing.liveRegion(step) }
        epoch += 1
        lastLearningRate = learningRate(atEpoch: epoch)
        optimizer.learningRate = lastLearningRate
    }
}
