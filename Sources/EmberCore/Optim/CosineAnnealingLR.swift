import EmberBackend
import Foundation

/// Anneals the learning rate from its base to `etaMin` along half a cosine over `tMax` epochs, like
/// `torch.optim.lr_scheduler.CosineAnnealingLR` (SGDR without restarts):
///
/// ```text
/// lr(t) = etaMin + (baseLR − etaMin) · (1 + cos(π · t / tMax)) / 2
/// ```
///
/// `lr(0)` is the base and `lr(tMax) == etaMin`. Past `tMax` the same formula continues, so the learning rate
/// rises again towards the base at `2 · tMax` (PyTorch's recursive form follows the same curve); stop stepping at
/// `tMax` to stay at `etaMin`.
///
/// ```swift
/// let w = Parameter(Tensor<Float>([1]))
/// let optimizer = SGD([w], lr: 0.1)
/// let scheduler = CosineAnnealingLR(optimizer, tMax: 10, etaMin: 0.001)
/// for _ in 0..<10 { scheduler.step() }   // optimizer.learningRate == 0.001
/// ```
public final class CosineAnnealingLR<Optimized: Optimizer>: LRScheduler {
    public let optimizer: Optimized
    public let baseLearningRate: Optimized.Scalar
    public private(set) var epoch = 0
    public private(set) var lastLearningRate: Optimized.Scalar
    /// The number of epochs from the base learning rate down to `etaMin`.
    public let tMax: Int
    /// The minimum learning rate.
    public let etaMin: Optimized.Scalar

    /// - Parameters:
    ///   - optimizer: the optimizer whose learning rate to anneal; its current learning rate is the base.
    ///   - tMax: the number of epochs of the half cosine, positive.
    ///   - etaMin: the learning rate reached at `tMax`, non-negative and finite.
    public init(_ optimizer: Optimized, tMax: Int, etaMin: Optimized.Scalar = 0) {
        emberPrecondition(tMax > 0, "CosineAnnealingLR: tMax must be positive, got \(tMax)")
        emberPrecondition(etaMin >= 0 && etaMin.isFinite,
                     "CosineAnnealingLR: etaMin must be non-negative and finite, got \(etaMin)")
        self.optimizer = optimizer
        self.tMax = tMax
        self.etaMin = etaMin
        baseLearningRate = optimizer.learningRate
        lastLearningRate = optimizer.learningRate
    }

    public func learningRate(atEpoch epoch: Int) -> Optimized.Scalar {
        let base = Double(baseLearningRate), minimum = Double(etaMin)
        let cosine = Foundation.cos(Double.pi * Double(epoch) / Double(tMax))
        return Optimized.Scalar(minimum + (base - minimum) * (1 + cosine) / 2)
    }

    public func step() {
        // Traced by a compiled step: re-run live at every replay, reading this step's settings anew.
        if CompileTracing.isTracing { return CompileTracing.liveRegion(step) }
        epoch += 1
        lastLearningRate = learningRate(atEpoch: epoch)
        optimizer.learningRate = lastLearningRate
    }
}
