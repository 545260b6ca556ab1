import EmberBackend

// The softmax family, built from existing kernels around one shared step (`softmaxParts`): subtract the maximum
// along the axis, exponentiate, sum. The maximum is a constant of the graph (detached): softmax does not depend on
// it, so the gradient through the remaining ops is exact, and no exponent exceeds 0, so logits of ±1e4 neither
// overflow nor lose the largest term.
extension Tensor {
    /// `e^(x − max)` and its sum along `axis` (both keeping the axis), plus the shifted input `x − max`.
    @inlinable
    final func softmaxParts(axis: Int, op: String) -> (shifted: Tensor, exponentials: Tensor, sum: Tensor, max: Tensor) {
        precondition(rank >= 1, "\(op): expects a tensor of rank at least 1, got shape \(shape)")
        let d = Shape.normalize(axis: axis, rank: rank, op: op)
        let (peak, _) = detach().reduceAlong(.max, axes: [d], op: op)
        // A line of -inf (or +inf) has no finite maximum to subtract: shift by 0 there, as PyTorch does.
        peak.withMutablePointer { p in
            for i in 0..<peak.count where !p[i].isFinite { p[i] = 0 }
        }
        let shifted = self - peak
        let exponentials = shifted.exp()
        return (shifted, exponentials, exponentials.sum(axis: d, keepDim: true), peak)
    }

    /// `e^xᵢ / Σⱼ e^xⱼ` along `axis`, like `torch.softmax(input, dim)`: each line sums to 1.
    ///
    /// ```swift
    /// let p = Tensor<Float>([[1, 2, 3], [1e4, 0, -1e4]]).softmax(axis: 1)
    /// // p's rows: [0.090, 0.245, 0.665] and [1, 0, 0]
    /// ```
    @inlinable
    public final func softmax(axis: Int) -> Tensor {
        let parts = softmaxParts(axis: axis, op: "softmax")
        return parts.exponentials / parts.sum
    }

    /// `xᵢ − log Σⱼ e^xⱼ` along `axis`, like `torch.log_softmax(input, dim)`; finite for finite logits of any size.
    ///
    /// ```swift
    /// let logProbabilities = Tensor<Double>([[1e4, 0]]).logSoftmax(axis: 1)   // [[0, -1e4]]
    /// ```
    @inlinable
    public final func logSoftmax(axis: Int) -> Tensor {
        let parts = softmaxParts(axis: axis, op: "logSoftmax")
        return parts.shifted - parts.sum.log()
    }

    /// `log Σᵢ e^xᵢ` along `axis`, like `torch.logsumexp(input, dim, keepdim)`.
    ///
    /// ```swift
    /// let x = Tensor<Float>([[1e4, 1e4], [0, 0]])
    /// let lse = x.logsumexp(axis: 1)   // [1e4 + log 2, log 2]
    /// ```
    @inlinable
    public final func logsumexp(axis: Int, keepDim: Bool = false) -> Tensor {
        let parts = softmaxParts(axis: axis, op: "logsumexp")
        let kept = parts.sum.log() + parts.max
        return keepDim ? kept : kept.squeeze(Shape.normalize(axis: axis, rank: rank, op: "logsumexp"))
    }
}
