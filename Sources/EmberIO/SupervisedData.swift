/// Inputs and targets for supervised learning, taken from a ``NumericTable`` by
/// ``NumericTable/select(target:features:)``.
///
/// `features` is row-major: sample `i`, feature `j` is `features[i * featureCount + j]`, ready to become a
/// `[rowCount, featureCount]` tensor; `target[i]` is sample `i`'s target.
public struct SupervisedData: Sendable, Hashable {
    /// The feature matrix, row-major, `rowCount × featureCount` values.
    public let features: [Double]
    /// The feature column names, in the order of the matrix columns.
    public let featureNames: [String]
    /// The target of each sample.
    public let target: [Double]
    /// The target column name.
    public let targetName: String

    /// The number of samples.
    public var rowCount: Int { target.count }
    /// The number of feature columns.
    public var featureCount: Int { featureNames.count }
}
