import EmberBackend

/// RMSprop, following `torch.optim.RMSprop`'s update rule exactly:
///
/// ```text
/// g   = grad + weightDecay · p
/// v   = α · v + (1 − α) · g²                     (v₀ = 0)
/// ḡ   = α · ḡ + (1 − α) · g                      (centered only; ḡ₀ = 0)
/// d   = √(centered ? v − ḡ² : v) + ε             (ε added after the square root)
/// b   = μ · b + g / d                            (momentum μ > 0 only; b₀ = 0)
/// p   = p − lr · (μ > 0 ? b : g / d)
/// ```
///
/// Unlike Adam there is no bias correction, and unlike SGD the momentum buffer starts at zero (not at the first
/// gradient). Parameters without a gradient are skipped.
///
/// ```swift
/// let w = Parameter(Tensor<Double>([1]))
/// let optimizer = RMSprop([w], lr: 0.01)
/// (w * w).sum().backward()
/// optimizer.step()   // v = 0.01 · 4 = 0.04, w = 1 − 0.01 · 2 / (0.2 + 1e-8) ≈ 0.9
/// ```
public final class RMSprop<Scalar: TensorScalar>: Optimizer {
    public let parameters: [Parameter<Scalar>]
    public var learningRate: Scalar
    /// The smoothing constant α of the squared-gradient average.
    public let alpha: Scalar
    /// The term added to the denominator for numerical stability.
    public let eps: Scalar
    /// The L2 penalty added to each gradient.
    public let weightDecay: Scalar
    /// The momentum factor μ (0 for none).
    public let momentum: Scalar
    /// Whether the gradient is normalised by an estimate of its variance (`v − ḡ²`) instead of its second moment.
    public let centered: Bool
    @usableFromInline var states: [RMSpropParameterState<Scalar>?]

    /// - Parameters:
    ///   - parameters: the parameters to update, such as `model.parameters()`.
    ///   - lr: the learning rate, positive and finite.
    ///   - alpha: the smoothing constant, in [0, 1).
    ///   - eps: added to the denominator, non-negative.
    ///   - weightDecay: L2 penalty added to each gradient, non-negative.
    ///   - momentum: the momentum factor, non-negative.
    ///   - centered: normalise by the estimated variance of the gradient.
    @inlinable
    public init(_ parameters: [Parameter<Scalar>], lr: Scalar = 1e-2, alpha: Scalar = 0.99, eps: Scalar = 1e-8,
                weightDecay: Scalar = 0, momentum: Scalar = 0, centered: Bool = false) {
        requireHyperparameter(lr > 0 && lr.isFinite, "RMSprop", "learning rate must be positive and finite, got \(lr)")
        requireHyperparameter(alpha >= 0 && alpha < 1, "RMSprop", "alpha must be in [0, 1), got \(alpha)")
        requireHyperparameter(eps >= 0 && eps.isFinite, "RMSprop", "eps must be non-negative and finite, got \(eps)")
        requireHyperparameter(weightDecay >= 0 && weightDecay.isFinite, "RMSprop",
                              "weight decay must be non-negative and finite, got \(weightDecay)")
        requireHyperparameter(momentum >= 0 && momentum.isFinite, "RMSprop",
                              "momentum must be non-negative and finite, got \(momentum)")
        self.parameters = parameters
        self.learningRate = lr
        self.alpha = alpha
        self.eps = eps
        self.weightDecay = weightDecay
        self.momentum = momentum
        self.centered = centered
        states = Array(repeating: nil, count: parameters.count)
    }

    @inlinable
    public func step() {
        // Traced by a compiled step: re-run live at every replay, reading this step's settings anew.
        if CompileTracing.isTracing { return CompileTracing.liveRegion(step) }
        for (i, parameter) in parameters.enumerated() {
            guard let grad = parameter.grad else { continue }
            let state = states[i] ?? RMSpropParameterState(
                like: parameter, centered: centered, momentum: momentum != 0, weightDecay: weightDecay != 0)
            states[i] = state

            var g = grad
            if let decayed = state.decayedGrad {
                decayed.copyInPlace(from: grad)
                decayed.addInPlace(parameter, alpha: weightDecay)
                g = decayed
            }
            let denominator = state.scratch
            denominator.assign(.mul, g, g)
            state.squareAvg.scaleInPlace(alpha)
            state.squareAvg.addInPlace(denominator, alpha: 1 - alpha)
            if let gradAvg = state.gradAvg {
                gradAvg.scaleInPlace(alpha)
                gradAvg.addInPlace(g, alpha: 1 - alpha)
                denominator.assign(.mul, gradAvg, gradAvg)
                denominator.assign(.sub, state.squareAvg, denominator)
            } else {
                denominator.copyInPlace(from: state.squareAvg)
            }
            denominator.applyInPlace(.sqrt)
            denominator.applyInPlace(.add, scalar: eps)
            let update = denominator
            update.assign(.div, g, denominator)
            if let buffer = state.momentumBuffer {
                buffer.scaleInPlace(momentum)
                buffer.addInPlace(update)
                parameter.addInPlace(buffer, alpha: -learningRate)
            } else {
                parameter.addInPlace(update, alpha: -learningRate)
            }
        }
    }
}

/// One parameter's RMSprop state (PyTorch's `state[p]`), allocated on its first step.
@usableFromInline
final class RMSpropParameterState<Scalar: TensorScalar> {
    @usableFromInline let squareAvg: Tensor<Scalar>
    @usableFromInline let gradAvg: Tensor<Scalar>?
    @usableFromInline let momentumBuffer: Tensor<Scalar>?
    /// Holds `grad + weightDecay · p` when there is weight decay.
    @usableFromInline let decayedGrad: Tensor<Scalar>?
    /// Holds g², then the denominator, then the update.
    @usableFromInline let scratch: Tensor<Scalar>

    @inlinable
    init(like parameter: Tensor<Scalar>, centered: Bool, momentum: Bool, weightDecay: Bool) {
        squareAvg = Tensor.zeros(parameter.shape)
        gradAvg = centered ? Tensor.zeros(parameter.shape) : nil
        momentumBuffer = momentum ? Tensor.zeros(parameter.shape) : nil
        decayedGrad = weightDecay ? Tensor.zeros(parameter.shape) : nil
        scratch = Tensor.zeros(parameter.shape)
    }
}
