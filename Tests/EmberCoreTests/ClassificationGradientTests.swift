import Ember
import Testing

/// The new differentiable ops against central finite differences (see `GradientCheck.swift`).
@Suite struct ClassificationGradientTests {
    let m = randomTensor([3, 5], seed: 11)
    let cube = randomTensor([2, 3, 4], seed: 12)

    @Test func softmaxFamily() {
        expectGradientsMatch([m]) { $0[0].softmax(axis: 1) }
        expectGradientsMatch([cube]) { $0[0].logSoftmax(axis: 0) }
        expectGradientsMatch([cube]) { $0[0].logsumexp(axis: 2) }
    }

    @Test func losses() {
        let targets = IndexTensor([4, 0, 2])
        expectGradientsMatch([m]) { CrossEntropyLoss()($0[0], targets) }
        expectGradientsMatch([m]) {
            CrossEntropyLoss(weight: [1, 2, 0.5, 1, 3], ignoreIndex: 0, labelSmoothing: 0.2)($0[0], targets)
        }
        expectGradientsMatch([m, randomTensor([3, 5], seed: 13, low: 0, high: 1)]) {
            CrossEntropyLoss(reduction: .sum)($0[0], $0[1])
        }
        expectGradientsMatch([m]) { NLLLoss(reduction: .none)($0[0], targets) }
    }

    @Test func indexingAndJoining() {
        expectGradientsMatch([m]) { $0[0][.all, 1..<4] }
        expectGradientsMatch([cube]) { $0[0][1, .newAxis, .range(nil, nil, step: 2)] }
        expectGradientsMatch([m, randomTensor([2, 5], seed: 14)]) { Tensor.cat([$0[0], $0[1], $0[0]], axis: 0) }
        expectGradientsMatch([m, m]) { Tensor.stack([$0[0], $0[1]], axis: 2) }
        expectGradientsMatch([cube]) { Tensor.cat($0[0].chunk(2, axis: 2).reversed(), axis: 2) }
        expectGradientsMatch([m]) { $0[0].gather(axis: 1, IndexTensor([0, 0, 4, 1, 2, 2], shape: [3, 2])) }
        expectGradientsMatch([m]) { $0[0].indexSelect(axis: 0, IndexTensor([2, 2, 0])) }
        expectGradientsMatch([m]) { $0[0].maxWithIndices(axis: 1).values }
        expectGradientsMatch([m]) { $0[0].topk(2, axis: 0, largest: false).values }
    }
}

/// The binary and robust losses, activations and normalisation layers against central finite differences.
@Suite struct LayerGradientTests {
    let x = randomTensor([3, 4], seed: 21)
    let y = randomTensor([3, 4], seed: 22, low: 0, high: 1)

    @Test func losses() {
        let p = randomTensor([3, 4], seed: 23, low: 0.05, high: 0.95)
        expectGradientsMatch([p, y]) { BCELoss(weight: [1, 2, 0.5, 1])($0[0], $0[1]) }
        expectGradientsMatch([x, y]) { BCEWithLogitsLoss(posWeight: [3, 1, 0.5, 2])($0[0], $0[1]) }
        expectGradientsMatch([x, y]) { HuberLoss(delta: 0.7, reduction: .sum)($0[0], $0[1]) }
        expectGradientsMatch([x, y]) { SmoothL1Loss(beta: 0.4)($0[0], $0[1]) }
    }

    @Test func activations() {
        expectGradientsMatch([x]) { $0[0].erf() }
        expectGradientsMatch([x]) { $0[0].gelu() }
        expectGradientsMatch([x]) { $0[0].gelu(approximate: .tanh) }
        expectGradientsMatch([x]) { $0[0].leakyRelu(negativeSlope: 0.1) }
    }

    @Test func normalisation() {
        expectGradientsMatch([x]) { LayerNorm<Double>([4])($0[0]) }
        expectGradientsMatch([randomTensor([5, 3, 2], seed: 24)]) { BatchNorm1d<Double>(3)($0[0]) }
    }
}
