import Ember
import Testing

@Suite struct TensorTests {
    @Test func creation() {
        #expect(Tensor<Float>.zeros([2, 3]).scalars == [Float](repeating: 0, count: 6))
        #expect(Tensor<Double>.full([2], 7).scalars == [7, 7])
        #expect(Tensor<Float>.linspace(0, 1, steps: 5).scalars == [0, 0.25, 0.5, 0.75, 1])
        #expect(Tensor<Float>.linspace(0, 1, steps: 100).scalars.last == 1)
        #expect(Tensor<Double>.arange(0, 1, step: 0.25).scalars == [0, 0.25, 0.5, 0.75])
        #expect(Tensor<Float>.arange(3).scalars == [0, 1, 2])
        #expect(Tensor<Float>([[1, 2], [3, 4]]).shape == [2, 2])
        #expect(Tensor<Float>(scalar: 3).shape == [])
    }

    @Test func seededRandomnessIsReproducible() {
        // The global generator is shared with tests running in parallel, which may draw between the seeding and the
        // draw; a broken manualSeed fails every attempt, a race at most one or two.
        let reproduced = (0..<3).contains { _ in
            manualSeed(7)
            let a = Tensor<Float>.randn([5])
            manualSeed(7)
            return Tensor<Float>.randn([5]).scalars == a.scalars
        }
        #expect(reproduced)
        var generator = RandomGenerator(seed: 1)
        let u = Tensor<Double>.rand([1000], generator: &generator)
        #expect(u.scalars.allSatisfy { $0 >= 0 && $0 < 1 })
        #expect(abs(u.mean().item() - 0.5) < 0.05)
        let n = Tensor<Double>.randn([10000], generator: &generator)
        #expect(abs(n.mean().item()) < 0.05)
        #expect(abs((n * n).mean().item() - 1) < 0.05)
    }

    @Test func broadcastingArithmetic() {
        let m = Tensor<Float>([[1, 2, 3], [4, 5, 6]])
        #expect((m + Tensor([10, 20, 30])).scalars == [11, 22, 33, 14, 25, 36])
        #expect((m * Tensor([[2], [3]])).scalars == [2, 4, 6, 12, 15, 18])
        #expect((Tensor<Float>([[1], [2]]) - Tensor([1, 2, 3])).shape == [2, 3])
        #expect((m / 2).scalars == [0.5, 1, 1.5, 2, 2.5, 3])
        #expect((1 - m).scalars == [0, -1, -2, -3, -4, -5])
    }

    @Test func reductionsAlongAxes() {
        let m = Tensor<Double>([[1, 5, 3], [4, 2, 6]])
        #expect(m.sum().item() == 21)
        #expect(m.sum(axis: 0).scalars == [5, 7, 9])
        #expect(m.sum(axis: 1, keepDim: true).shape == [2, 1])
        #expect(m.mean(axis: 1).scalars == [3, 4])
        #expect(m.mean(axes: [1, -1]).scalars == [3, 4], "a repeated axis counts once")
        #expect((m + Tensor(scalar: 1)).shape == [2, 3] && (Tensor(scalar: 1) + m).scalars == [2, 6, 4, 5, 3, 7])
        #expect(m.max().item() == 6)
        #expect(m.max(axis: 1).scalars == [5, 6])
        #expect(m.min(axis: 0).scalars == [1, 2, 3])
        #expect(Tensor<Double>([1, .nan, 3]).max().item().isNaN)
    }

    @Test func shapes() {
        let m = Tensor<Float>([1, 2, 3, 4, 5, 6], shape: [2, 3])
        #expect(m.reshape([3, -1]).shape == [3, 2])
        #expect(m.t().scalars == [1, 4, 2, 5, 3, 6])
        #expect(m.unsqueeze(0).shape == [1, 2, 3])
        #expect(m.unsqueeze(-1).shape == [2, 3, 1])
        #expect(m.reshape([1, 6, 1]).squeeze().shape == [6])
        #expect(m.permute([1, 0]).scalars == m.t().scalars)
        #expect(Tensor<Float>([1, 2]).expand(to: [2, 2]).scalars == [1, 2, 1, 2])
    }

    @Test func matmul() {
        let a = Tensor<Float>([[1, 2], [3, 4]]), b = Tensor<Float>([[5], [6]])
        #expect(a.matmul(b).scalars == [17, 39])
        #expect(Tensor<Float>([1, 2]).matmul(Tensor([3, 4])).item() == 11)
        #expect(a.matmul(Tensor([1, 1])).scalars == [3, 7])
    }

    @Test func elementwiseFunctions() {
        let x = Tensor<Double>([-1, 0, 2])
        #expect(x.relu().scalars == [0, 0, 2])
        #expect(x.abs().scalars == [1, 0, 2])
        #expect(x.sign().scalars == [-1, 0, 1])
        #expect(abs(x.sigmoid().scalars[1] - 0.5) < 1e-15)
        #expect(abs(x.exp().log().scalars[2] - 2) < 1e-12)
        #expect(Tensor<Double>([4, 9]).sqrt().scalars == [2, 3])
        #expect(Tensor<Double>([2]).pow(3).item() == 8)
    }

    @Test func printedFormLooksLikePyTorch() {
        #expect("\(Tensor<Float>([1, 2, 3]))" == "tensor([1., 2., 3.])")
        #expect("\(Tensor<Float>([0.5, 1.25]))" == "tensor([0.5000, 1.2500])")
        #expect("\(Tensor<Float>([[1, 2], [3, 4]]))" == "tensor([[1., 2.],\n        [3., 4.]])")
        #expect("\(Tensor<Float>([1], requiresGrad: true))" == "tensor([1.], requires_grad=True)")
        #expect("\(Tensor<Double>(scalar: 2.5))" == "tensor(2.5000, dtype=torch.float64)")
    }

    @Test func valuesReadBack() {
        let m = Tensor<Float>([[1, 2], [3, 4]])
        #expect(m[element: 1, 0] == 3)
        #expect(m[element: -1, -1] == 4)
        #expect(Tensor<Float>([5]).item() == 5)
        #expect(m.converted(to: Double.self).scalars == [1, 2, 3, 4])
    }
}
