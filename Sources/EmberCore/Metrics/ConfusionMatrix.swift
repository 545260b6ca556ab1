import EmberBackend

/// Counts of (actual class, predicted class) pairs, and the classification metrics computed from them: accuracy and
/// per-class precision, recall and F1, as scikit-learn's `confusion_matrix`, `accuracy_score` and
/// `precision_recall_fscore_support` define them.
///
/// Rows are the actual classes, columns the predicted ones (scikit-learn's layout): `counts[i][j]` is the number of
/// samples of class `i` predicted as class `j`. For class `c`, with `TP` the diagonal count, `FP` the rest of column
/// `c` and `FN` the rest of row `c`:
///
/// ```text
/// precision = TP / (TP + FP)        recall = TP / (TP + FN)        F1 = 2·TP / (2·TP + FP + FN)
/// ```
///
/// A ratio whose denominator is 0 (a class never predicted has no precision; a class absent from the data has no
/// recall; a class neither present nor predicted has no F1) takes the value `zeroDivision`, 0 by default, as
/// scikit-learn's `zero_division=0` (its default `"warn"` also gives 0). F1 is written with counts, as scikit-learn
/// 1.3 and later compute it: when precision is undefined but recall is 0, F1 is 0, not `zeroDivision`.
///
/// ```swift
/// let matrix = ConfusionMatrix(actual: [0, 0, 1, 1, 2], predicted: [0, 1, 1, 1, 0], classCount: 3)
/// // matrix.counts == [[1, 1, 0], [0, 2, 0], [1, 0, 0]]
/// // matrix.accuracy == 0.6
/// // matrix.precision(1) == 2.0 / 3, matrix.recall(1) == 1, matrix.f1(1) == 0.8
/// // matrix.precision(2) == 0 (class 2 is never predicted)
/// ```
public struct ConfusionMatrix: Equatable, Sendable {
    /// The number of classes; class labels are `0..<classCount`.
    public let classCount: Int
    /// `counts[actual][predicted]`, `classCount × classCount`.
    public let counts: [[Int]]
    /// The value of a ratio whose denominator is 0.
    public let zeroDivision: Double

    /// Counts the pairs `(actual[i], predicted[i])`.
    ///
    /// - Parameters:
    ///   - actual: the true class of each sample, each in `0..<classCount`.
    ///   - predicted: the predicted class of each sample, as many as `actual`, each in `0..<classCount`.
    ///   - classCount: the number of classes, at least 1.
    ///   - zeroDivision: the value of precision, recall or F1 when its denominator is 0 (default 0).
    /// - Precondition: the arrays have the same length and every label is in range; a violation stops with a message
    ///   naming the operation, the label, its position and the class count.
    public init(actual: [Int], predicted: [Int], classCount: Int, zeroDivision: Double = 0) {
        emberPrecondition(classCount >= 1, "ConfusionMatrix: classCount must be at least 1, got \(classCount)")
        emberPrecondition(actual.count == predicted.count,
                     "ConfusionMatrix: \(actual.count) actual labels but \(predicted.count) predicted labels")
        var counts = [[Int]](repeating: [Int](repeating: 0, count: classCount), count: classCount)
        for (i, (a, p)) in zip(actual, predicted).enumerated() {
            emberPrecondition(a >= 0 && a < classCount,
                         "ConfusionMatrix: actual label \(a) at position \(i) is out of range for \(classCount) classes")
            emberPrecondition(p >= 0 && p < classCount,
                         "ConfusionMatrix: predicted label \(p) at position \(i) is out of range for \(classCount) classes")
            counts[a][p] += 1
        }
        self.classCount = classCount
        self.counts = counts
        self.zeroDivision = zeroDivision
    }

    /// The number of samples counted.
    public var total: Int { counts.reduce(0) { $0 + $1.reduce(0, +) } }

    /// The share of samples whose prediction is their class: the trace over the total; NaN with no samples.
    public var accuracy: Double {
        let correct = (0..<classCount).reduce(0) { $0 + counts[$1][$1] }
        return Double(correct) / Double(total)
    }

    /// The number of samples of class `c` (the row sum): scikit-learn's `support`.
    public func support(_ c: Int) -> Int { counts[c].reduce(0, +) }

    /// The number of samples predicted as class `c` (the column sum).
    public func predictedCount(_ c: Int) -> Int { counts.reduce(0) { $0 + $1[c] } }

    /// `TP / (TP + FP)` for class `c`: of the samples predicted as `c`, the share that are `c`.
    public func precision(_ c: Int) -> Double { ratio(counts[c][c], predictedCount(c)) }

    /// `TP / (TP + FN)` for class `c`: of the samples of class `c`, the share predicted as `c`.
    public func recall(_ c: Int) -> Double { ratio(counts[c][c], support(c)) }

    /// `2·TP / (2·TP + FP + FN)` for class `c`, the harmonic mean of precision and recall.
    public func f1(_ c: Int) -> Double {
        let tp = counts[c][c]
        return ratio(2 * tp, support(c) + predictedCount(c))
    }

    /// The unweighted mean over the classes of `metric` (scikit-learn's `average="macro"`).
    public func macroAverage(_ metric: (Int) -> Double) -> Double {
        (0..<classCount).reduce(0) { $0 + metric($1) } / Double(classCount)
    }

    /// The mean over the classes of `metric` weighted by each class's support (scikit-learn's `average="weighted"`);
    /// NaN with no samples.
    public func weightedAverage(_ metric: (Int) -> Double) -> Double {
        (0..<classCount).reduce(0) { $0 + metric($1) * Double(support($1)) } / Double(total)
    }

    private func ratio(_ numerator: Int, _ denominator: Int) -> Double {
        denominator == 0 ? zeroDivision : Double(numerator) / Double(denominator)
    }
}

/// The share of positions where `predicted` equals `actual`, as scikit-learn's `accuracy_score`; NaN for no samples.
///
/// ```swift
/// let value = accuracy(actual: [0, 1, 2, 1], predicted: [0, 1, 1, 1])   // 0.75
/// ```
/// - Precondition: the arrays have the same length.
public func accuracy(actual: [Int], predicted: [Int]) -> Double {
    emberPrecondition(actual.count == predicted.count,
                 "accuracy: \(actual.count) actual labels but \(predicted.count) predicted labels")
    return Double(zip(actual, predicted).reduce(0) { $0 + ($1.0 == $1.1 ? 1 : 0) }) / Double(actual.count)
}

extension ConfusionMatrix {
    /// Counts the pairs of two index tensors of the same shape, such as the labels and `logits.argmax(axis: 1)`.
    ///
    /// ```swift
    /// let logits = Tensor<Float>([[2, 0], [0, 1], [3, 1]])
    /// let matrix = ConfusionMatrix(actual: IndexTensor([0, 1, 1]), predicted: logits.argmax(axis: 1), classCount: 2)
    /// // matrix.counts == [[1, 0], [1, 1]]
    /// ```
    /// - Precondition: the shapes are equal and every label is in `0..<classCount`.
    public init(actual: IndexTensor, predicted: IndexTensor, classCount: Int, zeroDivision: Double = 0) {
        emberPrecondition(actual.shape == predicted.shape,
                     "ConfusionMatrix: actual labels of shape \(actual.shape), predicted of shape \(predicted.shape)")
        self.init(actual: actual.scalars, predicted: predicted.scalars, classCount: classCount,
                  zeroDivision: zeroDivision)
    }
}

/// The share of positions where two index tensors of the same shape agree, such as the labels and
/// `logits.argmax(axis: 1)`; NaN for no samples.
/// - Precondition: the shapes are equal.
public func accuracy(actual: IndexTensor, predicted: IndexTensor) -> Double {
    emberPrecondition(actual.shape == predicted.shape,
                 "accuracy: actual labels of shape \(actual.shape), predicted of shape \(predicted.shape)")
    return accuracy(actual: actual.scalars, predicted: predicted.scalars)
}
