import EmberBackend

/// How a loss combines the per-element losses, like PyTorch's `reduction` argument.
public enum LossReduction: String, Sendable, CaseIterable {
    /// The average (for weighted losses, PyTorch's weighted mean: the sum divided by the total weight).
    case mean
    case sum
    /// No reduction: one loss per element (per sample for the classification losses).
    case none

    /// `losses` reduced: `.mean` divides the sum by `denominator` (the element count when `nil`).
    @inlinable
    public func apply<Scalar>(_ losses: Tensor<Scalar>, denominator: Tensor<Scalar>? = nil) -> Tensor<Scalar> {
        switch self {
        case .none: losses
        case .sum: losses.sum()
        case .mean: denominator.map { losses.sum() / $0 } ?? losses.mean()
        }
    }
}

/// Mean squared error `mean((input - target)²)`, like `torch.nn.MSELoss`.
///
/// Forward and backward are fused: the forward pass is a subtraction and a dot product, and the backward pass one
/// scaled copy of the saved difference, `∂L/∂input = 2·(input − target)·g/n`.
///
/// ```swift
/// let criterion = MSELoss()
/// let loss = criterion(Tensor<Float>([1, 2]), Tensor<Float>([1, 4]))   // 2.0
/// ```
public struct MSELoss: Sendable {
    public var reduction: LossReduction
    public init(reduction: LossReduction = .mean) { self.reduction = reduction }

    /// - Precondition: `input` and `target` have the same shape (PyTorch would broadcast and warn; a mismatch is
    ///   almost always a bug, such as `[n, 1]` against `[n]`).
    @inlinable
    public func callAsFunction<Scalar>(_ input: Tensor<Scalar>, _ target: Tensor<Scalar>) -> Tensor<Scalar> {
        checkLossShapes("mse_loss", input, target)
        if reduction == .none { return (input - target).square() }
        let backend = Tensor<Scalar>.backend
        let difference = Tensor<Scalar>.uninitialized(like: input)
        Tensor.withKernelPointers(input, target, difference) {
            backend.binary(.sub, $0, $1, $2, layout: .elementwise(input.count))
        }
        let scale: Scalar = reduction == .mean ? 1 / Scalar(input.count) : 1
        // All in kernels (no value read on the host), so that a compiled step can trace it.
        let squares = Tensor<Scalar>.uninitialized(like: difference)
        Tensor.withKernelPointers(difference, squares) { d, out in
            backend.binary(.mul, d, d, out, layout: .elementwise(difference.count))
        }
        let out = squares.reducedAll(.sum)
        if reduction == .mean {
            let n = Scalar(input.count)
            out.withMutablePointer { p in withUnsafePointer(to: n) { backend.binary(.div, p, $0, p, layout: .scalarRHS(1)) } }
        }
        return out.recording("MseLossBackward0", input, target) { g in
            // ∂L/∂input = 2·scale·g·(input − target) = −∂L/∂target
            let factor = Tensor<Scalar>.uninitialized([])
            Tensor.withKernelPointers(g, factor) { g, f in
                withUnsafePointer(to: 2 * scale) { backend.binary(.mul, g, $0, f, layout: .scalarRHS(1)) }
            }
            let gradInput = Tensor<Scalar>.uninitialized(like: difference)
            Tensor.withKernelPointers(difference, factor, gradInput) { d, f, out in
                backend.binary(.mul, d, f, out, layout: .scalarRHS(difference.count))
            }
            return (input.requiresGrad ? gradInput : nil, target.requiresGrad ? -gradInput : nil)
        }
    }
}

/// Mean absolute error `mean(|input - target|)`, like `torch.nn.L1Loss`.
public struct L1Loss: Sendable {
    public var reduction: LossReduction
    public init(reduction: LossReduction = .mean) { self.reduction = reduction }

    /// - Precondition: `input` and `target` have the same shape.
    @inlinable
    public func callAsFunction<Scalar>(_ input: Tensor<Scalar>, _ target: Tensor<Scalar>) -> Tensor<Scalar> {
        checkLossShapes("l1_loss", input, target)
        return reduction.apply((input - target).abs())
    }
}

@inlinable
func checkLossShapes<Scalar>(_ name: String, _ input: Tensor<Scalar>, _ target: Tensor<Scalar>) {
    emberPrecondition(input.shape == target.shape,
                 "\(name): input shape \(input.shape) and target shape \(target.shape) differ")
}
