import EmberBackend

/// Normalises over the last axes, like `torch.nn.LayerNorm`: `(x − mean) / √(var + eps) · weight + bias`, with the
/// mean and the biased variance of each sample over `normalizedShape`.
///
/// ```swift
/// let norm = LayerNorm<Float>([4])
/// let y = norm(Tensor<Float>.randn([2, 4]))   // each row: mean 0, variance ≈ 1
/// ```
public final class LayerNorm<Scalar: TensorScalar>: Module<Scalar> {
    public let normalizedShape: [Int]
    public let eps: Double
    /// Starts at ones (`nil` without `elementwiseAffine`).
    public let weight: Parameter<Scalar>?
    /// Starts at zeros (`nil` without `elementwiseAffine` or `bias`).
    public let bias: Parameter<Scalar>?

    public init(_ normalizedShape: [Int], eps: Double = 1e-5, elementwiseAffine: Bool = true, bias: Bool = true) {
        emberPrecondition(!normalizedShape.isEmpty && normalizedShape.allSatisfy { $0 > 0 },
                     "LayerNorm: normalizedShape must be non-empty and positive, got \(normalizedShape)")
        self.normalizedShape = normalizedShape
        self.eps = eps
        weight = elementwiseAffine ? Parameter(Tensor.ones(normalizedShape)) : nil
        self.bias = elementwiseAffine && bias ? Parameter(Tensor.zeros(normalizedShape)) : nil
        super.init()
    }

    public override func forward(_ input: Tensor<Scalar>) -> Tensor<Scalar> {
        let k = normalizedShape.count
        emberPrecondition(input.rank >= k && Array(input.shape.suffix(k)) == normalizedShape,
                     "LayerNorm: input shape \(input.shape) does not end in normalizedShape \(normalizedShape)")
        let axes = Array((input.rank - k)..<input.rank)
        let centered = input - input.mean(axes: axes, keepDim: true)
        let variance = centered.square().mean(axes: axes, keepDim: true)
        var y = centered / (variance + Scalar(eps)).sqrt()
        if let weight { y = y * weight }
        if let bias { y = y + bias }
        return y
    }
}

/// Batch normalisation over `[N, C]` or `[N, C, L]` inputs, like `torch.nn.BatchNorm1d`.
///
/// In training mode each channel is normalised with the batch's mean and biased variance, and the running
/// statistics move towards the batch's (`running = (1 − momentum)·running + momentum·batch`, with the unbiased
/// variance; `momentum: nil` keeps a cumulative average); in evaluation mode (`eval()`) the running statistics are
/// used. They are buffers with PyTorch's names, `running_mean`, `running_var` and `num_batches_tracked`, so they are
/// in `stateDict()` and in checkpoints.
///
/// ```swift
/// let norm = BatchNorm1d<Float>(3)
/// let y = norm(Tensor<Float>.randn([8, 3]))   // training: batch statistics, running ones updated
/// norm.eval()
/// let z = norm(Tensor<Float>.randn([2, 3]))   // evaluation: running statistics
/// ```
public final class BatchNorm1d<Scalar: TensorScalar>: _BatchNorm<Scalar> {
    /// - Parameters: as `BatchNorm2d`.
    public init(_ numFeatures: Int, eps: Double = 1e-5, momentum: Double? = 0.1, affine: Bool = true,
                trackRunningStats: Bool = true) {
        super.init("BatchNorm1d", numFeatures, eps: eps, momentum: momentum, affine: affine,
                   trackRunningStats: trackRunningStats)
    }

    public override func forward(_ input: Tensor<Scalar>) -> Tensor<Scalar> {
        emberPrecondition((input.rank == 2 || input.rank == 3) && input.shape[1] == numFeatures,
                     "BatchNorm1d: expects input [N, \(numFeatures)] or [N, \(numFeatures), L], got \(input.shape)")
        return normalized(input, axes: input.rank == 2 ? [0] : [0, 2],
                          channelShape: input.rank == 2 ? [numFeatures] : [numFeatures, 1])
    }
}
