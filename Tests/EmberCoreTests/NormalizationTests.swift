import Ember
import Foundation
import Testing

/// BatchNorm's buffers: PyTorch's names, in the state dict and checkpoints, never handed to optimizers.
@Suite struct NormalizationTests {
    @Test func buffersHavePyTorchNamesAndLiveInTheStateDict() {
        let model = Sequential<Float>(Linear(3, 4), BatchNorm1d(4), ReLU())
        #expect(model.namedBuffers().map(\.name) == ["1.running_mean", "1.running_var", "1.num_batches_tracked"])
        #expect(Set(model.stateDict().keys) == ["0.weight", "0.bias", "1.weight", "1.bias", "1.running_mean",
                                                "1.running_var", "1.num_batches_tracked"])
        #expect(model.parameters().count == 4)
    }

    @Test func runningStatisticsMoveInTrainingOnlyAndSurviveACheckpoint() throws {
        let norm = BatchNorm1d<Double>(2)
        let batch = Tensor<Double>([[1, 10], [3, 20], [5, 60]])
        _ = norm(batch)
        // mean [3, 30], unbiased variance [4, 700]; momentum 0.1 from [0, 0] and [1, 1].
        expectClose(norm.runningMean!.scalars, [0.3, 3], "running mean")
        expectClose(norm.runningVar!.scalars, [1.3, 70.9], "running var")
        #expect(norm.numBatchesTracked!.item() == 1)
        norm.eval()
        _ = norm(batch)
        #expect(norm.numBatchesTracked!.item() == 1)

        let path = FileManager.default.temporaryDirectory.appendingPathComponent("ember-bn-\(UUID().uuidString)").path
        defer { try? FileManager.default.removeItem(atPath: path) }
        try norm.saveParameters(to: path)
        let restored = BatchNorm1d<Double>(2)
        try restored.loadParameters(from: path)
        #expect(restored.runningVar!.scalars == norm.runningVar!.scalars)
        restored.eval()
        #expect(restored(batch).scalars == norm(batch).scalars)
    }

    @Test func cumulativeAverageWithoutMomentum() {
        let norm = BatchNorm1d<Double>(1, momentum: nil)
        _ = norm(Tensor<Double>([[1], [3]]))
        _ = norm(Tensor<Double>([[5], [7]]))
        expectClose(norm.runningMean!.scalars, [4], "cumulative mean of the batch means 2 and 6")
    }

    @Test func layerNormNormalisesEachSample() {
        let y = LayerNorm<Double>([4])(Tensor<Double>([[1, 2, 3, 4], [10, 0, 10, 0]]))
        for row in 0..<2 {
            let values = Array(y.scalars[(row * 4)..<(row * 4 + 4)])
            #expect(abs(values.reduce(0, +)) < 1e-12)
        }
    }

    @Test func embeddingLooksUpRowsAndStopsOnABadIndex() async {
        let embedding = Embedding<Float>(4, 2)
        #expect(embedding(IndexTensor([3, 0], shape: [1, 2])).shape == [1, 2, 2])
        #expect(embedding(IndexTensor([3])).scalars == Array(embedding.weight.scalars[6...]))
        let result = await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
            _ = Embedding<Float>(4, 2)(IndexTensor([1, 4]))
        }
        let message = String(decoding: result?.standardErrorContent ?? [], as: UTF8.self)
        #expect(message.contains("Embedding: index 4 is out of range for 4 embeddings"))
    }
}
