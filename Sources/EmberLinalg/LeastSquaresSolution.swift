import EmberBackend

/// The result of `LeastSquares.solve`: the `w` (and intercept `b`) minimising `‖X·w + b − y‖₂`.
public struct LeastSquaresSolution<T: TensorScalar>: Sendable, Equatable {
    /// One weight per column of `X`.
    public let coefficients: [T]
    /// The fitted intercept, or `nil` when the solve did not fit one.
    public let intercept: T?
    /// The effective rank of the problem: the number of singular values above `rcond` times the largest, plus one for
    /// a fitted intercept (the rank of `[X 1]`).
    public let rank: Int
    /// The singular values of the matrix solved, largest first, `min(rows, columns)` of them: of `X`, or with an
    /// intercept of `X` centred and scaled to unit column norms.
    public let singularValues: [T]
    /// `Σᵢ (X·w + b − y)ᵢ²` at the solution, accumulated in `Double` from the original inputs.
    public let residualSumOfSquares: T
    /// The relative threshold below which singular values counted as zero.
    public let rcond: T

    public init(coefficients: [T], intercept: T?, rank: Int, singularValues: [T], residualSumOfSquares: T, rcond: T) {
        self.coefficients = coefficients
        self.intercept = intercept
        self.rank = rank
        self.singularValues = singularValues
        self.residualSumOfSquares = residualSumOfSquares
        self.rcond = rcond
    }

    /// The condition number of the matrix whose singular values are reported, `σ_max / σ_min`: how much that solve
    /// can magnify rounding errors (near `1 / T.ulpOfOne` or infinite: the columns are collinear). 1 when there are
    /// no singular values.
    public var conditionNumber: T {
        guard let largest = singularValues.first, let smallest = singularValues.last else { return 1 }
        return smallest > 0 ? largest / smallest : .infinity
    }

    /// The prediction `x · w + b` for one row `x` of `columns` features.
    public func predict(_ x: [T]) -> T {
        precondition(x.count == coefficients.count, "a row needs \(coefficients.count) features, got \(x.count)")
        var sum = intercept ?? 0
        for (xi, wi) in zip(x, coefficients) { sum += xi * wi }
        return sum
    }
}
