import EmberBackend

/// A fully connected layer `y = x · Wᵀ + b`, like `torch.nn.Linear`.
///
/// `weight` has shape `[outFeatures, inFeatures]` and `bias` `[outFeatures]`; both start uniform in
/// `[-1/√inFeatures, 1/√inFeatures]`, PyTorch's default initialisation. Inputs have shape `[..., inFeatures]`.
///
/// ```swift
/// let layer = Linear<Float>(3, 2)
/// let y = layer(Tensor<Float>.ones([4, 3]))   // shape [4, 2]
/// ```
public final class Linear<Scalar: TensorScalar>: Module<Scalar> {
    public let weight: Parameter<Scalar>
    public let bias: Parameter<Scalar>?

    /// - Parameters:
    ///   - inFeatures: the size of each input's last dimension.
    ///   - outFeatures: the size of each output's last dimension.
    ///   - bias: whether to learn an additive bias.
    @inlinable
    public init(_ inFeatures: Int, _ outFeatures: Int, bias: Bool = true) {
        emberPrecondition(inFeatures > 0 && outFeatures > 0,
                     "Linear: feature counts must be positive, got \(inFeatures) and \(outFeatures)")
        let bound = 1 / Scalar(inFeatures).squareRoot()
        weight = Parameter(Tensor.uniform([outFeatures, inFeatures], low: -bound, high: bound))
        self.bias = bias ? Parameter(Tensor.uniform([outFeatures], low: -bound, high: bound)) : nil
        super.init()
    }

    /// A layer with the given values (copied into new parameters), drawing nothing from the random generator.
    ///
    /// ```swift
    /// let layer = Linear<Float>(weight: Tensor([[1, 2]]), bias: Tensor([0.5]))
    /// let y = layer(Tensor<Float>([[3, 4]]))   // [[11.5]]
    /// ```
    /// - Precondition: `weight` has shape `[outFeatures, inFeatures]` and `bias`, if any, `[outFeatures]`.
    public init(weight: Tensor<Scalar>, bias: Tensor<Scalar>?) {
        emberPrecondition(weight.rank == 2 && weight.count > 0,
                     "Linear: weight must have shape [outFeatures, inFeatures], got \(weight.shape)")
        emberPrecondition(bias.map { $0.shape == [weight.shape[0]] } ?? true,
                     "Linear: bias shape \(bias?.shape ?? []) does not match weight shape \(weight.shape)")
        // A parameter is a new leaf over the storage it is given: a copy, so the caller's tensor stays its own.
        self.weight = Parameter(weight.clone())
        self.bias = bias.map { Parameter($0.clone()) }
        super.init()
    }

    @inlinable
    public override func forward(_ input: Tensor<Scalar>) -> Tensor<Scalar> {
        let inFeatures = weight.shape[1]
        emberPrecondition(input.rank >= 1 && input.shape[input.rank - 1] == inFeatures,
                     "Linear: input shape \(input.shape) does not end in \(inFeatures) features (weight \(weight.shape))")
        let x = input.rank == 1 ? input.unsqueeze(0) : input
        var y = Tensor.product(x, weight, transposeA: false, transposeB: true)
        if let bias { y = y + bias }
        return input.rank == 1 ? y.squeeze(0) : y
    }
}
