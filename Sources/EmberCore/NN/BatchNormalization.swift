import EmberBackend

/// What `BatchNorm1d` and `BatchNorm2d` share, like PyTorch's `_BatchNorm`: the parameters `weight` (ones) and
/// `bias` (zeros), the running statistics as buffers with PyTorch's names (`running_mean`, `running_var`,
/// `num_batches_tracked`, so they are in `stateDict()` and checkpoints), and the normalisation of each channel
/// (axis 1) over every other axis, composed from existing ops.
///
/// In training mode (or without running statistics) each channel uses the batch's mean and biased variance, and
/// the running statistics move towards the batch's (`running = (1 − momentum)·running + momentum·batch`, with the
/// unbiased variance; `momentum: nil` keeps a cumulative average); in evaluation mode they are used instead.
public class _BatchNorm<Scalar: TensorScalar>: Module<Scalar> {
    /// The number of channels `C`.
    public let numFeatures: Int
    /// Added to the variance for numerical stability.
    public let eps: Double
    /// The weight of each batch in the running statistics; `nil` for a cumulative average.
    public let momentum: Double?
    /// The per-channel scale, `[C]` (`nil` without `affine`).
    public let weight: Parameter<Scalar>?
    /// The per-channel shift, `[C]` (`nil` without `affine`).
    public let bias: Parameter<Scalar>?
    let running: BatchNormStatistics<Scalar>?
    /// The running mean, `[C]` (`nil` without `trackRunningStats`).
    public var runningMean: Buffer<Scalar>? { running?.mean }
    /// The running (unbiased) variance, `[C]` (`nil` without `trackRunningStats`).
    public var runningVar: Buffer<Scalar>? { running?.variance }
    /// The number of training batches seen, a scalar (`nil` without `trackRunningStats`).
    public var numBatchesTracked: Buffer<Scalar>? { running?.batchesTracked }
    let layer: String

    init(_ layer: String, _ numFeatures: Int, eps: Double, momentum: Double?, affine: Bool, trackRunningStats: Bool) {
        emberPrecondition(numFeatures > 0, "\(layer): numFeatures must be positive, got \(numFeatures)")
        self.layer = layer
        self.numFeatures = numFeatures
        self.eps = eps
        self.momentum = momentum
        weight = affine ? Parameter(Tensor.ones([numFeatures])) : nil
        bias = affine ? Parameter(Tensor.zeros([numFeatures])) : nil
        running = trackRunningStats ? BatchNormStatistics(numFeatures) : nil
        super.init()
    }

    public override var namedDirectBuffers: [(name: String, buffer: Buffer<Scalar>)] { running?.named ?? [] }

    /// `input` normalised over `axes` (every axis but 1), the per-channel tensors reshaped to `channelShape`.
    final func normalized(_ input: Tensor<Scalar>, axes: [Int], channelShape: [Int]) -> Tensor<Scalar> {
        let y: Tensor<Scalar>
        if isTraining || running == nil {
            let n = input.count / numFeatures
            emberPrecondition(n > 1 || !isTraining,
                              "\(layer): expected more than 1 value per channel when training, got input \(input.shape)")
            let mean = input.mean(axes: axes, keepDim: true)
            let centered = input - mean
            let variance = centered.square().mean(axes: axes, keepDim: true)
            y = centered / (variance + Scalar(eps)).sqrt()
            if isTraining { running?.update(mean: mean, variance: variance, count: n, momentum: momentum) }
        } else {
            let running = running!
            y = (input - running.mean.reshape(channelShape))
                / (running.variance.reshape(channelShape) + Scalar(eps)).sqrt()
        }
        guard let weight, let bias else { return y }
        return y * weight.reshape(channelShape) + bias.reshape(channelShape)
    }
}

/// The running statistics of a batch-normalisation layer: buffers named as PyTorch's.
struct BatchNormStatistics<Scalar: TensorScalar> {
    let mean: Buffer<Scalar>
    let variance: Buffer<Scalar>
    let batchesTracked: Buffer<Scalar>

    /// The buffers of `count` channels: means 0, variances 1, no batch tracked.
    init(_ count: Int) {
        mean = Buffer(Tensor.zeros([count]))
        variance = Buffer(Tensor.ones([count]))
        batchesTracked = Buffer(Tensor.zeros([]))
    }

    /// The buffers under PyTorch's names: `running_mean`, `running_var`, `num_batches_tracked`.
    var named: [(name: String, buffer: Buffer<Scalar>)] {
        [("running_mean", mean), ("running_var", variance), ("num_batches_tracked", batchesTracked)]
    }

    /// Moves the statistics towards a batch's `mean` and biased `variance` over `count` values per channel.
    func update(mean batchMean: Tensor<Scalar>, variance batchVariance: Tensor<Scalar>, count n: Int, momentum: Double?) {
        withNoGrad {
            batchesTracked.assign(batchesTracked + 1)
            let factor = Scalar(momentum ?? 1 / Double(batchesTracked.item()))
            let channels = [mean.count]
            let unbiased = batchVariance.reshape(channels) * Scalar(Double(n) / Double(n - 1))
            mean.assign(mean * (1 - factor) + batchMean.reshape(channels) * factor)
            variance.assign(variance * (1 - factor) + unbiased * factor)
        }
    }
}
