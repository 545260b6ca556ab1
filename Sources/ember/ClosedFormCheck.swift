import Ember
import Foundation

/// The closed-form least-squares fit of the same data, in Double, and how far SGD's parameters are from it.
struct ClosedFormCheck {
    let weight: [Double]
    let bias: Double
    let maxAbsDiff: Double

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
        maxAbsDiff = zip(weight + [bias], sgdWeight + [sgdBias]).map { abs($0 - $1) }.max() ?? 0
    }

    /// The side-by-side table of a trained fit (headed `label`) and this closed-form fit, one row per coefficient.
    func table(names: [String], label: String, weight trained: [Double], bias trainedBias: Double) -> String {
        let nameWidth = max(9, (names.map(\.count).max() ?? 0) + 2)
        func column(_ text: String) -> String { String(repeating: " ", count: max(0, 12 - text.count)) + text }
        func row(_ name: String, _ value: Double, _ exact: Double) -> String {
            name.padding(toLength: nameWidth, withPad: " ", startingAt: 0)
                + String(format: "%12.6f  %12.6f  %12.2e", value, exact, abs(value - exact))
        }
        var lines = ["parameter".padding(toLength: nameWidth, withPad: " ", startingAt: 0)
            + column(label) + "  " + column("closed form") + "  " + column("difference")]
        for (i, name) in names.enumerated() { lines.append(row(name, trained[i], weight[i])) }
        lines.append(row("bias", trainedBias, bias))
        return lines.joined(separator: "\n")
    }
}
