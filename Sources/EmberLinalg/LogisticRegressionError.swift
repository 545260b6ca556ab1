/// Why `LogisticRegressionIRLS.fit` has no answer. Row indices count from 0.
public enum LogisticRegressionError: Error, CustomStringConvertible, Equatable, Sendable {
    /// `X` has no rows or no columns.
    case emptyProblem(rows: Int, columns: Int)
    /// `x` does not hold `rows × columns` elements, or `y` not `rows`.
    case sizeMismatch(xCount: Int, yCount: Int, rows: Int, columns: Int)
    /// `X[row, column]` is NaN or infinite.
    case nonFiniteInX(row: Int, column: Int, value: Double)
    /// `y[row]` is neither 0 nor 1.
    case labelNotBinary(row: Int, value: Double)
    /// Every label is the same class: the intercept has no finite maximum.
    case singleClass(label: Int)
    /// The L2 penalty is negative, NaN or infinite.
    case invalidPenalty(Double)
    /// Without a penalty, the columns of `[X 1]` are linearly dependent (`rank` of `columns`): the maximum, if any,
    /// is not unique.
    case collinear(rank: Int, columns: Int)
    /// Without a penalty, a Newton iterate classified every row correctly: the classes are separated by a
    /// hyperplane, so scaling it up raises the likelihood forever and no maximum exists.
    case separated(iteration: Int)
    /// The iterates did not converge within the iteration budget (or the rows' weights fell to rounding level, or
    /// the linear predictor grew past where the logistic function saturates): without a penalty this is the mark of
    /// quasi-complete separation, where some rows lie on the separating hyperplane and the maximum does not exist
    /// either.
    case diverged(iterations: Int, largestCoefficient: Double)
    /// A least-squares step failed on LAPACK.
    case leastSquares(LeastSquaresError)

    public var description: String {
        switch self {
        case let .emptyProblem(rows, columns):
            return "logistic regression needs at least one row and one column, got \(rows) rows and \(columns) columns"
        case let .sizeMismatch(xCount, yCount, rows, columns):
            return "logistic regression: X holds \(xCount) elements and y \(yCount), but the problem is \(rows) rows "
                + "× \(columns) columns"
        case let .nonFiniteInX(row, column, value):
            return "X[\(row), \(column)] (counting from 0) is \(value); logistic regression needs finite inputs"
        case let .labelNotBinary(row, value):
            return "y[\(row)] (counting from 0) is \(value); logistic regression needs labels 0 or 1"
        case let .singleClass(label):
            return "every label is \(label): with one class the intercept grows without bound and no maximum exists"
        case let .invalidPenalty(value):
            return "the L2 penalty must be finite and at least 0, got \(value)"
        case let .collinear(rank, columns):
            return "the features and the intercept are linearly dependent (rank \(rank) of \(columns) columns), so the "
                + "maximum-likelihood estimate is not unique; drop a redundant feature or add an L2 penalty"
        case let .separated(iteration):
            return "the two classes are perfectly separated (Newton iterate \(iteration) classifies every row "
                + "correctly): the likelihood keeps growing as the coefficients grow, so the maximum-likelihood "
                + "estimate does not exist; add an L2 penalty (weight decay)"
        case let .diverged(iterations, largest):
            return "Newton's method did not converge in \(iterations) iterations (largest coefficient "
                + "\(largest)): the classes are probably quasi-separated, so the maximum-likelihood estimate does not "
                + "exist; add an L2 penalty (weight decay)"
        case let .leastSquares(error):
            return "a Newton step's least-squares solve failed: \(error)"
        }
    }
}
