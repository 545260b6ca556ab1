import EmberBackend

// Elementwise arithmetic with PyTorch broadcasting. Each op's backward is written right below its forward;
// gradients flowing to a broadcast operand are summed back to its shape (`sumTo`).
extension Tensor {
    @inlinable
    public static func + (a: Tensor, b: Tensor) -> Tensor {
        binaryKernel(.add, a, b, name: "add").recording("AddBackward0", a, b) { g in
            (a.requiresGrad ? g.sumTo(a.shape) : nil, b.requiresGrad ? g.sumTo(b.shape) : nil)
        }
    }

    @inlinable
    public static func - (a: Tensor, b: Tensor) -> Tensor {
        binaryKernel(.sub, a, b, name: "sub").recording("SubBackward0", a, b) { g in
            (a.requiresGrad ? g.sumTo(a.shape) : nil, b.requiresGrad ? (-g).sumTo(b.shape) : nil)
        }
    }

    @inlinable
    public static func * (a: Tensor, b: Tensor) -> Tensor {
        binaryKernel(.mul, a, b, name: "mul").recording("MulBackward0", a, b) { g in
            (a.requiresGrad ? (g * b).sumTo(a.shape) : nil, b.requiresGrad ? (g * a).sumTo(b.shape) : nil)
        }
    }

    @inlinable
    public static func / (a: Tensor, b: Tensor) -> Tensor {
        binaryKernel(.div, a, b, name: "div").recording("DivBackward0", a, b) { g in
            (a.requiresGrad ? (g / b).sumTo(a.shape) : nil,
             b.requiresGrad ? (-g * a / (b * b)).sumTo(b.shape) : nil)
        }
    }

    @inlinable
    public static prefix func - (x: Tensor) -> Tensor {
        unaryKernel(.neg, x).recording("NegBackward0", x) { g in -g }
    }

    // MARK: Tensor and scalar

    @inlinable
    public static func + (a: Tensor, s: Scalar) -> Tensor {
        binaryKernel(.add, a, s).recording("AddBackward0", a) { g in g }
    }
    @inlinable
    public static func + (s: Scalar, a: Tensor) -> Tensor { a + s }

    @inlinable
    public static func - (a: Tensor, s: Scalar) -> Tensor {
        binaryKernel(.sub, a, s).recording("SubBackward0", a) { g in g }
    }
    @inlinable
    public static func - (s: Scalar, a: Tensor) -> Tensor {
        binaryKernel(.sub, s, a).recording("RsubBackward0", a) { g in -g }
    }

    @inlinable
    public static func * (a: Tensor, s: Scalar) -> Tensor {
        binaryKernel(.mul, a, s).recording("MulBackward0", a) { g in g * s }
    }
    @inlinable
    public static func * (s: Scalar, a: Tensor) -> Tensor { a * s }

    @inlinable
    public static func / (a: Tensor, s: Scalar) -> Tensor {
        binaryKernel(.div, a, s).recording("DivBackward0", a) { g in g / s }
    }
    @inlinable
    public static func / (s: Scalar, a: Tensor) -> Tensor {
        binaryKernel(.div, s, a).recording("DivBackward0", a) { g in -g * s / (a * a) }
    }

    // MARK: Powers, extremes, comparisons

    /// `self` raised to `exponent` elementwise, like `tensor ** exponent`, with C's `pow` semantics as in PyTorch:
    /// a negative base with an integral exponent is defined (`(-2)³ = -8`), and `x⁰ = 1` for every `x`.
    @inlinable
    public final func pow(_ exponent: Scalar) -> Tensor {
        if exponent == 2 { return square() }
        return Tensor.binaryKernel(.pow, self, exponent).recording("PowBackward0", self) { g in
            // d/dx x⁰ = 0 everywhere (PyTorch's pow_backward), not 0·x⁻¹, which is NaN at x = 0.
            if exponent == 0 { return Tensor.zeros(self.shape) }
            return g * exponent * self.pow(exponent - 1)
        }
    }

    /// `self` raised to `exponent` elementwise with broadcasting, like `torch.pow(a, b)`.
    @inlinable
    public final func pow(_ exponent: Tensor) -> Tensor {
        let out = Tensor.binaryKernel(.pow, self, exponent, name: "pow")
        return out.recording("PowBackward1", self, exponent) { [out = out.detach()] g in
            (self.requiresGrad ? (g * exponent * self.pow(exponent - 1)).sumTo(self.shape) : nil,
             exponent.requiresGrad ? (g * out * self.log()).sumTo(exponent.shape) : nil)
        }
    }

    /// `self * self`, like `tensor.square()`.
    @inlinable
    public final func square() -> Tensor {
        Tensor.binaryKernel(.mul, self, self, name: "square").recording("PowBackward0", self) { g in g * self * 2 }
    }

    /// The larger of each pair, like `torch.maximum`; NaN propagates. Ties share the gradient equally.
    @inlinable
    public final func maximum(_ other: Tensor) -> Tensor {
        Tensor.binaryKernel(.maximum, self, other, name: "maximum").recording("MaximumBackward0", self, other) { g in
            let selfShare = self.greater(other) + self.equal(other) * 0.5
            return (self.requiresGrad ? (g * selfShare).sumTo(self.shape) : nil,
                    other.requiresGrad ? (g * (1 - selfShare)).sumTo(other.shape) : nil)
        }
    }

    /// The smaller of each pair, like `torch.minimum`; NaN propagates. Ties share the gradient equally.
    @inlinable
    public final func minimum(_ other: Tensor) -> Tensor {
        Tensor.binaryKernel(.minimum, self, other, name: "minimum").recording("MinimumBackward0", self, other) { g in
            let otherShare = self.greater(other) + self.equal(other) * 0.5
            return (self.requiresGrad ? (g * (1 - otherShare)).sumTo(self.shape) : nil,
                    other.requiresGrad ? (g * otherShare).sumTo(other.shape) : nil)
        }
    }

    /// Values limited to `[min, max]`, like `torch.clamp`.
    @inlinable
    public final func clamp(min lower: Scalar? = nil, max upper: Scalar? = nil) -> Tensor {
        var result = self
        if let lower { result = result.maximum(Tensor(scalar: lower)) }
        if let upper { result = result.minimum(Tensor(scalar: upper)) }
        return result
    }

    /// `1` where `self > other`, else `0` (not differentiable), like `(a > b).float()`.
    @inlinable
    public final func greater(_ other: Tensor) -> Tensor {
        Tensor.binaryKernel(.greater, self, other, name: "greater")
    }

    /// `1` where `self == other`, else `0` (not differentiable).
    @inlinable
    public final func equal(_ other: Tensor) -> Tensor {
        Tensor.binaryKernel(.equal, self, other, name: "equal")
    }

    /// `1` where `self > s`, else `0` (not differentiable).
    @inlinable
    public final func greater(_ s: Scalar) -> Tensor {
        Tensor.binaryKernel(.greater, self, s)
    }
}
