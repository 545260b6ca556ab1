import Ember
import Foundation
import Testing

/// The code of the DocC article "Classification, step by step" (`TutorialClassification.md`), run as a test: it
/// compiles, and the classifier it trains reaches the accuracy the article states.
@Suite struct ClassificationTutorialTests {
    @Test func theArticlesClassifierReachesNinetyFivePercent() throws {
        // 1. Data: three Gaussian blobs in the plane, 200 points each, labelled 0, 1, 2.
        var generator = RandomGenerator(seed: 7)
        let centres: [(Double, Double)] = [(0, 0), (5, 0), (2.5, 4.5)]
        var points: [Float] = [], classes: [Int] = []
        for i in 0..<600 {
            let c = i % 3
            points += [Float(centres[c].0 + generator.nextNormal()), Float(centres[c].1 + generator.nextNormal())]
            classes.append(c)
        }
        let x = Tensor(points, shape: [600, 2])
        let y = IndexTensor(classes)

        // 2. Training and validation sets.
        let split = try DataSplit(count: 600, validationFraction: 0.2, seed: 7)
        let xTrain = x.indexSelect(axis: 0, IndexTensor(split.train))
        let yTrain = IndexTensor(split.train.map { y.scalars[$0] })
        let xValidation = x.indexSelect(axis: 0, IndexTensor(split.validation))
        let yValidation = IndexTensor(split.validation.map { y.scalars[$0] })

        // 3. Model, loss and optimizer.
        manualSeed(7)
        let model = Sequential<Float>(Linear(2, 16), ReLU(), Dropout(p: 0.1), Linear(16, 3))
        let criterion = CrossEntropyLoss()
        let optimizer = Adam(model.parameters(), lr: 0.05)

        // 4. Training loop, with the validation accuracy every 25 epochs.
        var log: [String] = []
        for epoch in 0..<100 {
            model.train()
            let loss = criterion(model(xTrain), yTrain)
            optimizer.zeroGrad()
            loss.backward()
            optimizer.step()
            if epoch % 25 == 0 {
                model.eval()
                let predicted = withNoGrad { model(xValidation) }.argmax(axis: 1)
                log.append("epoch \(epoch): loss \(loss.item()), "
                    + "validation accuracy \(accuracy(actual: yValidation, predicted: predicted))")
            }
        }

        // 5. Evaluation: accuracy, confusion matrix, per-class metrics.
        model.eval()
        let predicted = withNoGrad { model(xValidation) }.argmax(axis: 1)
        let matrix = ConfusionMatrix(actual: yValidation, predicted: predicted, classCount: 3)
        let report = (0..<3).map { c in
            "class \(c): precision \(matrix.precision(c)), recall \(matrix.recall(c)), F1 \(matrix.f1(c))"
        }
        try confusionMatrixPlot(counts: matrix.counts, classes: ["0", "1", "2"])
            .write(to: FileManager.default.temporaryDirectory.appendingPathComponent("tutorial-confusion.svg").path)

        #expect(log.count == 4)
        #expect(report.count == 3)
        #expect(matrix.accuracy >= 0.95, "accuracy \(matrix.accuracy): \(log)")
        #expect(matrix.total == 120)
    }
}
