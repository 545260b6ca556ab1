import EmberBackend

/// Cross-entropy between logits and classes, like `torch.nn.CrossEntropyLoss`: `logSoftmax` along the class axis,
/// then the negative log-likelihood of the target.
///
/// Shapes: input `[N, C]` (or `[C]`, or `[N, C, d₁, …]` with the classes on axis 1); class-index targets `[N]`
/// (`[]`, `[N, d₁, …]`) with values in `0..<C`, or class-probability targets of the input's shape. With class
/// weights `w` and label smoothing `ε`, the loss of sample `n` with target `y` is
/// `(1 − ε)·w[y]·(−log pₙ[y]) + (ε / C)·Σ꜀ w[c]·(−log pₙ[c])`, and `.mean` divides the sum by `Σₙ w[yₙ]` over the
/// samples not ignored (PyTorch's weighted mean; NaN when every sample is ignored). For probability targets `q`, the
/// loss is `−Σ꜀ w[c]·((1 − ε)·q[c] + ε/C)·log pₙ[c]` and `.mean` divides by `N` (times `d₁·…`).
///
/// ```swift
/// let criterion = CrossEntropyLoss()
/// let logits = Tensor<Float>([[2, 0.5, -1], [0, 3, 0.2]], requiresGrad: true)
/// let loss = criterion(logits, IndexTensor([0, 1]))
/// loss.backward()   // logits.grad == (softmax(logits) − onehot) / 2
/// ```
public struct CrossEntropyLoss: Sendable {
    /// A weight per class (`C` values), or `nil` for 1 each.
    public var weight: [Double]?
    /// Samples whose target is this index contribute nothing, neither to the loss nor to the mean's denominator.
    public var ignoreIndex: Int
    /// `ε` in `[0, 1]`: the target distribution is mixed with the uniform one, `(1 − ε)·target + ε/C`.
    public var labelSmoothing: Double
    public var reduction: LossReduction

    public init(weight: [Double]? = nil, ignoreIndex: Int = -100, labelSmoothing: Double = 0,
                reduction: LossReduction = .mean) {
        emberPrecondition(labelSmoothing >= 0 && labelSmoothing <= 1,
                     "cross_entropy: labelSmoothing must be in [0, 1], got \(labelSmoothing)")
        self.weight = weight
        self.ignoreIndex = ignoreIndex
        self.labelSmoothing = labelSmoothing
        self.reduction = reduction
    }

    /// The loss of `input` logits against class indices.
    /// - Precondition: every target is in `0..<C` or is `ignoreIndex`; the stop names the index and the class count.
    public func callAsFunction<Scalar>(_ input: Tensor<Scalar>, _ target: IndexTensor) -> Tensor<Scalar> {
        let (logits, targets, restore) = ClassAxis.rows(input, target, op: "cross_entropy")
        let logProbabilities = logits.logSoftmax(axis: 1)
        let w = ClassAxis.weights(weight, classes: logits.shape[1], Scalar.self, op: "cross_entropy")
        let (nll, totalWeight) = ClassAxis.negativeLogLikelihood(logProbabilities, targets, w, ignoreIndex,
                                                                    op: "cross_entropy")
        var losses = nll
        if labelSmoothing > 0 {
            let ignored = Tensor<Scalar>(targets.scalars.map { $0 == ignoreIndex ? 0 : 1 }, shape: [targets.count])
            let weighted = w.map { logProbabilities * $0 } ?? logProbabilities
            let smooth = -weighted.sum(axis: 1) * ignored
            let c = Scalar(logits.shape[1])
            losses = nll * Scalar(1 - labelSmoothing) + smooth * (Scalar(labelSmoothing) / c)
        }
        return reduction.apply(restore(losses), denominator: totalWeight)
    }

    /// The loss of `input` logits against class probabilities of the same shape.
    public func callAsFunction<Scalar>(_ input: Tensor<Scalar>, _ target: Tensor<Scalar>) -> Tensor<Scalar> {
        emberPrecondition(input.shape == target.shape,
                     "cross_entropy: input shape \(input.shape) and probability target shape \(target.shape) differ")
        let classAxis = input.rank == 1 ? 0 : 1
        let classes = input.rank == 0 ? 0 : input.shape[classAxis]
        emberPrecondition(classes > 0, "cross_entropy: input shape \(input.shape) has no class axis")
        var q = target
        if labelSmoothing > 0 { q = target * Scalar(1 - labelSmoothing) + Scalar(labelSmoothing) / Scalar(classes) }
        var terms = input.logSoftmax(axis: classAxis) * q
        if let w = ClassAxis.weights(weight, classes: classes, Scalar.self, op: "cross_entropy") {
            var shape = [Int](repeating: 1, count: input.rank)
            shape[classAxis] = classes
            terms = terms * w.reshape(shape)
        }
        return reduction.apply(-terms.sum(axis: classAxis))
    }
}

/// Negative log-likelihood of log-probabilities, like `torch.nn.NLLLoss`: `−w[y]·input[n, y]` per sample, with
/// the shapes, `weight`, `ignoreIndex` and weighted mean of `CrossEntropyLoss` (which is `logSoftmax` then this).
///
/// ```swift
/// let logProbabilities = Tensor<Double>([[-0.1, -2.4], [-1.2, -0.4]])
/// let loss = NLLLoss()(logProbabilities, IndexTensor([0, 1]))   // (0.1 + 0.4) / 2
/// ```
public struct NLLLoss: Sendable {
    public var weight: [Double]?
    public var ignoreIndex: Int
    public var reduction: LossReduction

    public init(weight: [Double]? = nil, ignoreIndex: Int = -100, reduction: LossReduction = .mean) {
        self.weight = weight
        self.ignoreIndex = ignoreIndex
        self.reduction = reduction
    }

    /// - Precondition: every target is in `0..<C` or is `ignoreIndex`.
    public func callAsFunction<Scalar>(_ input: Tensor<Scalar>, _ target: IndexTensor) -> Tensor<Scalar> {
        let (rows, targets, restore) = ClassAxis.rows(input, target, op: "nll_loss")
        let w = ClassAxis.weights(weight, classes: rows.shape[1], Scalar.self, op: "nll_loss")
        let (losses, totalWeight) = ClassAxis.negativeLogLikelihood(rows, targets, w, ignoreIndex, op: "nll_loss")
        return reduction.apply(restore(losses), denominator: totalWeight)
    }
}

/// The class-axis bookkeeping the classification losses share.
enum ClassAxis {
    /// `input` as `[M, C]` rows (classes last) with the flat targets, and how to give per-row losses the target's
    /// shape. Checks the shapes; the targets' range is checked by `negativeLogLikelihood`.
    static func rows<Scalar>(_ input: Tensor<Scalar>, _ target: IndexTensor, op: String)
        -> (Tensor<Scalar>, IndexTensor, (Tensor<Scalar>) -> Tensor<Scalar>) {
        emberPrecondition(input.rank >= 1, "\(op): input must have a class axis, got shape \(input.shape)")
        let classAxis = input.rank == 1 ? 0 : 1
        var expected = input.shape
        expected.remove(at: classAxis)
        emberPrecondition(target.shape == expected,
                     "\(op): target shape \(target.shape) does not match input shape \(input.shape) "
                        + "(expected \(expected): the input without its class axis)")
        let classes = input.shape[classAxis]
        switch input.rank {
        case 1: return (input.unsqueeze(0), target.reshape([1]), { $0.reshape([]) })
        case 2: return (input, target, { $0 })
        default:
            let order = [0] + Array(2..<input.rank) + [1]
            return (input.permute(order).reshape([-1, classes]), target.reshape([-1]), { $0.reshape(expected) })
        }
    }

    /// The class weights as a tensor, `nil` when there are none.
    static func weights<Scalar: TensorScalar>(_ weight: [Double]?, classes: Int, _ type: Scalar.Type,
                                              op: String) -> Tensor<Scalar>? {
        guard let weight else { return nil }
        emberPrecondition(weight.count == classes, "\(op): \(weight.count) class weights for \(classes) classes")
        return Tensor(weight.map { Scalar($0) }, shape: [classes])
    }

    /// `−w[y]·logp[m, y]` per row (0 for ignored rows), and the total weight of the rows not ignored.
    static func negativeLogLikelihood<Scalar>(_ logp: Tensor<Scalar>, _ target: IndexTensor, _ w: Tensor<Scalar>?,
                                              _ ignoreIndex: Int, op: String) -> (Tensor<Scalar>, Tensor<Scalar>) {
        let classes = logp.shape[1]
        for index in target.scalars where index != ignoreIndex && (index < 0 || index >= classes) {
            emberPreconditionFailure("\(op): target index \(index) is out of range for \(classes) classes")
        }
        let hasIgnored = target.scalars.contains(ignoreIndex)
        if ignoreIndex >= 0 && ignoreIndex < classes {
            // Which rows count depends on the labels' values here, which a compiled step's replay would not see.
            CompileTracing.noteHostAccess("\(op) with ignoreIndex \(ignoreIndex), one of the classes,")
        }
        // The targets themselves when nothing is ignored, so that the gather reads the caller's labels (a compiled
        // step replays it on each new batch's labels).
        let kept = hasIgnored ? target.scalars.map { $0 == ignoreIndex ? 0 : $0 } : target.scalars
        let picked = logp.gather(axis: 1, IndexTensor(kept, shape: [kept.count, 1])).reshape([kept.count])
        let classWeight = w?.scalars
        let rowWeights = target.scalars.map { index in index == ignoreIndex ? 0 : classWeight.map { w in w[index] } ?? 1 }
        let losses = (classWeight == nil && !hasIgnored) ? -picked : -picked * Tensor(rowWeights, shape: [kept.count])
        return (losses, Tensor(scalar: rowWeights.reduce(0, +)))
    }
}
