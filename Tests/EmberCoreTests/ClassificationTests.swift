import Ember
import Foundation
import Testing

/// Softmax stability, cross-entropy misuse, dropout and train/eval: what the PyTorch fixtures cannot show.
@Suite struct ClassificationTests {
    @Test func softmaxIsStableForHugeLogits() {
        let p = Tensor<Float>([[1e4, 0, -1e4], [-1e4, -1e4, -1e4]]).softmax(axis: 1)
        #expect(p.isFinite)
        #expect(p.scalars[0] == 1 && abs(p.scalars[3] - 1 / 3) < 1e-6)
        let lse = Tensor<Float>([[-Float.infinity, -.infinity]]).logsumexp(axis: 1)
        #expect(lse.item() == -.infinity)   // log 0, as in PyTorch, not NaN
    }

    @Test func crossEntropyStopsOnAnOutOfRangeTarget() async {
        let result = await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
            _ = CrossEntropyLoss()(Tensor<Float>.zeros([2, 3]), IndexTensor([0, 7]))
        }
        let message = String(decoding: result?.standardErrorContent ?? [], as: UTF8.self)
        #expect(message.contains("cross_entropy: target index 7 is out of range for 3 classes"))
    }

    @Test func crossEntropyOfAllIgnoredIsNaN() {
        let loss = CrossEntropyLoss()(Tensor<Double>.zeros([2, 3]), IndexTensor([-100, -100]))
        #expect(loss.item().isNaN)
    }

    @Test func dropoutScalesKeptElementsAndIsOffInEval() {
        manualSeed(7)
        let dropout = Dropout<Double>(p: 0.25)
        let y = dropout(Tensor<Double>.ones([10_000]))
        let kept = y.scalars.filter { $0 != 0 }
        #expect(kept.allSatisfy { abs($0 - 4.0 / 3) < 1e-12 })
        #expect(abs(Double(kept.count) / 10_000 - 0.75) < 0.02)
        manualSeed(7)
        #expect(dropout(Tensor<Double>.ones([10_000])).scalars == y.scalars)   // seeded through the global generator
        dropout.eval()
        #expect(dropout(Tensor<Double>.ones([4])).scalars == [1, 1, 1, 1])
        #expect(Tensor<Double>.ones([3]).dropout(p: 1).scalars == [0, 0, 0])
    }

    @Test func trainAndEvalReachEverySubmodule() {
        final class Block: Module<Float> {
            let inner = Sequential<Float>(Linear(2, 2), Dropout(p: 0.5))
            let extra: [Module<Float>] = [Dropout(p: 0.1)]
        }
        let model = Sequential<Float>(Flatten(), Block())
        func all(_ m: Module<Float>) -> [Module<Float>] { [m] + m.namedChildren.flatMap { all($0.module) } }
        #expect(all(model).count == 7)
        model.eval()
        #expect(all(model).allSatisfy { !$0.isTraining })
        model.train()
        #expect(all(model).allSatisfy { $0.isTraining })
    }

    @Test func flattenMergesAxes() {
        let x = Tensor<Float>.zeros([2, 3, 4, 5])
        #expect(Flatten<Float>()(x).shape == [2, 60])
        #expect(x.flatten(startDim: 1, endDim: 2).shape == [2, 12, 5])
    }
}
