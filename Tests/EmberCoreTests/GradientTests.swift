import Ember
import Testing

/// Every differentiable op's gradient against central finite differences in Double.
@Suite struct GradientTests {
    let a = randomTensor([3, 4], seed: 1)
    let b = randomTensor([3, 4], seed: 2)
    let positive = randomTensor([3, 4], seed: 3, low: 0.5, high: 3)

    @Test func addSubMulDiv() {
        expectGradientsMatch([a, b]) { $0[0] + $0[1] }
        expectGradientsMatch([a, b]) { $0[0] - $0[1] }
        expectGradientsMatch([a, b]) { $0[0] * $0[1] }
        expectGradientsMatch([a, positive]) { $0[0] / $0[1] }
        expectGradientsMatch([a]) { -$0[0] }
    }

    @Test func scalarOperands() {
        expectGradientsMatch([a]) { $0[0] + 1.5 }
        expectGradientsMatch([a]) { 1.5 - $0[0] }
        expectGradientsMatch([a]) { $0[0] * 3 }
        expectGradientsMatch([positive]) { 2 / $0[0] }
        expectGradientsMatch([a]) { $0[0] / 4 }
    }

    @Test func broadcastingSumsGradientsOverBroadcastDimensions() {
        let row = randomTensor([4], seed: 4)
        let column = randomTensor([3, 1], seed: 5)
        let scalar = randomTensor([], seed: 6)
        expectGradientsMatch([a, row]) { $0[0] + $0[1] }
        expectGradientsMatch([a, column]) { $0[0] * $0[1] }
        expectGradientsMatch([column, row]) { $0[0] - $0[1] }
        expectGradientsMatch([a, scalar]) { $0[0] / ($0[1] + 5) }
        expectGradientsMatch([randomTensor([2, 1, 4], seed: 7), column]) { $0[0] * $0[1] }
    }

    @Test func powers() {
        expectGradientsMatch([positive]) { $0[0].pow(3) }
        expectGradientsMatch([positive]) { $0[0].pow(-0.5) }
        expectGradientsMatch([a]) { $0[0].square() }
        expectGradientsMatch([positive, randomTensor([4], seed: 8)]) { $0[0].pow($0[1]) }
    }

    @Test func unaryFunctions() {
        expectGradientsMatch([a]) { $0[0].exp() }
        expectGradientsMatch([positive]) { $0[0].log() }
        expectGradientsMatch([positive]) { $0[0].sqrt() }
        expectGradientsMatch([a]) { $0[0].abs() }
        expectGradientsMatch([a]) { $0[0].relu() }
        expectGradientsMatch([a]) { $0[0].sigmoid() }
        expectGradientsMatch([a]) { $0[0].tanh() }
    }

    @Test func extremes() {
        expectGradientsMatch([a, b]) { $0[0].maximum($0[1]) }
        expectGradientsMatch([a, b]) { $0[0].minimum($0[1]) }
        expectGradientsMatch([a]) { $0[0].clamp(min: -0.5, max: 0.5) }
        expectGradientsMatch([a]) { $0[0].max() }
        expectGradientsMatch([a]) { $0[0].max(axis: 1) }
        expectGradientsMatch([a]) { $0[0].min(axis: 0, keepDim: true) }
    }

    @Test func reductions() {
        expectGradientsMatch([a]) { $0[0].sum() }
        expectGradientsMatch([a]) { $0[0].sum(axis: 0) }
        expectGradientsMatch([a]) { $0[0].sum(axis: -1, keepDim: true) }
        expectGradientsMatch([a]) { $0[0].mean() }
        expectGradientsMatch([a]) { $0[0].mean(axis: 1) }
        expectGradientsMatch([randomTensor([2, 3, 4], seed: 9)]) { $0[0].sum(axes: [0, 2]) }
    }

    @Test func shapeOps() {
        let cube = randomTensor([2, 3, 4], seed: 10)
        expectGradientsMatch([a]) { $0[0].reshape([4, 3]) * randomTensor([4, 3], seed: 11) }
        expectGradientsMatch([a]) { $0[0].t() * randomTensor([4, 3], seed: 12) }
        expectGradientsMatch([cube]) { $0[0].permute([2, 0, 1]) * randomTensor([4, 2, 3], seed: 13) }
        expectGradientsMatch([cube]) { $0[0].transpose(0, 2) }
        expectGradientsMatch([randomTensor([3, 1], seed: 14)]) { $0[0].expand(to: [2, 3, 4]) }
        expectGradientsMatch([a]) { $0[0].unsqueeze(1).squeeze() }
        expectGradientsMatch([a]) { $0[0].clone() }
    }

    @Test func matmulInEveryForm() {
        let m = randomTensor([3, 5], seed: 15), n = randomTensor([5, 2], seed: 16)
        let v = randomTensor([5], seed: 17), w = randomTensor([3], seed: 18)
        expectGradientsMatch([m, n]) { $0[0].matmul($0[1]) }
        expectGradientsMatch([m, v]) { $0[0].matmul($0[1]) }
        expectGradientsMatch([w, m]) { $0[0].matmul($0[1]) }
        expectGradientsMatch([v, randomTensor([5], seed: 19)]) { $0[0].matmul($0[1]) }
        expectGradientsMatch([randomTensor([2, 3, 5], seed: 20), n]) { $0[0].matmul($0[1]) }
        expectGradientsMatch([randomTensor([2, 3, 5], seed: 21), randomTensor([2, 5, 4], seed: 22)]) {
            $0[0].matmul($0[1])
        }
    }

    @Test func layersAndLosses() {
        let x = randomTensor([4, 3], seed: 23)
        let target = randomTensor([4, 2], seed: 24)
        let layer = Linear<Double>(3, 2)
        expectGradientsMatch([x, layer.weight, layer.bias!]) { inputs in
            let y = inputs[0].matmul(inputs[1].t()) + inputs[2]
            return MSELoss()(y, target)
        }
        expectGradientsMatch([x]) { layer($0[0]) }
        expectGradientsMatch([x, randomTensor([4, 3], seed: 25)]) { L1Loss(reduction: .sum)($0[0], $0[1]) }
        expectGradientsMatch([x, randomTensor([4, 3], seed: 26)]) { MSELoss(reduction: .sum)($0[0], $0[1]) }
    }

    @Test func compositeGraphReusesTensors() {
        // x is used three times: gradients from every path must add up.
        expectGradientsMatch([a]) { x in (x[0] * x[0] + x[0].exp() * x[0]).tanh() }
    }
}
