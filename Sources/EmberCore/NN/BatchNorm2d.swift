import EmberBackend

/// Batch normalisation of `N×C×H×W` inputs, like `torch.nn.BatchNorm2d`: each channel is normalised over the batch
/// and both spatial axes, `(x − mean) / √(var + eps) · weight + bias`.
///
/// In training mode it uses the batch's mean and biased variance, and the running statistics move towards the
/// batch's (`running = (1 − momentum)·running + momentum·batch`, with the unbiased variance; `momentum: nil` keeps a
/// cumulative average); in evaluation mode (`eval()`) it uses the running statistics. They are buffers with
/// PyTorch's names, `running_mean`, `running_var` and `num_batches_tracked`, so they are in `stateDict()` and in
/// checkpoints; the parameters are `weight` (ones) and `bias` (zeros), both `[C]`.
///
/// ```swift
/// let norm = BatchNorm2d<Float>(16)
/// let y = norm(Tensor<Float>.randn([8, 16, 12, 12]))   // training: batch statistics, running ones updated
/// norm.eval()
/// let z = norm(Tensor<Float>.randn([1, 16, 12, 12]))   // evaluation: running statistics
/// ```
public final class BatchNorm2d<Scalar: TensorScalar>: _BatchNorm<Scalar> {
    /// - Parameters:
    ///   - numFeatures: The number of channels `C`.
    ///   - eps: Added to the variance.
    ///   - momentum: The weight of each batch in the running statistics; `nil` for a cumulative average.
    ///   - affine: Whether to learn a per-channel `weight` and `bias`.
    ///   - trackRunningStats: Whether to keep running statistics (without them, evaluation uses batch statistics).
    public init(_ numFeatures: Int, eps: Double = 1e-5, momentum: Double? = 0.1, affine: Bool = true,
                trackRunningStats: Bool = true) {
        super.init("BatchNorm2d", numFeatures, eps: eps, momentum: momentum, affine: affine,
                   trackRunningStats: trackRunningStats)
    }

    public override func forward(_ input: Tensor<Scalar>) -> Tensor<Scalar> {
        emberPrecondition(input.rank == 4 && input.shape[1] == numFeatures,
                          "BatchNorm2d: expects input [N, \(numFeatures), H, W], got \(input.shape)")
        return normalized(input, axes: [0, 2, 3], channelShape: [numFeatures, 1, 1])
    }
}
