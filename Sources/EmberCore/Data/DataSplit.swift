import EmberBackend

/// Why a dataset cannot be split as asked.
public enum DataSplitError: Error, Equatable, CustomStringConvertible {
    /// The validation fraction is not in (0, 1), or the test fraction not in [0, 1).
    case fractionOutOfRange(split: String, fraction: Double)
    /// The validation and test fractions together leave no training fraction (their sum is at least 1).
    case noTrainingFraction(validation: Double, test: Double)
    /// A split would receive no samples: the dataset is too small for the fractions.
    case emptySplit(split: String, sampleCount: Int)

    public var description: String {
        switch self {
        case let .fractionOutOfRange(split, fraction):
            let range = split == "validation" ? "(0, 1)" : "[0, 1)"
            return "the \(split) fraction must be in \(range), got \(fraction)"
        case let .noTrainingFraction(validation, test):
            return "the validation (\(validation)) and test (\(test)) fractions leave nothing for training"
        case let .emptySplit(split, sampleCount):
            return "the \(split) split of \(sampleCount) samples would be empty; use more samples or other fractions"
        }
    }
}

/// A random partition of sample indices into training, validation and (optionally) test sets, like
/// `torch.utils.data.random_split` with fractions.
///
/// The indices `0..<count` are shuffled with a `RandomGenerator` seeded by `seed`; the first
/// `round(count · validationFraction)` go to `validation`, the next `round(count · testFraction)` to `test` and the
/// rest to `train`. The three sets are disjoint and together hold every index once; the same seed gives the same
/// split. Fit anything learned from the data (such as a `Standardizer`) on `train` only.
///
/// ```swift
/// let split = try DataSplit(count: 100, validationFraction: 0.2, testFraction: 0.1, seed: 7)
/// // split.train.count == 70, split.validation.count == 20, split.test.count == 10
/// ```
public struct DataSplit: Equatable, Sendable {
    /// The training indices, in shuffled order.
    public let train: [Int]
    /// The validation indices, in shuffled order.
    public let validation: [Int]
    /// The test indices, in shuffled order; empty when the test fraction is 0.
    public let test: [Int]

    /// - Parameters:
    ///   - count: the number of samples, non-negative.
    ///   - validationFraction: the share of samples for validation, in (0, 1).
    ///   - testFraction: the share of samples for testing, in [0, 1); 0 for no test set.
    ///   - seed: seeds the shuffle.
    /// - Throws: `DataSplitError` when a fraction is out of range, the fractions leave nothing for training, or a
    ///   split (training, validation, or test when asked for) would be empty.
    public init(count: Int, validationFraction: Double, testFraction: Double = 0, seed: UInt64) throws(DataSplitError) {
        emberPrecondition(count >= 0, "DataSplit: count must be non-negative, got \(count)")
        guard validationFraction > 0 && validationFraction < 1 else {
            throw .fractionOutOfRange(split: "validation", fraction: validationFraction)
        }
        guard testFraction >= 0 && testFraction < 1 else {
            throw .fractionOutOfRange(split: "test", fraction: testFraction)
        }
        guard validationFraction + testFraction < 1 else {
            throw .noTrainingFraction(validation: validationFraction, test: testFraction)
        }
        let validationCount = Int((Double(count) * validationFraction).rounded())
        let testCount = Int((Double(count) * testFraction).rounded())
        let trainCount = count - validationCount - testCount
        if validationCount == 0 { throw .emptySplit(split: "validation", sampleCount: count) }
        if testFraction > 0 && testCount == 0 { throw .emptySplit(split: "test", sampleCount: count) }
        if trainCount <= 0 { throw .emptySplit(split: "training", sampleCount: count) }

        var generator = RandomGenerator(seed: seed)
        let order = randomPermutation(count, using: &generator)
        validation = Array(order[..<validationCount])
        test = Array(order[validationCount..<(validationCount + testCount)])
        train = Array(order[(validationCount + testCount)...])
    }
}

extension TensorDataset {
    /// The training, validation and test datasets of `split` (copies of the selected samples).
    /// - Precondition: `split` was made for this dataset's `count`.
    public func split(_ split: DataSplit) -> (train: TensorDataset, validation: TensorDataset, test: TensorDataset) {
        let total = split.train.count + split.validation.count + split.test.count
        emberPrecondition(total == count, "TensorDataset.split: the split covers \(total) samples, the dataset has \(count)")
        return (subset(split.train), subset(split.validation), subset(split.test))
    }

    /// Splits the samples at random into training, validation and test datasets (see `DataSplit`).
    ///
    /// ```swift
    /// let x = Tensor<Float>.linspace(0, 1, steps: 50).reshape([50, 1])
    /// let dataset = TensorDataset(features: x, targets: x * 3)
    /// let (train, validation, _) = try dataset.randomSplit(validationFraction: 0.2, seed: 1)
    /// // train.count == 40, validation.count == 10
    /// ```
    /// - Parameters:
    ///   - validationFraction: the share of samples for validation, in (0, 1).
    ///   - testFraction: the share of samples for testing, in [0, 1); 0 gives an empty test dataset.
    ///   - seed: seeds the shuffle.
    /// - Throws: `DataSplitError` as `DataSplit.init` does.
    public func randomSplit(validationFraction: Double, testFraction: Double = 0, seed: UInt64)
        throws(DataSplitError) -> (train: TensorDataset, validation: TensorDataset, test: TensorDataset) {
        split(try DataSplit(count: count, validationFraction: validationFraction, testFraction: testFraction,
                            seed: seed))
    }
}
