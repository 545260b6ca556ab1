import EmberBackend
import EmberCore

// The autograd cases of the classification ops: softmax family, cross-entropy and NLL, indexing and joining,
// index ops, binary and robust losses, activations and normalisation layers. Losses and softmax reuse `exp`/`log`
// results in their backward, hence a slack of 30 like `tanh` and `sigmoid` (see `AutogradCase.tolerances`).
extension AutogradCaseBuilder {
    mutating func softmaxFamily() {
        let matrix = Self.uniform([4, 5]), cube = Self.uniform([2, 3, 4])
        add("softmax", "axis 1", [matrix], length: 5, slack: 30) { $0[0].softmax(axis: 1) }
        add("softmax", "axis 0, rank 3", [cube], length: 2, slack: 30) { $0[0].softmax(axis: 0) }
        add("logSoftmax", "axis -1", [matrix], length: 5, slack: 30) { $0[0].logSoftmax(axis: -1) }
        add("logSoftmax", "axis 1, rank 3", [cube], length: 3, slack: 30) { $0[0].logSoftmax(axis: 1) }
        add("logsumexp", "axis 1", [matrix], length: 5, slack: 30) { $0[0].logsumexp(axis: 1) }
    }

    mutating func classificationLosses() {
        let logits = Self.uniform([4, 5]), targets = IndexTensor([4, 0, 2, 2])
        add("cross_entropy", "mean", [logits], length: 20, slack: 30) { CrossEntropyLoss()($0[0], targets) }
        add("cross_entropy", "weight, ignoreIndex, labelSmoothing", [logits], length: 20, slack: 30) {
            CrossEntropyLoss(weight: [1, 2, 0.5, 1, 3], ignoreIndex: 0, labelSmoothing: 0.1)($0[0], targets)
        }
        add("cross_entropy", "probability targets, sum", [logits, Self.uniform([4, 5], 0...1)], length: 20, slack: 30) {
            CrossEntropyLoss(reduction: .sum)($0[0], $0[1])
        }
        add("cross_entropy", "[N, C, d], none", [Self.uniform([2, 3, 4])], length: 3, slack: 30) {
            CrossEntropyLoss(reduction: .none)($0[0], IndexTensor([0, 2, 1, 1, 2, 2, 0, 1], shape: [2, 4]))
        }
        add("nll_loss", "weight", [logits], length: 4) { NLLLoss(weight: [1, 2, 0.5, 1, 3])($0[0], targets) }
    }

    mutating func indexing() {
        let matrix = Self.uniform([4, 5]), cube = Self.uniform([2, 3, 4])
        add("index", "[.all, 1..<4]", [matrix]) { $0[0][.all, 1..<4] }
        add("index", "[-1]", [matrix]) { $0[0][-1] }
        add("index", "[1, .newAxis, step 2]", [cube]) { $0[0][1, .newAxis, .range(nil, nil, step: 2)] }
        add("narrow", "axis 2", [cube]) { $0[0].narrow(axis: 2, start: 1, length: 2) }
        add("cat", "axis 0, three inputs", [matrix, Self.uniform([2, 5]), Self.uniform([1, 5])]) {
            Tensor.cat($0, axis: 0)
        }
        add("cat", "axis 1", [Self.uniform([2, 1, 4]), cube]) { Tensor.cat($0, axis: 1) }
        add("stack", "axis 1", [matrix, Self.uniform([4, 5])]) { Tensor.stack($0, axis: 1) }
        add("split", "sizes [1, 3], cat reversed", [matrix]) {
            Tensor.cat($0[0].split(sizes: [1, 3], axis: 0).reversed(), axis: 0)
        }
        add("chunk", "3 chunks, axis 1", [matrix]) { Tensor.cat($0[0].chunk(3, axis: 1).map { $0 * 2 }, axis: 1) }
    }

    mutating func indexOps() {
        let matrix = Self.uniform([4, 5])
        add("gather", "axis 1, repeated indices", [matrix], length: 2) {
            $0[0].gather(axis: 1, IndexTensor([0, 0, 4, 1, 2, 2, 3, 3], shape: [4, 2]))
        }
        add("indexSelect", "axis 0, repeated rows", [matrix], length: 3) {
            $0[0].indexSelect(axis: 0, IndexTensor([2, 2, 0, 2]))
        }
        add("embedding", "indexSelect of a table", [Self.uniform([6, 3])], length: 2) {
            $0[0].indexSelect(axis: 0, IndexTensor([1, 4, 4, 5]))
        }
        let distinct = AutogradInput(shape: [4, 5], domain: .distinct)
        add("maxWithIndices", "axis 1", [distinct]) { $0[0].maxWithIndices(axis: 1).values }
        add("minWithIndices", "axis 0, keepDim", [distinct]) { $0[0].minWithIndices(axis: 0, keepDim: true).values }
        add("topk", "k 2, axis 1", [distinct]) { $0[0].topk(2, axis: 1).values }
    }

    mutating func binaryAndRobustLosses() {
        let probabilities = Self.uniform([4, 5], 0.1...0.9), targets = Self.uniform([4, 5], 0...1)
        add("binary_cross_entropy", "weight", [probabilities, targets], length: 20, slack: 30) {
            BCELoss(weight: [1, 2, 0.5, 1, 3])($0[0], $0[1])
        }
        add("binary_cross_entropy_with_logits", "posWeight", [Self.uniform([4, 5]), targets], length: 20, slack: 30) {
            BCEWithLogitsLoss(posWeight: [3, 1, 0.5, 2, 1])($0[0], $0[1])
        }
        // Grids 0.12 apart never put |input − target| at 0 or at delta 0.7, the kinks.
        let apart = [Self.grid([4, 5], offset: 0.1), Self.grid([4, 5], offset: -0.02)]
        add("huber_loss", "delta 0.7", apart, length: 20, magnitude: { ($0[0] + $0[1]).square().mean() }) {
            HuberLoss(delta: 0.7)($0[0], $0[1])
        }
        add("smooth_l1_loss", "beta 0.7, sum", apart, length: 20, magnitude: { ($0[0] + $0[1]).square().sum() }) {
            SmoothL1Loss(beta: 0.7, reduction: .sum)($0[0], $0[1])
        }
    }

    mutating func activationsAndNormalization() {
        let x = Self.uniform([3, 4])
        add("erf", [x], slack: 30) { $0[0].erf() }
        add("gelu", "exact", [x], slack: 30) { $0[0].gelu() }
        add("gelu", "tanh", [x], slack: 30) { $0[0].gelu(approximate: .tanh) }
        add("leakyRelu", [Self.signed([3, 4], 0.05...2)]) { $0[0].leakyRelu(negativeSlope: 0.2) }
        add("layer_norm", "over [4], with affine inputs", [Self.uniform([3, 4]), Self.uniform([4]), Self.uniform([4])],
            length: 4, slack: 30) { LayerNorm<T>([4], elementwiseAffine: false)($0[0]) * $0[1] + $0[2] }
        add("batch_norm", "training, [N, C, L]", [Self.uniform([4, 3, 2])], length: 8, slack: 30) {
            BatchNorm1d<T>(3, affine: false)($0[0])
        }
    }
}
