import EmberBackend

/// Binary cross-entropy of probabilities, like `torch.nn.BCELoss`: `−w·(y·log x + (1 − y)·log(1 − x))` per
/// element, each log clamped at −100 as in PyTorch (so a probability of exactly 0 or 1 gives a finite loss).
///
/// ```swift
/// let loss = BCELoss()(Tensor<Float>([0.9, 0.2]), Tensor<Float>([1, 0]))   // (−log 0.9 − log 0.8) / 2
/// ```
public struct BCELoss: Sendable {
    /// A weight per element of the last axis (broadcast over the others), or `nil`.
    public var weight: [Double]?
    public var reduction: LossReduction

    public init(weight: [Double]? = nil, reduction: LossReduction = .mean) {
        self.weight = weight
        self.reduction = reduction
    }

    /// - Precondition: `input` and `target` have the same shape; `input` is in [0, 1].
    public func callAsFunction<Scalar>(_ input: Tensor<Scalar>, _ target: Tensor<Scalar>) -> Tensor<Scalar> {
        checkLossShapes("binary_cross_entropy", input, target)
        var losses = -(target * input.log().clamp(min: -100) + (1 - target) * (1 - input).log().clamp(min: -100))
        if let w = lastAxisWeights(weight, input, op: "binary_cross_entropy") { losses = losses * w }
        return reduction.apply(losses)
    }
}

/// Binary cross-entropy of logits, like `torch.nn.BCEWithLogitsLoss`, computed stably:
/// `(1 − y)·x + (1 + (p − 1)·y)·(log(1 + e^−|x|) + max(−x, 0))` with `p` the positive weight (for `p = 1`,
/// `max(x, 0) − x·y + log(1 + e^−|x|)`), so logits of any size give a finite loss. Its backward is the closed form
/// `w·((1 − y) − (1 + (p − 1)·y)·σ(−x))`, exact at `x = 0` too.
///
/// ```swift
/// let loss = BCEWithLogitsLoss(posWeight: [3])(Tensor<Float>([2, -1]), Tensor<Float>([1, 0]))
/// ```
public struct BCEWithLogitsLoss: Sendable {
    /// A weight per element of the last axis (broadcast over the others), or `nil`.
    public var weight: [Double]?
    /// The weight of positive examples per class (the last axis), or `nil` for 1.
    public var posWeight: [Double]?
    public var reduction: LossReduction

    public init(weight: [Double]? = nil, posWeight: [Double]? = nil, reduction: LossReduction = .mean) {
        self.weight = weight
        self.posWeight = posWeight
        self.reduction = reduction
    }

    /// - Precondition: `input` and `target` have the same shape.
    public func callAsFunction<Scalar>(_ input: Tensor<Scalar>, _ target: Tensor<Scalar>) -> Tensor<Scalar> {
        checkLossShapes("binary_cross_entropy_with_logits", input, target)
        let p = lastAxisWeights(posWeight, input, op: "binary_cross_entropy_with_logits")
        let w = lastAxisWeights(weight, input, op: "binary_cross_entropy_with_logits")
        let (losses, scale) = withNoGrad { () -> (Tensor<Scalar>, Tensor<Scalar>) in
            let softplus = (-input.abs()).exp().add1Log() + (-input).relu()   // log(1 + e^−x)
            let scale = p.map { ($0 - 1) * target + 1 } ?? Tensor.ones([])  // 1 + (p − 1)·y
            var losses = (1 - target) * input + scale * softplus
            if let w { losses = losses * w }
            return (losses, scale)
        }
        let recorded = losses.recording("BinaryCrossEntropyWithLogitsBackward0", input, target) { g in
            let weighted = w.map { g * $0 } ?? g
            let softplus = (-input.abs()).exp().add1Log() + (-input).relu()
            return (input.requiresGrad ? weighted * ((1 - target) - scale * (-input).sigmoid()) : nil,
                    target.requiresGrad ? weighted * (-input + (p.map { $0 - 1 } ?? Tensor.zeros([])) * softplus) : nil)
        }
        return reduction.apply(recorded)
    }
}

extension Tensor {
    /// `log(1 + x)` (for `x` in [0, 1], where it is accurate to a few ulp of the result's magnitude plus one).
    @usableFromInline
    final func add1Log() -> Tensor { (self + 1).log() }
}

/// `weight` as a tensor of the input's last-axis size, `nil` when there is none.
func lastAxisWeights<Scalar: TensorScalar>(_ weight: [Double]?, _ input: Tensor<Scalar>, op: String) -> Tensor<Scalar>? {
    guard let weight else { return nil }
    let size = input.rank == 0 ? 1 : input.shape[input.rank - 1]
    precondition(weight.count == size || weight.count == 1,
                 "\(op): \(weight.count) weights for an input whose last axis has \(size) elements (shape \(input.shape))")
    return Tensor(weight.map { Scalar($0) }, shape: [weight.count])
}
