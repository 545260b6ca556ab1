import EmberLinalg
import Foundation
import Testing

/// Newton/IRLS logistic regression against scipy's BFGS minimiser of the same objective
/// (`scripts/fixtures/logistic_regression.py`), and the cases where no maximum exists.
@Suite struct LogisticRegressionIRLSTests {
    @Test(arguments: LogisticRegressionFixture.cases.map(\.name))
    func matchesScipyOnTheSameObjective(_ name: String) throws {
        let fixture = try #require(LogisticRegressionFixture.cases.first { $0.name == name })
        let fit = try LogisticRegressionIRLS.fit(x: fixture.x, rows: fixture.rows, columns: fixture.columns,
                                                 y: fixture.y, penalty: fixture.penalty,
                                                 penalizeIntercept: fixture.penalizeIntercept)
        for (newton, scipy) in zip(fit.coefficients + [fit.intercept], fixture.coefficients + [fixture.intercept]) {
            #expect(abs(newton - scipy) <= 1e-7 * abs(scipy) + 1e-9, "\(name): IRLS \(newton), scipy \(scipy)")
        }
        #expect(abs(fit.objective - fixture.objective) <= 1e-12 * fixture.objective)
        #expect(fit.gradientNorm < 1e-10, "\(name): gradient \(fit.gradientNorm)")
        #expect(fit.iterations < 30, "Newton converges quadratically; took \(fit.iterations)")
    }

    @Test func probabilityIsTheSigmoidOfTheLinearPredictor() throws {
        let fixture = LogisticRegressionFixture.cases[0]
        let fit = try LogisticRegressionIRLS.fit(x: fixture.x, rows: fixture.rows, columns: fixture.columns, y: fixture.y)
        let row = Array(fixture.x[0..<fixture.columns])
        let eta = fit.intercept + zip(row, fit.coefficients).reduce(0) { $0 + $1.0 * $1.1 }
        #expect(abs(fit.probability(row) - 1 / (1 + exp(-eta))) < 1e-15)
        // At the unpenalised optimum the mean predicted probability equals the share of 1s (the intercept's equation).
        let rows = (0..<fixture.rows).map { Array(fixture.x[($0 * fixture.columns)..<(($0 + 1) * fixture.columns)]) }
        let meanProbability = rows.map(fit.probability).reduce(0, +) / Double(fixture.rows)
        #expect(abs(meanProbability - fixture.y.reduce(0, +) / Double(fixture.rows)) < 1e-12)
    }

    @Test func separatedClassesHaveNoMaximumWithoutAPenalty() {
        let x: [Double] = [-2, -1.5, -1, -0.5, 0.5, 1, 1.5, 2], y: [Double] = [0, 0, 0, 0, 1, 1, 1, 1]
        #expect {
            try LogisticRegressionIRLS.fit(x: x, rows: 8, columns: 1, y: y)
        } throws: { error in
            guard case .separated = error as? LogisticRegressionError else { return false }
            return "\(error)".contains("does not exist")
        }
    }

    @Test func quasiSeparatedClassesDiverge() {
        // x = 0 holds one row of each class; the rest is separated by x = 0: the likelihood rises as w → ∞.
        let x: [Double] = [-2, -1, 0, 0, 1, 2], y: [Double] = [0, 0, 0, 1, 1, 1]
        #expect {
            try LogisticRegressionIRLS.fit(x: x, rows: 6, columns: 1, y: y)
        } throws: { error in
            guard case .diverged = error as? LogisticRegressionError else { return false }
            return "\(error)".contains("quasi-separated")
        }
        // The same data with a penalty has an optimum.
        #expect(throws: Never.self) { try LogisticRegressionIRLS.fit(x: x, rows: 6, columns: 1, y: y, penalty: 0.01) }
    }

    @Test func badInputsAreNamed() {
        func error(_ x: [Double], rows: Int, _ y: [Double], penalty: Double = 0) -> LogisticRegressionError? {
            do {
                _ = try LogisticRegressionIRLS.fit(x: x, rows: rows, columns: 1, y: y, penalty: penalty)
                return nil
            } catch { return error }
        }
        #expect(error([1, 2], rows: 2, [1, 1]) == .singleClass(label: 1))
        #expect(error([1, 2], rows: 2, [0, 2]) == .labelNotBinary(row: 1, value: 2))
        // NaN never compares equal, so the case is matched without its value.
        if case .nonFiniteInX(1, 0, _)? = error([1, .nan], rows: 2, [0, 1]) {} else {
            Issue.record("NaN in X not reported at row 1")
        }
        #expect(error([1, 2], rows: 2, [0, 1], penalty: -1) == .invalidPenalty(-1))
        #expect(error([1, 2, 3], rows: 2, [0, 1]) == .sizeMismatch(xCount: 3, yCount: 2, rows: 2, columns: 1))
        #expect(error([], rows: 0, []) == .emptyProblem(rows: 0, columns: 1))
        #expect(error([3, 3, 3], rows: 3, [0, 1, 1]) == .collinear(rank: 1, columns: 2))   // x is the intercept's column
        #expect(error([3, 3, 3], rows: 3, [0, 1, 1], penalty: 0.1) == nil)
    }
}
