import EmberBackend

// The activations beyond `Tensor+Unary.swift`: `erf`, `gelu` and `leakyRelu`, each with its backward below.
extension Tensor {
    /// The error function `erf(x) = 2/√π ∫₀ˣ e^(−t²) dt`, like `torch.erf`.
    public final func erf() -> Tensor {
        let out = Tensor.uninitialized(like: self)
        withReadPointer { x in out.withMutablePointer { Tensor.backend.erf(x, $0, count: count) } }
        return out.recording("ErfBackward0", self) { g in
            g * (-self.square()).exp() * Scalar(2 / Double.pi.squareRoot())
        }
    }

    /// The Gaussian error linear unit `x·Φ(x) = x/2·(1 + erf(x/√2))`, like `torch.nn.functional.gelu` (its default,
    /// exact form), or with `approximate: .tanh` PyTorch's `x/2·(1 + tanh(√(2/π)·(x + 0.044715·x³)))`.
    ///
    /// ```swift
    /// let y = Tensor<Double>([-1, 0, 1]).gelu()   // [-0.1587, 0, 0.8413]
    /// ```
    public final func gelu(approximate: GELUApproximation = .none) -> Tensor {
        switch approximate {
        case .none:
            return self * ((self * Scalar(1 / 2.0.squareRoot())).erf() + 1) * 0.5
        case .tanh:
            let inner = (self + self * self.square() * 0.044715) * Scalar((2 / Double.pi).squareRoot())
            return self * (inner.tanh() + 1) * 0.5
        }
    }

    /// `x` where `x > 0`, else `negativeSlope·x`, like `torch.nn.functional.leaky_relu`; the gradient at 0 is
    /// `negativeSlope`, as in PyTorch.
    public final func leakyRelu(negativeSlope: Scalar = 0.01) -> Tensor {
        // max(x, 0) + slope·min(x, 0), computed outside the graph; the backward multiplies by 1 or the slope.
        let out = withNoGrad { () -> Tensor in
            let positive = relu()
            return positive + (self - positive) * negativeSlope
        }
        return out.recording("LeakyReluBackward0", self) { g in g * (self.greater(0) * (1 - negativeSlope) + negativeSlope) }
    }
}

/// The form of `gelu`, like PyTorch's `approximate` argument.
public enum GELUApproximation: String, Sendable {
    /// The exact form through `erf`.
    case none
    /// The tanh approximation.
    case tanh
}
