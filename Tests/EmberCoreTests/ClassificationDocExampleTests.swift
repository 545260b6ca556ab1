import Ember
import Testing

/// The examples in the doc comments of the classification API, compiled and checked as written.
@Suite struct ClassificationDocExampleTests {
    @Test func indexing() {
        let x = Tensor<Float>([[1, 2, 3], [4, 5, 6]])
        #expect(x[1].scalars == [4, 5, 6])
        #expect(x[.all, 1].scalars == [2, 5])
        #expect(x[.all, (-2)...].scalars == [2, 3, 5, 6])
        #expect(x[.newAxis].shape == [1, 2, 3])
        let m = Tensor<Float>([[1, 2], [3, 4]])
        m[element: 1, 0] = 5
        #expect(m.scalars == [1, 2, 5, 4] && m[element: -1, -1] == 4)
    }

    @Test func joiningAndIndexOps() {
        let a = Tensor<Float>([[1, 2]]), b = Tensor<Float>([[3, 4], [5, 6]])
        #expect(Tensor.cat([a, b], axis: 0).scalars == [1, 2, 3, 4, 5, 6])
        #expect(Tensor.stack([Tensor<Float>([1, 2]), Tensor<Float>([3, 4])], axis: 1).scalars == [1, 3, 2, 4])
        #expect(Tensor<Float>([1, 2, 3, 4, 5]).split(size: 2).map(\.scalars) == [[1, 2], [3, 4], [5]])
        let x = Tensor<Float>([[1, 2, 3], [4, 5, 6]])
        #expect(x.gather(axis: 1, IndexTensor([2, 0], shape: [2, 1])).scalars == [3, 4])
        let rows = Tensor<Float>([[1, 2], [3, 4], [5, 6]]).indexSelect(axis: 0, IndexTensor([2, 0, 2]))
        #expect(rows.scalars == [5, 6, 1, 2, 5, 6])
        let logits = Tensor<Float>([[0.1, 2.0, -1.0], [3.0, 0.0, 0.5]])
        #expect(logits.argmax(axis: 1) == IndexTensor([1, 0]))
        let (values, indices) = Tensor<Float>([[1, 5, 2], [7, 0, 7]]).maxWithIndices(axis: 1)
        #expect(values.scalars == [5, 7] && indices == IndexTensor([1, 0]))
        let top = Tensor<Float>([0.1, 0.7, 0.2, 0.9]).topk(2)
        #expect(top.values.scalars == [0.9, 0.7] && top.indices == IndexTensor([3, 1]))
    }

    @Test func softmaxAndLosses() {
        let p = Tensor<Float>([[1, 2, 3], [1e4, 0, -1e4]]).softmax(axis: 1)
        #expect(abs(p.scalars[2] - 0.665) < 1e-3 && Array(p.scalars[3...]) == [1, 0, 0])
        #expect(Tensor<Double>([[1e4, 0]]).logSoftmax(axis: 1).scalars == [0, -1e4])
        let lse = Tensor<Float>([[1e4, 1e4], [0, 0]]).logsumexp(axis: 1)
        #expect(abs(lse.scalars[1] - Float(0.6931472)) < 1e-6 && lse.isFinite)

        let logits = Tensor<Float>([[2, 0.5, -1], [0, 3, 0.2]], requiresGrad: true)
        CrossEntropyLoss()(logits, IndexTensor([0, 1])).backward()
        let onehot = Tensor<Float>([[1, 0, 0], [0, 1, 0]])
        let expected = (logits.detach().softmax(axis: 1) - onehot) / 2
        #expect(zip(logits.grad!.scalars, expected.scalars).allSatisfy { abs($0 - $1) < 1e-6 })
        let nll = NLLLoss()(Tensor<Double>([[-0.1, -2.4], [-1.2, -0.4]]), IndexTensor([0, 1]))
        #expect(abs(nll.item() - 0.25) < 1e-12)
        let bce = BCELoss()(Tensor<Float>([0.9, 0.2]), Tensor<Float>([1, 0]))
        #expect(abs(bce.item() - Float(0.16425204)) < 1e-6)
        let huber = HuberLoss(delta: 1)(Tensor<Float>([0.5, 3]), Tensor<Float>([0, 0]))
        #expect(huber.item() == (0.125 + 2.5) / 2)
    }

    @Test func layers() {
        #expect(Flatten<Float>()(Tensor<Float>.zeros([8, 1, 28, 28])).shape == [8, 784])
        manualSeed(0)
        let dropout = Dropout<Float>(p: 0.5)
        #expect(dropout(Tensor<Float>.ones([4])).scalars.allSatisfy { $0 == 0 || $0 == 2 })
        dropout.eval()
        #expect(dropout(Tensor<Float>.ones([4])).scalars == [1, 1, 1, 1])
        let gelu = Tensor<Double>([-1, 0, 1]).gelu()
        #expect(abs(gelu.scalars[0] + 0.158655) < 1e-6 && abs(gelu.scalars[2] - 0.841345) < 1e-6)
        #expect(Embedding<Float>(10, 3)(IndexTensor([1, 4, 4], shape: [1, 3])).shape == [1, 3, 3])
        #expect(Softmax<Float>(axis: 1)(Tensor<Float>([[1, 2, 3]])).sum().item() - 1 < 1e-6)
    }
}
