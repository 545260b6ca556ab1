import Ember
import Foundation

/// The JSON object `ember classify --json` prints as its last line.
struct ClassifyReport: Encodable {
    struct ClassMetrics: Encodable {
        var name: String
        var precision: Double
        var recall: Double
        var f1: Double
        var support: Int
    }

    struct IRLS: Encodable {
        /// `w₁ − w₀` then `b₁ − b₀` as the optimizer learned them, in the data's units.
        var trained: [Double]
        /// The exact optimum by IRLS, in the same order.
        var exact: [Double]
        var maxRelativeDiff: Double
    }

    var backend: String
    var threads: Int
    var model: String
    var hidden: [Int]
    /// `--model cnn`: the image shape (`CxHxW`) and the channels of each convolution block.
    var imageShape: String?
    var channels: [Int]?
    var optimizer: String
    var learningRate: Double
    var weightDecay: Double
    var batchSize: Int
    var standardized: Bool
    var classes: [String]
    var features: [String]
    var target: String
    /// The epochs run (fewer than `--epochs` when early stopping ended the run).
    var epochs: Int
    var bestEpoch: Int?
    var stoppedEarly: Bool
    /// The mean cross-entropy on the training rows with the final parameters.
    var finalLoss: Double
    var finalValidationLoss: Double?
    var trainAccuracy: Double
    /// Absent with `--val-fraction 0`.
    var valAccuracy: Double?
    /// `confusion[actual][predicted]` on the validation rows (the training rows with `--val-fraction 0`).
    var confusion: [[Int]]
    /// Which rows `confusion` and `per_class` count: "validation" or "train".
    var confusionSplit: String
    var perClass: [ClassMetrics]
    var irls: IRLS?
    /// Why the IRLS check has no solution (separated classes without weight decay), when it has none.
    var irlsNoMaximum: String?
    var trainSeconds: Double
    var trainRows: Int
    var validationRows: Int
}

/// The text tables of `ember classify`.
enum ClassificationTables {
    /// The confusion matrix, actual classes down and predicted classes across.
    static func confusion(_ matrix: ConfusionMatrix, classes: [String]) -> String {
        let width = max(6, (classes.map(\.count).max() ?? 0) + 2, String(matrix.total).count + 2)
        func cell(_ text: String) -> String { String(repeating: " ", count: max(0, width - text.count)) + text }
        var lines = ["actual \\ predicted".padding(toLength: max(width, 20), withPad: " ", startingAt: 0)
            + classes.map(cell).joined()]
        for (c, name) in classes.enumerated() {
            lines.append(name.padding(toLength: max(width, 20), withPad: " ", startingAt: 0)
                + matrix.counts[c].map { cell(String($0)) }.joined())
        }
        return lines.joined(separator: "\n")
    }

    /// Precision, recall, F1 and support per class, then the macro and weighted means and the accuracy, laid out as
    /// scikit-learn's `classification_report`.
    static func perClass(_ matrix: ConfusionMatrix, classes: [String]) -> String {
        let width = max(12, (classes.map(\.count).max() ?? 0) + 2)
        func row(_ name: String, _ p: Double, _ r: Double, _ f: Double, _ support: Int) -> String {
            name.padding(toLength: width, withPad: " ", startingAt: 0)
                + String(format: "%10.4f %10.4f %10.4f %10d", p, r, f, support)
        }
        var lines = ["class".padding(toLength: width, withPad: " ", startingAt: 0)
            + " precision     recall         F1    support"]
        for (c, name) in classes.enumerated() {
            lines.append(row(name, matrix.precision(c), matrix.recall(c), matrix.f1(c), matrix.support(c)))
        }
        lines.append(row("macro avg", matrix.macroAverage(matrix.precision), matrix.macroAverage(matrix.recall),
                         matrix.macroAverage(matrix.f1), matrix.total))
        lines.append(row("weighted avg", matrix.weightedAverage(matrix.precision),
                         matrix.weightedAverage(matrix.recall), matrix.weightedAverage(matrix.f1), matrix.total))
        lines.append("accuracy".padding(toLength: width, withPad: " ", startingAt: 0)
            + String(format: "%32.4f %10d", matrix.accuracy, matrix.total))
        return lines.joined(separator: "\n")
    }

    static func metrics(_ matrix: ConfusionMatrix, classes: [String]) -> [ClassifyReport.ClassMetrics] {
        classes.enumerated().map { c, name in
            .init(name: name, precision: matrix.precision(c), recall: matrix.recall(c), f1: matrix.f1(c),
                  support: matrix.support(c))
        }
    }
}
