import EmberBackend

/// The Huber loss, like `torch.nn.HuberLoss`: `½d²` where `|d| < delta`, else `delta·(|d| − ½·delta)`, for
/// `d = input − target`; quadratic near 0, linear (robust to outliers) beyond `delta`.
///
/// ```swift
/// let loss = HuberLoss(delta: 1)(Tensor<Float>([0.5, 3]), Tensor<Float>([0, 0]))   // (0.125 + 2.5) / 2
/// ```
public struct HuberLoss: Sendable {
    public var delta: Double
    public var reduction: LossReduction

    public init(delta: Double = 1, reduction: LossReduction = .mean) {
        precondition(delta > 0, "huber_loss: delta must be positive, got \(delta)")
        self.delta = delta
        self.reduction = reduction
    }

    /// - Precondition: `input` and `target` have the same shape.
    public func callAsFunction<Scalar>(_ input: Tensor<Scalar>, _ target: Tensor<Scalar>) -> Tensor<Scalar> {
        checkLossShapes("huber_loss", input, target)
        return reduction.apply(huber(input - target, delta: Scalar(delta)))
    }
}

/// The smooth L1 loss, like `torch.nn.SmoothL1Loss`: `½d²/beta` where `|d| < beta`, else `|d| − ½·beta`
/// (the Huber loss divided by `beta`; the L1 loss for `beta = 0`).
public struct SmoothL1Loss: Sendable {
    public var beta: Double
    public var reduction: LossReduction

    public init(beta: Double = 1, reduction: LossReduction = .mean) {
        precondition(beta >= 0, "smooth_l1_loss: beta must be non-negative, got \(beta)")
        self.beta = beta
        self.reduction = reduction
    }

    /// - Precondition: `input` and `target` have the same shape.
    public func callAsFunction<Scalar>(_ input: Tensor<Scalar>, _ target: Tensor<Scalar>) -> Tensor<Scalar> {
        checkLossShapes("smooth_l1_loss", input, target)
        let difference = input - target
        return reduction.apply(beta == 0 ? difference.abs() : huber(difference, delta: Scalar(beta)) / Scalar(beta))
    }
}

/// `q·(|d| − q/2)` with `q = min(|d|, delta)`: `½d²` inside `delta`, `delta·(|d| − ½·delta)` outside, and the
/// gradient `clamp(d, −delta, delta)` through the composition.
func huber<Scalar>(_ difference: Tensor<Scalar>, delta: Scalar) -> Tensor<Scalar> {
    let magnitude = difference.abs()
    let q = magnitude.clamp(max: delta)
    return q * (magnitude - q * 0.5)
}
