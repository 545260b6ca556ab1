/// Why `LeastSquares.solve` could not solve a problem. Row and column indices count from 0.
public enum LeastSquaresError: Error, CustomStringConvertible, Equatable, Sendable {
    /// `X` has no rows or no columns (or a negative count).
    case emptyProblem(rows: Int, columns: Int)
    /// `X` holds `count` elements, not `rows × columns`.
    case elementCountMismatch(count: Int, rows: Int, columns: Int)
    /// `y` holds `yCount` elements, but `X` has `rows` rows.
    case rowCountMismatch(rows: Int, yCount: Int)
    /// `X[row, column]` is NaN or infinite.
    case nonFiniteInX(row: Int, column: Int, value: Double)
    /// `y[row]` is NaN or infinite.
    case nonFiniteInY(row: Int, value: Double)
    /// `rcond` is negative, NaN or infinite.
    case invalidRcond(Double)
    /// Centring column `column` of `X` (or `y`, when `column` is `nil`) for an intercept overflows `Double`: its values
    /// lie too far from their mean.
    case overflow(column: Int?)
    /// A dimension does not fit LAPACK's 32-bit integers.
    case tooLarge(rows: Int, columns: Int)
    /// The scalar type has no LAPACK routine (only `Float` and `Double` do).
    case unsupportedScalarType(String)
    /// The LAPACK routine (such as `"dgelsd"`) returned the nonzero `info`.
    case lapackFailure(routine: String, info: Int)

    public var description: String {
        switch self {
        case .emptyProblem(let rows, let columns):
            return "least squares needs X with at least one row and one column, got \(rows) rows and \(columns) columns"
        case .elementCountMismatch(let count, let rows, let columns):
            let (product, overflow) = rows.multipliedReportingOverflow(by: columns)
            let expected = overflow ? "\(rows) × \(columns), which overflows Int" : "\(rows) × \(columns) = \(product)"
            return "X holds \(count) elements but rows × columns is \(expected)"
        case .rowCountMismatch(let rows, let yCount):
            return "X has \(rows) rows but y has \(yCount) elements; they must match"
        case .nonFiniteInX(let row, let column, let value):
            return "X[\(row), \(column)] (row \(row), column \(column), counting from 0) is \(value); "
                + "least squares needs finite inputs"
        case .nonFiniteInY(let row, let value):
            return "y[\(row)] (counting from 0) is \(value); least squares needs finite inputs"
        case .invalidRcond(let rcond):
            return "rcond must be finite and at least 0, got \(rcond)"
        case .overflow(let column):
            let what = column.map { "column \($0) of X" } ?? "y"
            return "\(what) overflows Double when centred on its mean (values too far apart, near ±1e308); rescale it"
        case .tooLarge(let rows, let columns):
            return "X of \(rows) rows and \(columns) columns is too large for LAPACK's 32-bit dimensions"
        case .unsupportedScalarType(let name):
            return "least squares supports Float and Double, not \(name)"
        case .lapackFailure(let routine, let info):
            let reason = if info == -1010 {
                "it could not allocate its workspace"
            } else if info < 0 {
                "argument \(-info) had an illegal value"
            } else {
                "the SVD did not converge: \(info) off-diagonal elements of an intermediate bidiagonal form did not "
                    + "converge to zero"
            }
            return "LAPACK \(routine) failed with info = \(info): \(reason)"
        }
    }
}
