import EmberBackend

/// How a loss combines the per-element losses, like PyTorch's `reduction` argument.
public enum LossReduction: String, Sendable, CaseIterable {
    case mean, sum
}

/// Mean squared error `mean((input - target)²)`, like `torch.nn.MSELoss`.
///
/// ```swift
/// let criterion = MSELoss()
/// let loss = criterion(Tensor<Float>([1, 2]), Tensor<Float>([1, 4]))   // 2.0
/// ```
public struct MSELoss: Sendable {
    public var reduction: LossReduction
    @inlinable
    public init(reduction: LossReduction = .mean) { self.reduction = reduction }

    /// - Precondition: `input` and `target` have the same shape (PyTorch would broadcast and warn; a mismatch is
    ///   almost always a bug, such as `[n, 1]` against `[n]`).
    @inlinable
    public func callAsFunction<Scalar>(_ input: Tensor<Scalar>, _ target: Tensor<Scalar>) -> Tensor<Scalar> {
        checkShapes("mse_loss", input, target)
        let squared = (input - target).square()
        return reduction == .mean ? squared.mean() : squared.sum()
    }
}

/// Mean absolute error `mean(|input - target|)`, like `torch.nn.L1Loss`.
public struct L1Loss: Sendable {
    public var reduction: LossReduction
    @inlinable
    public init(reduction: LossReduction = .mean) { self.reduction = reduction }

    /// - Precondition: `input` and `target` have the same shape.
    @inlinable
    public func callAsFunction<Scalar>(_ input: Tensor<Scalar>, _ target: Tensor<Scalar>) -> Tensor<Scalar> {
        checkShapes("l1_loss", input, target)
        let absolute = (input - target).abs()
        return reduction == .mean ? absolute.mean() : absolute.sum()
    }
}

@inlinable
func checkShapes<Scalar>(_ name: String, _ input: Tensor<Scalar>, _ target: Tensor<Scalar>) {
    precondition(input.shape == target.shape,
                 "\(name): input shape \(input.shape) and target shape \(target.shape) differ")
}
