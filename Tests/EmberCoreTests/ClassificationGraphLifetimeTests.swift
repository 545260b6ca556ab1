import Ember
import Testing

/// The classification ops free an unbackpropagated graph with its output, like the ops of `GraphLifetimeTests`:
/// none of their backward closures holds the op's own output.
@Suite struct ClassificationGraphLifetimeTests {
    static let ops: [(name: String, apply: @Sendable (Tensor<Double>) -> Tensor<Double>)] = [
        ("softmax", { $0.softmax(axis: 1) }), ("logSoftmax", { $0.logSoftmax(axis: 0) }),
        ("logsumexp", { $0.logsumexp(axis: 1) }), ("cross_entropy", { CrossEntropyLoss()($0, [1, 0]) }),
        ("nll_loss", { NLLLoss(weight: [1, 2])($0, [1, 0]) }), ("gather", { $0.gather(axis: 1, IndexTensor([1, 0], shape: [2, 1])) }),
        ("indexSelect", { $0.indexSelect(axis: 0, [1, 1]) }), ("subscript", { $0[.all, 1] }),
        ("cat", { Tensor.cat([$0, $0], axis: 1) }), ("stack", { Tensor.stack([$0, $0]) }),
        ("split", { $0.split(size: 1)[1] }), ("maxWithIndices", { $0.maxWithIndices(axis: 1).values }),
        ("topk", { $0.topk(1).values }), ("erf", { $0.erf() }), ("gelu", { $0.gelu() }),
        ("leakyRelu", { $0.leakyRelu() }), ("bce_with_logits", { BCEWithLogitsLoss()($0, $0.detach() * 0.1) }),
        ("huber", { HuberLoss()($0, $0.detach() * 2) }), ("layer_norm", { LayerNorm<Double>([2])($0) }),
        ("batch_norm", { BatchNorm1d<Double>(2)($0) }),
    ]

    @Test(arguments: ops.indices)
    func unbackpropagatedGraphIsFreed(index: Int) {
        let (name, apply) = Self.ops[index]
        let x = Tensor<Double>([0.5, 1.5, 2.5, 3.5], shape: [2, 2], requiresGrad: true)
        weak var output: Tensor<Double>?
        do {
            let y = apply(x)
            #expect(y.requiresGrad, "\(name) records a node")
            output = y
        }
        #expect(output == nil, "\(name): the output of a graph nobody backpropagates is still alive (a reference cycle)")
    }
}
