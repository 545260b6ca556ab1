import EmberBackend
import Foundation

/// Adam, following `torch.optim.Adam`'s update rule exactly (per parameter, `t` counting that parameter's steps):
///
/// ```text
/// g  = grad + weightDecay · p                    (L2 penalty, coupled: it goes through the moments)
/// m  = β₁ · m + (1 − β₁) · g                     (m₀ = 0)
/// v  = β₂ · v + (1 − β₂) · g²                    (v₀ = 0)
/// v̂  = amsgrad ? (vmax = max(vmax, v)) : v        (vmax₀ = 0; the maximum is kept of the raw v)
/// p  = p − (lr / (1 − β₁ᵗ)) · m / (√v̂ / √(1 − β₂ᵗ) + ε)
/// ```
///
/// Note where ε goes: it is added after the square root and after the second-moment bias correction, as PyTorch
/// does, so the step is `lr · m̂ / (√v̂_corrected + ε)`. Parameters without a gradient are skipped and their step
/// count `t` does not advance. The update runs on in-place kernels: after each parameter's first step, a step
/// allocates no tensors.
///
/// ```swift
/// let w = Parameter(Tensor<Double>([1]))
/// let optimizer = Adam([w], lr: 0.1)
/// (w * w).sum().backward()
/// optimizer.step()   // the first Adam step moves each weight by about lr: w ≈ 0.9
/// ```
public final class Adam<Scalar: TensorScalar>: Optimizer {
    public let parameters: [Parameter<Scalar>]
    public var learningRate: Scalar
    /// The decay rates (β₁, β₂) of the first and second moment averages.
    public let betas: (Scalar, Scalar)
    /// The term added to the denominator for numerical stability.
    public let eps: Scalar
    /// The L2 penalty added to each gradient (coupled; see `AdamW` for decoupled weight decay).
    public let weightDecay: Scalar
    /// Whether the AMSGrad variant (the running maximum of the second moment) is used.
    public let amsgrad: Bool
    @usableFromInline var states: [AdamParameterState<Scalar>?]

    /// - Parameters:
    ///   - parameters: the parameters to update, such as `model.parameters()`.
    ///   - lr: the learning rate, positive and finite.
    ///   - betas: the decay rates of the moment averages, each in [0, 1).
    ///   - eps: added to the denominator, non-negative.
    ///   - weightDecay: L2 penalty added to each gradient, non-negative.
    ///   - amsgrad: use the AMSGrad variant from "On the Convergence of Adam and Beyond".
    @inlinable
    public init(_ parameters: [Parameter<Scalar>], lr: Scalar = 1e-3, betas: (Scalar, Scalar) = (0.9, 0.999),
                eps: Scalar = 1e-8, weightDecay: Scalar = 0, amsgrad: Bool = false) {
        validateAdamHyperparameters("Adam", lr: lr, betas: betas, eps: eps, weightDecay: weightDecay)
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
            let state = states[i] ?? AdamParameterState(like: parameter, amsgrad: amsgrad)
            states[i] = state
            state.update(parameter, grad: grad, lr: learningRate, betas: betas, eps: eps, l2Penalty: weightDecay)
        }
    }
}

/// Checks Adam's and AdamW's hyper-parameters with messages naming the optimizer and the value.
@inlinable
func validateAdamHyperparameters<Scalar: TensorScalar>(_ name: String, lr: Scalar, betas: (Scalar, Scalar),
                                                        eps: Scalar, weightDecay: Scalar) {
    requireHyperparameter(lr > 0 && lr.isFinite, name, "learning rate must be positive and finite, got \(lr)")
    requireHyperparameter(betas.0 >= 0 && betas.0 < 1, name, "beta1 must be in [0, 1), got \(betas.0)")
    requireHyperparameter(betas.1 >= 0 && betas.1 < 1, name, "beta2 must be in [0, 1), got \(betas.1)")
    requireHyperparameter(eps >= 0 && eps.isFinite, name, "eps must be non-negative and finite, got \(eps)")
    requireHyperparameter(weightDecay >= 0 && weightDecay.isFinite, name,
                          "weight decay must be non-negative and finite, got \(weightDecay)")
}

/// One parameter's Adam state (PyTorch's `state[p]`): its step count, the moment averages, the AMSGrad maximum and
/// a scratch buffer, all of the parameter's shape and allocated once.
@usableFromInline
final class AdamParameterState<Scalar: TensorScalar> {
    @usableFromInline var stepCount = 0
    @usableFromInline let expAvg: Tensor<Scalar>
    @usableFromInline let expAvgSq: Tensor<Scalar>
    @usableFromInline let maxExpAvgSq: Tensor<Scalar>?
    @usableFromInline let scratch: Tensor<Scalar>

    @inlinable
    init(like parameter: Tensor<Scalar>, amsgrad: Bool) {
        expAvg = Tensor.zeros(parameter.shape)
        expAvgSq = Tensor.zeros(parameter.shape)
        maxExpAvgSq = amsgrad ? Tensor.zeros(parameter.shape) : nil
        scratch = Tensor.zeros(parameter.shape)
    }

    /// Applies one Adam step to `parameter` (see `Adam` for the rule); `l2Penalty` is the coupled weight decay.
    @inlinable
    func update(_ parameter: Tensor<Scalar>, grad: Tensor<Scalar>, lr: Scalar, betas: (Scalar, Scalar),
                eps: Scalar, l2Penalty: Scalar) {
        stepCount += 1
        let (beta1, beta2) = betas
        var g = grad
        if l2Penalty != 0 {
            scratch.copyInPlace(from: grad)
            scratch.addInPlace(parameter, alpha: l2Penalty)
            g = scratch
        }
        expAvg.scaleInPlace(beta1)
        expAvg.addInPlace(g, alpha: 1 - beta1)
        scratch.assign(.mul, g, g)
        expAvgSq.scaleInPlace(beta2)
        expAvgSq.addInPlace(scratch, alpha: 1 - beta2)

        // The bias corrections in Double, as PyTorch computes them in Python floats.
        let biasCorrection1 = 1 - Foundation.pow(Double(beta1), Double(stepCount))
        let biasCorrection2Sqrt = Scalar((1 - Foundation.pow(Double(beta2), Double(stepCount))).squareRoot())
        let stepSize = Scalar(Double(lr) / biasCorrection1)
        let secondMoment: Tensor<Scalar>
        if let maxExpAvgSq {
            maxExpAvgSq.applyInPlace(.maximum, expAvgSq)
            secondMoment = maxExpAvgSq
        } else {
            secondMoment = expAvgSq
        }
        // denominator = √v̂ / √(1 − β₂ᵗ) + ε, then the update m / denominator, all in `scratch`.
        scratch.copyInPlace(from: secondMoment)
        scratch.applyInPlace(.sqrt)
        scratch.applyInPlace(.div, scalar: biasCorrection2Sqrt)
        scratch.applyInPlace(.add, scalar: eps)
        scratch.assign(.div, expAvg, scratch)
        parameter.addInPlace(scratch, alpha: -stepSize)
    }
}
