import Ember
import Foundation

/// The closed-form least-squares fit of the same data, in Double, and how far SGD's parameters are from it.
struct ClosedFormCheck {
    let weight: [Double]
    let bias: Double
    let maxAbsDiff: Double
    /// The condition number of the centred, scaled features that LAPACK solved (infinite for a constant column).
    let conditionNumber: Double
    /// The rank of those features; below `columns` when columns are collinear (the fit is then the minimum-norm one).
    let rank: Int
    let columns: Int

    /// Solves min ‖X·w + b − y‖₂ with LAPACK (`X` row-major, `rows × columns`) and compares with SGD's fit.
    init(x: [Double], rows: Int, columns: Int, y: [Double], sgdWeight: [Double], sgdBias: Double) throws {
        let solution: LeastSquaresSolution<Double>
        do {
            solution = try LeastSquares.solve(x: x, rows: rows, columns: columns, y: y, fitIntercept: true)
        } catch {
            throw CLIError("closed-form solution failed: \(error)")
        }
        weight = solution.coefficients
        bias = solution.intercept ?? 0
        conditionNumber = solution.conditionNumber
        rank = solution.rank - 1   // without the intercept's column
        self.columns = columns
        maxAbsDiff = zip(weight + [bias], sgdWeight + [sgdBias]).map { abs($0 - $1) }.max() ?? 0
    }

    /// The condition number for JSON, which has no infinity: `nil` when infinite.
    var reportedConditionNumber: Double? { conditionNumber.isFinite ? conditionNumber : nil }

    /// `closed form: condition number 1.2, rank 2 of 2 features (centred and scaled)`, with a note when collinear.
    var conditioning: String {
        let condition = conditionNumber.isFinite ? String(format: "%.3g", conditionNumber) : "infinite"
        return "closed form: condition number \(condition), rank \(rank) of \(columns) "
            + (columns == 1 ? "feature" : "features") + " (centred and scaled)"
            + (rank < columns ? "; collinear features: the closed form is the fit of smallest norm of many" : "")
    }

    /// The side-by-side table of a trained fit (headed `label`) and this closed-form fit, one row per coefficient.
    func table(names: [String], label: String, weight trained: [Double], bias trainedBias: Double) -> String {
        let nameWidth = max(9, (names.map(\.count).max() ?? 0) + 2)
        func column(_ text: String) -> String { String(repeating: " ", count: max(0, 12 - text.count)) + text }
        // Fixed point for everyday magnitudes, exponents for the rest (a feature near 1e-21 has a weight near 1e21).
        func number(_ value: Double) -> String {
            let magnitude = abs(value)
            return String(format: magnitude == 0 || (magnitude >= 1e-3 && magnitude < 1e6) ? "%12.6f" : "%12.5e", value)
        }
        func row(_ name: String, _ value: Double, _ exact: Double) -> String {
            name.padding(toLength: nameWidth, withPad: " ", startingAt: 0)
                + number(value) + "  " + number(exact) + "  " + String(format: "%12.2e", abs(value - exact))
        }
        var lines = ["parameter".padding(toLength: nameWidth, withPad: " ", startingAt: 0)
            + column(label) + "  " + column("closed form") + "  " + column("difference")]
        for (i, name) in names.enumerated() { lines.append(row(name, trained[i], weight[i])) }
        lines.append(row("bias", trainedBias, bias))
        return lines.joined(separator: "\n")
    }
}
