import Ember
import Testing

/// `ConfusionMatrix` and `accuracy` against values NumPy computed with scikit-learn's definitions
/// (`scripts/fixtures/classification_metrics.py`), and the zero-division cases by hand.
@Suite struct ClassificationMetricsTests {
    typealias Fixture = ClassificationMetricsFixture

    func expectClose(_ actual: Double, _ expected: Double, _ what: String,
                     sourceLocation: SourceLocation = #_sourceLocation) {
        #expect(abs(actual - expected) <= 1e-15, "\(what): \(actual) vs \(expected)", sourceLocation: sourceLocation)
    }

    @Test func confusionMatrixAndAccuracyMatchTheFixture() {
        let matrix = ConfusionMatrix(actual: Fixture.actual, predicted: Fixture.predicted, classCount: Fixture.classCount)
        #expect(matrix.counts == Fixture.confusion)
        #expect(matrix.total == Fixture.actual.count)
        expectClose(matrix.accuracy, Fixture.accuracy, "accuracy")
        expectClose(accuracy(actual: Fixture.actual, predicted: Fixture.predicted), Fixture.accuracy, "accuracy()")
    }

    @Test func perClassPrecisionRecallF1AndSupportMatchTheFixture() {
        let matrix = ConfusionMatrix(actual: Fixture.actual, predicted: Fixture.predicted, classCount: Fixture.classCount)
        for c in 0..<Fixture.classCount {
            expectClose(matrix.precision(c), Fixture.precision[c], "precision of class \(c)")
            expectClose(matrix.recall(c), Fixture.recall[c], "recall of class \(c)")
            expectClose(matrix.f1(c), Fixture.f1[c], "F1 of class \(c)")
            #expect(matrix.support(c) == Fixture.support[c])
        }
        expectClose(matrix.macroAverage(matrix.f1), Fixture.macroF1, "macro F1")
        expectClose(matrix.weightedAverage(matrix.f1), Fixture.weightedF1, "weighted F1")
    }

    @Test func zeroDivisionTakesTheChosenValueOnlyWhereTheDenominatorIsZero() {
        // Class 0: 1 sample, predicted 1. Class 1: 1 sample, predicted 1. Class 2: never present, never predicted.
        let actual = [0, 1], predicted = [1, 1]
        let zero = ConfusionMatrix(actual: actual, predicted: predicted, classCount: 3)
        #expect(zero.precision(0) == 0)      // never predicted: 0/0 → zeroDivision
        #expect(zero.recall(0) == 0)         // 0/1: a real zero
        #expect(zero.f1(0) == 0)             // 0/(0 + 0 + 1): a real zero, even with zeroDivision 1 below
        #expect(zero.precision(1) == 0.5 && zero.recall(1) == 1)
        #expect(zero.recall(2) == 0 && zero.f1(2) == 0)

        let one = ConfusionMatrix(actual: actual, predicted: predicted, classCount: 3, zeroDivision: 1)
        #expect(one.precision(0) == 1)
        #expect(one.recall(0) == 0)
        #expect(one.f1(0) == 0)
        #expect(one.precision(2) == 1 && one.recall(2) == 1 && one.f1(2) == 1)
        #expect(abs(one.f1(1) - 2.0 / 3) < 1e-15)
    }

    @Test func noSamplesGiveNaNAccuracy() {
        let empty = ConfusionMatrix(actual: [], predicted: [], classCount: 2)
        #expect(empty.total == 0 && empty.counts == [[0, 0], [0, 0]])
        #expect(empty.accuracy.isNaN)
        #expect(accuracy(actual: [], predicted: []).isNaN)
    }

    @Test func indexTensorsCountLikeArrays() {
        let logits = Tensor<Float>([[2, 0, 1], [0, 1, 3], [3, 1, 0], [0, 5, 1]])
        let labels = IndexTensor([0, 2, 1, 1])
        let predicted = logits.argmax(axis: 1)   // [0, 2, 0, 1]
        let matrix = ConfusionMatrix(actual: labels, predicted: predicted, classCount: 3)
        #expect(matrix == ConfusionMatrix(actual: [0, 2, 1, 1], predicted: [0, 2, 0, 1], classCount: 3))
        #expect(matrix.counts == [[1, 0, 0], [1, 1, 0], [0, 0, 1]])
        #expect(accuracy(actual: labels, predicted: predicted) == 0.75)
    }
}
