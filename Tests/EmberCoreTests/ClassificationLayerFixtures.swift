import Ember

/// What a fixture's Swift op produced: the output, integer indices if any, the tensors whose gradients stand for
/// the fixture's inputs (a layer's parameters, into which the inputs were copied), and state to compare.
struct FixtureOutcome {
    var output: Tensor<Double>
    var indices: IndexTensor? = nil
    var gradientSources: [Tensor<Double>]? = nil
    var extra: [(Tensor<Double>, ClassificationFixture.Values)] = []
}

/// The fixtures of the layers and of the losses beyond cross-entropy.
enum ClassificationLayerFixtures {
    static func run(_ f: ClassificationFixture, _ x: [Tensor<Double>]) -> FixtureOutcome? {
        let reduction = f.lossReduction
        switch f.op {
        case "bce": return FixtureOutcome(output: BCELoss(weight: f.weight, reduction: reduction)(x[0], x[1]))
        case "bceWithLogits":
            let loss = BCEWithLogitsLoss(weight: f.weight, posWeight: f.posWeight, reduction: reduction)
            return FixtureOutcome(output: loss(x[0], x[1]))
        case "huber": return FixtureOutcome(output: HuberLoss(delta: f.delta!, reduction: reduction)(x[0], x[1]))
        case "smoothL1": return FixtureOutcome(output: SmoothL1Loss(beta: f.beta!, reduction: reduction)(x[0], x[1]))
        case "mse": return FixtureOutcome(output: MSELoss(reduction: reduction)(x[0], x[1]))
        case "erf": return FixtureOutcome(output: x[0].erf())
        case "gelu":
            return FixtureOutcome(output: GELU(approximate: GELUApproximation(rawValue: f.approximate!)!)(x[0]))
        case "leakyRelu": return FixtureOutcome(output: LeakyReLU(negativeSlope: f.negativeSlope!)(x[0]))
        case "layerNorm":
            let layer = LayerNorm<Double>(x[1].shape, eps: f.eps!)
            load([layer.weight!, layer.bias!], from: [x[1], x[2]])
            return FixtureOutcome(output: layer(x[0]), gradientSources: [x[0], layer.weight!, layer.bias!])
        case "batchNormTrain", "batchNormEval":
            let layer = BatchNorm1d<Double>(x[0].shape[1], eps: f.eps!, momentum: f.momentum ?? 0.1)
            load([layer.weight!, layer.bias!, layer.runningMean!, layer.runningVar!],
                 from: [x[1], x[2], f.runningMean!.tensor, f.runningVar!.tensor])
            if f.op == "batchNormEval" { layer.eval() }
            let output = layer(x[0])
            var extra: [(Tensor<Double>, ClassificationFixture.Values)] = []
            if let mean = f.expectedRunningMean, let variance = f.expectedRunningVar {
                extra = [(layer.runningMean!, mean), (layer.runningVar!, variance)]
                extra.append((layer.numBatchesTracked!, .init(shape: [], values: [1])))
            }
            return FixtureOutcome(output: output, gradientSources: [x[0], layer.weight!, layer.bias!], extra: extra)
        case "embedding":
            let layer = Embedding<Double>(x[0].shape[0], x[0].shape[1])
            load([layer.weight], from: [x[0]])
            return FixtureOutcome(output: layer(f.indices!.tensor), gradientSources: [layer.weight])
        default: return nil
        }
    }

    /// Copies each source's values into the matching target, outside autograd.
    static func load(_ targets: [Tensor<Double>], from sources: [Tensor<Double>]) {
        for (target, source) in zip(targets, sources) {
            target.withUnsafeMutableBufferPointer { _ = $0.update(fromContentsOf: source.scalars) }
        }
    }
}
