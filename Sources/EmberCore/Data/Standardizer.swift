import EmberBackend

/// Why a `Standardizer` cannot be fitted.
public enum StandardizerError: Error, Equatable, CustomStringConvertible {
    /// The data has no rows.
    case noRows
    /// Column `index` (0-based) has the same value in every row: its standard deviation is 0.
    case constantColumn(index: Int)
    /// Column `index` (0-based) holds NaN or an infinity.
    case nonFiniteColumn(index: Int)
    /// Column `index` (0-based) is finite, but its mean or standard deviation overflows (values near ±1e308, or
    /// beyond `Float`'s range for `Float` data).
    case nonFiniteStatistics(index: Int)

    public var description: String {
        switch self {
        case .noRows: "cannot standardise data with no rows"
        case let .constantColumn(index): "column \(index) is constant (standard deviation 0) and cannot be standardised"
        case let .nonFiniteColumn(index): "column \(index) holds NaN or infinite values"
        case let .nonFiniteStatistics(index):
            "column \(index): its mean or standard deviation overflows (values too large); rescale the column"
        }
    }
}

/// Standardises columns to zero mean and unit variance, like scikit-learn's `StandardScaler`:
///
/// ```text
/// μⱼ = mean of column j,   σⱼ = √(Σᵢ (xᵢⱼ − μⱼ)² / n)   (population standard deviation, as scikit-learn)
/// transform:          zᵢⱼ = (xᵢⱼ − μⱼ) / σⱼ
/// inverseTransform:   xᵢⱼ = zᵢⱼ · σⱼ + μⱼ
/// ```
///
/// Fit it on the training split only, then transform every split with it, so no statistic of the validation or test
/// data leaks into training. Data is `[n, d]` (d columns) or `[n]` (one column); the statistics are accumulated in
/// `Double`.
///
/// A model trained on standardised data can be mapped back to the original units with
/// `originalCoefficients(weights:bias:target:)`.
///
/// ```swift
/// let train = Tensor<Double>([[1, 10], [3, 30]])
/// let scaler = try Standardizer(fitting: train)   // mean [2, 20], standard deviation [1, 10]
/// let z = scaler.transform(train)                 // [[-1, -1], [1, 1]]
/// let back = scaler.inverseTransform(z)           // [[1, 10], [3, 30]]
/// ```
public struct Standardizer<Scalar: TensorScalar>: Equatable, Sendable {
    /// The mean μⱼ of each column.
    public let mean: [Scalar]
    /// The population standard deviation σⱼ of each column, all positive.
    public let standardDeviation: [Scalar]

    /// A standardizer with given statistics (for example restored from a file).
    /// - Precondition: both arrays have the same non-zero length; every deviation is positive and finite.
    public init(mean: [Scalar], standardDeviation: [Scalar]) {
        precondition(!mean.isEmpty && mean.count == standardDeviation.count,
                     "Standardizer: \(mean.count) means and \(standardDeviation.count) standard deviations")
        precondition(standardDeviation.allSatisfy { $0 > 0 && $0.isFinite },
                     "Standardizer: standard deviations must be positive and finite, got \(standardDeviation)")
        self.mean = mean
        self.standardDeviation = standardDeviation
    }

    /// Computes each column's mean and population standard deviation from `data`.
    /// - Parameter data: the training data, `[n, d]` or `[n]`, with n ≥ 1.
    /// - Throws: `StandardizerError.noRows`, `.constantColumn(index:)` for the first column whose values are all
    ///   equal, `.nonFiniteColumn(index:)` for the first column holding NaN or an infinity, or
    ///   `.nonFiniteStatistics(index:)` for the first column whose mean or deviation overflows `Scalar`.
    public init(fitting data: Tensor<Scalar>) throws(StandardizerError) {
        precondition(data.rank == 1 || data.rank == 2,
                     "Standardizer: data must have shape [n] or [n, d], got \(data.shape)")
        let rows = data.shape[0]
        let columns = data.rank == 2 ? data.shape[1] : 1
        precondition(columns > 0, "Standardizer: data of shape \(data.shape) has no columns")
        guard rows > 0 else { throw .noRows }
        var means: [Scalar] = [], deviations: [Scalar] = []
        for column in 0..<columns {
            let statistics = data.withUnsafeBufferPointer { values in
                Standardizer.columnStatistics(values, column: column, stride: columns, rows: rows)
            }
            guard let statistics else { throw .nonFiniteColumn(index: column) }
            guard Scalar(statistics.mean).isFinite, Scalar(statistics.deviation).isFinite else {
                throw .nonFiniteStatistics(index: column)
            }
            guard Scalar(statistics.deviation) > 0 else { throw .constantColumn(index: column) }
            means.append(Scalar(statistics.mean))
            deviations.append(Scalar(statistics.deviation))
        }
        mean = means
        standardDeviation = deviations
    }

    /// The number of columns.
    public var columnCount: Int { mean.count }

    /// `(x − μ) / σ` column by column; the result has `data`'s shape.
    /// - Parameter data: `[n, columnCount]`, or `[n]` when there is one column.
    public func transform(_ data: Tensor<Scalar>) -> Tensor<Scalar> {
        checkShape(data, "transform")
        return (data - Tensor(mean)) / Tensor(standardDeviation)
    }

    /// `z · σ + μ` column by column, undoing `transform`; the result has `data`'s shape.
    /// - Parameter data: `[n, columnCount]`, or `[n]` when there is one column.
    public func inverseTransform(_ data: Tensor<Scalar>) -> Tensor<Scalar> {
        checkShape(data, "inverseTransform")
        return data * Tensor(standardDeviation) + Tensor(mean)
    }

    /// Maps the coefficients of a linear model fitted on standardised features (this standardizer) back to the
    /// original units.
    ///
    /// With `ẑ = Σⱼ wⱼ · (xⱼ − μⱼ) / σⱼ + b` predicting the target, standardised by `target` (mean μ_y, deviation
    /// σ_y) or raw when `target` is `nil` (μ_y = 0, σ_y = 1), the same predictions in original units are
    /// `ŷ = σ_y · ẑ + μ_y = Σⱼ w′ⱼ · xⱼ + b′` with
    ///
    /// ```text
    /// w′ⱼ = σ_y · wⱼ / σⱼ
    /// b′  = σ_y · (b − Σⱼ wⱼ · μⱼ / σⱼ) + μ_y  =  σ_y · b + μ_y − Σⱼ w′ⱼ · μⱼ
    /// ```
    ///
    /// ```swift
    /// let x = Tensor<Double>([[0], [2]]), y = Tensor<Double>([1, 5])   // y = 2x + 1
    /// let xScaler = try Standardizer(fitting: x), yScaler = try Standardizer(fitting: y)
    /// // On standardised data the exact fit is w = [1], b = 0:
    /// let original = xScaler.originalCoefficients(weights: [1], bias: 0, target: yScaler)
    /// // original.weights == [2], original.bias == 1
    /// ```
    /// - Parameters:
    ///   - weights: one weight per feature column (`columnCount` of them), learned on standardised features.
    ///   - bias: the learned bias.
    ///   - target: the standardizer of the target (one column) when the target was standardised too.
    /// - Returns: the weights and bias that give the same predictions on unstandardised features and target.
    public func originalCoefficients(weights: [Scalar], bias: Scalar, target: Standardizer? = nil)
        -> (weights: [Scalar], bias: Scalar) {
        precondition(weights.count == columnCount,
                     "Standardizer: \(weights.count) weights for \(columnCount) standardised columns")
        precondition(target.map { $0.columnCount == 1 } ?? true,
                     "Standardizer: the target standardizer must have one column, not \(target?.columnCount ?? 0)")
        let targetMean = target?.mean[0] ?? 0
        let targetDeviation = target?.standardDeviation[0] ?? 1
        var originalWeights: [Scalar] = []
        var shift: Scalar = 0
        for j in 0..<columnCount {
            originalWeights.append(targetDeviation * weights[j] / standardDeviation[j])
            shift += weights[j] * mean[j] / standardDeviation[j]
        }
        return (originalWeights, targetDeviation * (bias - shift) + targetMean)
    }

    private func checkShape(_ data: Tensor<Scalar>, _ op: String) {
        let columns = data.rank == 2 ? data.shape[1] : (data.rank == 1 ? 1 : -1)
        precondition(columns == columnCount,
                     "Standardizer.\(op): data of shape \(data.shape) does not have the \(columnCount) fitted columns")
    }

    /// The mean and population standard deviation of one column (two passes in `Double`), `nil` when a value is
    /// not finite; the deviation is exactly 0 when every value is equal.
    private static func columnStatistics(_ values: UnsafeBufferPointer<Scalar>, column: Int, stride: Int, rows: Int)
        -> (mean: Double, deviation: Double)? {
        let first = values[column]
        var sum = 0.0
        var constant = true
        for i in 0..<rows {
            let x = values[i * stride + column]
            guard x.isFinite else { return nil }
            sum += Double(x)
            constant = constant && x == first
        }
        let mean = sum / Double(rows)
        if constant { return (Double(first), 0) }
        var squares = 0.0
        for i in 0..<rows {
            let deviation = Double(values[i * stride + column]) - mean
            squares += deviation * deviation
        }
        return (mean, (squares / Double(rows)).squareRoot())
    }
}
