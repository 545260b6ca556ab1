import EmberBackend

/// The result of `LogisticRegressionIRLS.fit`: the maximiser of the (penalised) logistic likelihood.
public struct LogisticRegressionSolution: Sendable, Equatable {
    /// One weight per column of `X`.
    public let coefficients: [Double]
    /// The intercept (never penalised).
    public let intercept: Double
    /// The Newton iterations taken.
    public let iterations: Int
    /// The objective at the solution: mean negative log-likelihood plus the penalty.
    public let objective: Double
    /// The largest absolute component of the objective's gradient at the solution (0 at the exact optimum).
    public let gradientNorm: Double

    public init(coefficients: [Double], intercept: Double, iterations: Int, objective: Double, gradientNorm: Double) {
        self.coefficients = coefficients
        self.intercept = intercept
        self.iterations = iterations
        self.objective = objective
        self.gradientNorm = gradientNorm
    }

    /// The probability of class 1 for one row `x`: `σ(x · w + b)`.
    public func probability(_ x: [Double]) -> Double {
        emberPrecondition(x.count == coefficients.count, "a row needs \(coefficients.count) features, got \(x.count)")
        return LogisticRegressionIRLS.sigmoid(zip(x, coefficients).reduce(intercept) { $0 + $1.0 * $1.1 })
    }
}
