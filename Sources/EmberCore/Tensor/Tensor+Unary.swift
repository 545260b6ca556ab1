import EmberBackend

// Elementwise functions of one tensor, each with its backward right below. A backward that needs the op's own output
// captures it detached (`[out = out.detach()]`: the same storage, no node): capturing `out` itself would make a cycle,
// output → node → closure → output, and a graph that is never backpropagated would never be freed.
extension Tensor {
    /// `e^x`, like `torch.exp`.
    @inlinable
    public final func exp() -> Tensor {
        let out = Tensor.unaryKernel(.exp, self)
        return out.recording("ExpBackward0", self) { [out = out.detach()] g in g * out }
    }

    /// Natural logarithm, like `torch.log`.
    @inlinable
    public final func log() -> Tensor {
        Tensor.unaryKernel(.log, self).recording("LogBackward0", self) { g in g / self }
    }

    /// Square root, like `torch.sqrt`.
    @inlinable
    public final func sqrt() -> Tensor {
        let out = Tensor.unaryKernel(.sqrt, self)
        return out.recording("SqrtBackward0", self) { [out = out.detach()] g in g / (out * 2) }
    }

    /// Absolute value, like `torch.abs`; the gradient at 0 is 0.
    @inlinable
    public final func abs() -> Tensor {
        Tensor.unaryKernel(.abs, self).recording("AbsBackward0", self) { g in g * self.sign() }
    }

    /// `max(x, 0)`, like `torch.relu`; the gradient at 0 is 0.
    @inlinable
    public final func relu() -> Tensor {
        Tensor.unaryKernel(.relu, self).recording("ReluBackward0", self) { g in g * self.greater(0) }
    }

    /// `1 / (1 + e^-x)`, like `torch.sigmoid`.
    @inlinable
    public final func sigmoid() -> Tensor {
        let out = Tensor.unaryKernel(.sigmoid, self)
        return out.recording("SigmoidBackward0", self) { [out = out.detach()] g in g * out * (1 - out) }
    }

    /// Hyperbolic tangent, like `torch.tanh`.
    @inlinable
    public final func tanh() -> Tensor {
        let out = Tensor.unaryKernel(.tanh, self)
        return out.recording("TanhBackward0", self) { [out = out.detach()] g in g * (1 - out.square()) }
    }

    /// `-1`, `0` or `1` by sign, like `torch.sign` (not differentiable: its gradient is 0 almost everywhere).
    @inlinable
    public final func sign() -> Tensor {
        Tensor.unaryKernel(.sign, self)
    }
}
