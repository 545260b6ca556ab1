import EmberBackend

// What `BatchNorm1d` and `BatchNorm2d` share, like PyTorch's `_BatchNorm`: normalising each channel over the other
// axes, the running statistics and their buffer names. Composed from existing ops, so autograd needs nothing new.
extension Tensor {
    /// Batch normalisation of `self` over `axes` (every axis but the channel axis 1), like
    /// `torch.nn.functional.batch_norm`, with the per-channel tensors reshaped to `channelShape` to broadcast.
    ///
    /// In training (or without running statistics) each channel uses the batch's mean and biased variance, and the
    /// running statistics, if any, move towards the batch's (`running = (1 − momentum)·running + momentum·batch`
    /// with the unbiased variance; `momentum: nil` keeps a cumulative average); otherwise the running ones are used.
    final func batchNormalized(axes: [Int], channelShape: [Int], training: Bool, momentum: Double?, eps: Double,
                               weight: Tensor?, bias: Tensor?, running: BatchNormStatistics<Scalar>?,
                               op: String) -> Tensor {
        let y: Tensor
        if training || running == nil {
            let n = count / shape[1]
            emberPrecondition(n > 1 || !training,
                              "\(op): expected more than 1 value per channel when training, got input \(shape)")
            let mean = self.mean(axes: axes, keepDim: true)
            let centered = self - mean
            let variance = centered.square().mean(axes: axes, keepDim: true)
            y = centered / (variance + Scalar(eps)).sqrt()
            if training { running?.update(mean: mean, variance: variance, count: n, momentum: momentum) }
        } else {
            let running = running!
            y = (self - running.mean.reshape(channelShape)) / (running.variance.reshape(channelShape) + Scalar(eps)).sqrt()
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
