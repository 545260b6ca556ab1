import EmberBackend
import Foundation

/// Multiplies the learning rate by `gamma` every epoch, like `torch.optim.lr_scheduler.ExponentialLR`:
///
/// ```text
/// lr(t) = baseLR · gammaᵗ
/// ```
///
/// ```swift
/// let w = Parameter(Tensor<Float>([1]))
/// let optimizer = Adam([w], lr: 0.01)
/// let scheduler = ExponentialLR(optimizer, gamma: 0.9)
/// scheduler.step()   // optimizer.learningRate ≈ 0.009 (0.01 · 0.9)
/// ```
public final class ExponentialLR<Optimized: Optimizer>: LRScheduler {
    public let optimizer: Optimized
    public let baseLearningRate: Optimized.Scalar
    public private(set) var epoch = 0
    public private(set) var lastLearningRate: Optimized.Scalar
    /// The factor applied every epoch.
    public let gamma: Optimized.Scalar

    /// - Parameters:
    ///   - optimizer: the optimizer whose learning rate to decay; its current learning rate is the base.
    ///   - gamma: the multiplicative factor, positive and finite.
    public init(_ optimizer: Optimized, gamma: Optimized.Scalar) {
        emberPrecondition(gamma > 0 && gamma.isFinite, "ExponentialLR: gamma must be positive and finite, got \(gamma)")
        self.optimizer = optimizer
        self.gamma = gamma
        baseLearningRate = optimizer.learningRate
        lastLearningRate = optimizer.learningRate
    }

    public func learningRate(atEpoch epoch: Int) -> Optimized.Scalar {
        Optimized.Scalar(Double(baseLearningRate) * Foundation.pow(Double(gamma), Double(epoch)))
    }

    public func step() {
        // Traced by a compiled step: re-run live at every replay, reading this step's settings anew.
        if CompileTracing.isTracing { return CompileTracing.liveRegion(step) }
        epoch += 1
        lastLearningRate = learningRate(atEpoch: epoch)
        optimizer.learningRate = lastLearningRate
    }
}
