import EmberBackend
import Foundation

/// How well a linear model `ŷ = Σⱼ wⱼ·xⱼ + b` predicts a target, in the data's units (computed in `Double`).
struct RegressionMetrics: Encodable, Equatable {
    /// Mean squared error.
    var mse: Double
    /// Mean absolute error.
    var mae: Double
    /// The coefficient of determination 1 − SS_res / SS_tot; `nil` (JSON `null`) when the target is constant.
    var r2: Double?

    /// - Parameters:
    ///   - x: the features, row-major, `y.count × weight.count` values.
    ///   - y: the targets, at least one.
    init(x: [Double], y: [Double], weight: [Double], bias: Double) {
        let columns = weight.count
        let predictions = y.indices.map { i in
            var sum = bias
            for j in 0..<columns { sum += weight[j] * x[i * columns + j] }
            return sum
        }
        self.init(predictions: predictions, y: y)
    }

    /// Metrics of `predictions` against `y` (same count, at least one).
    init(predictions: [Double], y: [Double]) {
        emberPrecondition(predictions.count == y.count && !y.isEmpty, "RegressionMetrics: \(predictions.count) predictions for \(y.count) targets")
        let n = Double(y.count)
        var squares = 0.0, absolutes = 0.0
        for (p, t) in zip(predictions, y) {
            squares += (p - t) * (p - t)
            absolutes += abs(p - t)
        }
        let mean = y.reduce(0, +) / n
        let total = y.reduce(0) { $0 + ($1 - mean) * ($1 - mean) }
        mse = squares / n
        mae = absolutes / n
        r2 = total > 0 ? 1 - squares / total : nil
    }

    /// `MSE 0.0123  MAE 0.0891  R² 0.9876`.
    var summary: String {
        "MSE \(format(mse))  MAE \(format(mae))  R² " + (r2.map { String(format: "%.6f", $0) } ?? "undefined")
    }

    private func format(_ value: Double) -> String { String(format: "%.6g", value) }
}
