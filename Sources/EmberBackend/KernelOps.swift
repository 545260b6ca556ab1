/// Elementwise operations of one operand, `out[i] = f(x[i])`.
///
/// NaN propagates through every operation (`relu(NaN)` is NaN, as in PyTorch).
public enum UnaryOp: Sendable, CaseIterable {
    /// `-x`
    case neg
    /// `e^x`
    case exp
    /// Natural logarithm; `log(0) = -inf`, `log(x < 0) = NaN`.
    case log
    /// Square root; `sqrt(x < 0) = NaN`.
    case sqrt
    /// `|x|`
    case abs
    /// `max(x, 0)`, with `relu(NaN) = NaN`.
    case relu
    /// `1 / (1 + e^-x)`, computed without overflow for large `|x|`.
    case sigmoid
    /// Hyperbolic tangent.
    case tanh
    /// `-1`, `0` or `1`; `sign(NaN) = NaN`.
    case sign
}

/// Elementwise operations of two operands, `out[i] = f(lhs[i], rhs[i])`, after broadcasting.
///
/// Comparisons return `1` for true and `0` for false; a comparison with NaN is false.
/// `maximum` and `minimum` propagate NaN, like `torch.maximum`.
public enum BinaryOp: Sendable, CaseIterable {
    case add, sub, mul, div
    /// `lhs` raised to `rhs`, with the C library's `pow` semantics.
    case pow
    case maximum, minimum
    /// `lhs > rhs ? 1 : 0`
    case greater
    /// `lhs == rhs ? 1 : 0`
    case equal
}

/// Reductions along one axis.
///
/// `max` and `min` propagate NaN; an empty `sum` is 0, an empty `max` is `-inf` and an empty `min` `+inf`.
public enum ReduceOp: Sendable, CaseIterable {
    case sum, max, min
}
