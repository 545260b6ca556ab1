import EmberBackend

/// Adam with decoupled weight decay, following `torch.optim.AdamW`'s update rule exactly (per parameter, `t`
/// counting that parameter's steps):
///
/// ```text
/// p  = p · (1 − lr · weightDecay)                (decoupled: the decay never enters the moments)
/// m  = β₁ · m + (1 − β₁) · grad                  (m₀ = 0)
/// v  = β₂ · v + (1 − β₂) · grad²                 (v₀ = 0)
/// v̂  = amsgrad ? (vmax = max(vmax, v)) : v        (vmax₀ = 0)
/// p  = p − (lr / (1 − β₁ᵗ)) · m / (√v̂ / √(1 − β₂ᵗ) + ε)
/// ```
///
/// The decay uses the learning rate in force, so a scheduler scales it too (as in PyTorch). Parameters without a
/// gradient are skipped (neither decayed nor updated).
///
/// ```swift
/// let w = Parameter(Tensor<Double>([1]))
/// let optimizer = AdamW([w], lr: 0.1, weightDecay: 0.01)
/// (w * w).sum().backward()
/// optimizer.step()   // w = 1 · (1 − 0.1 · 0.01) − 0.1 · (about 1) ≈ 0.899
/// ```
public final class AdamW<Scalar: TensorScalar>: Optimizer {
    public let parameters: [Parameter<Scalar>]
    public var learningRate: Scalar
    /// The decay rates (β₁, β₂) of the first and second moment averages.
    public let betas: (Scalar, Scalar)
    /// The term added to the denominator for numerical stability.
    public let eps: Scalar
    /// The decoupled weight decay: each step multiplies the parameters by `1 − lr · weightDecay`.
    public let weightDecay: Scalar
    /// Whether the AMSGrad variant (the running maximum of the second moment) is used.
    public let amsgrad: Bool
    @usableFromInline var states: [AdamParameterState<Scalar>?]

    /// - Parameters:
    ///   - parameters: the parameters to update, such as `model.parameters()`.
    ///   - lr: the learning rate, positive and finite.
    ///   - betas: the decay rates of the moment averages, each in [0, 1).
    ///   - eps: added to the denominator, non-negative.
    ///   - weightDecay: the decoupled weight decay, non-negative (PyTorch's default 0.01).
    ///   - amsgrad: use the AMSGrad variant from "On the Convergence of Adam and Beyond".
    @inlinable
    public init(_ parameters: [Parameter<Scalar>], lr: Scalar = 1e-3, betas: (Scalar, Scalar) = (0.9, 0.999),
                eps: Scalar = 1e-8, weightDecay: Scalar = 1e-2, amsgrad: Bool = false) {
        validateAdamHyperparameters("AdamW", lr: lr, betas: betas, eps: eps, weightDecay: weightDecay)
        self.parameters = parameters
        self.learningRate = lr
        self.betas = betas
        self.eps = eps
        self.weightDecay = weightDecay
        self.amsgrad = amsgrad
        states = Array(repeating: nil, count: parameters.count)
    }

    @inlinable
    public func step() {
        // Traced by a compiled step: re-run live at every replay, reading this step's settings anew.
        if CompileTracing.isTracing { return CompileTracing.liveRegion(step) }
        for (i, parameter) in parameters.enumerated() {
            guard let grad = parameter.grad else { continue }
            if weightDecay != 0 { parameter.scaleInPlace(1 - learningRate * weightDecay) }
            let state = states[i] ?? AdamParameterState(like: parameter, amsgrad: amsgrad)
            states[i] = state
            state.update(parameter, grad: grad, lr: learningRate, betas: betas, eps: eps, l2Penalty: 0)
        }
    }
}
