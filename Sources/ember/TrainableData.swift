import Ember
import Foundation

/// Checks, before any training, that the data can be trained on in `Float`, so that values too large for it are
/// named as such instead of being reported as a diverging optimizer ("try a smaller --lr").
enum TrainableData {
    /// The largest magnitude whose square is finite in `Float` (√3.4e38 ≈ 1.8e19): MSE training squares the errors,
    /// starting with those of a model that predicts about 0, so larger targets or raw features overflow at once.
    static let limit = Double(Float.greatestFiniteMagnitude).squareRoot()

    /// Throws when a generated target is beyond `limit` (or not finite in `Float`).
    /// - Parameter options: the options that made the data, as typed (`--slope 1e+30, --noise 0.1`).
    static func checkTargets(_ y: Tensor<Float>, madeBy options: String) throws {
        let largest = y.withUnsafeBufferPointer { values in
            values.reduce(0.0) { largest, value in abs(Double(value)) <= largest ? largest : abs(Double(value)) }
        }
        let hasNaN = y.withUnsafeBufferPointer { $0.contains { $0.isNaN } }
        guard largest <= limit, !hasNaN else {
            throw CLIError("\(options) make targets up to \(hasNaN ? "NaN" : format(largest)), too large to train on in "
                + "Float: MSE squares the errors, and squares beyond \(format(Double(Float.greatestFiniteMagnitude))) "
                + "overflow Float; keep the targets within ±\(format(limit))")
        }
    }

    /// Without standardisation the raw values are trained on in `Float`: throws naming the column and the row (from
    /// 1, as in the CSV errors) of the first value beyond `limit`.
    static func checkRaw(_ data: SupervisedData, path: String) throws {
        let d = data.featureCount
        for row in 0..<data.rowCount {
            for (name, value) in zip(data.featureNames + [data.targetName],
                                     data.features[(row * d)..<((row + 1) * d)] + [data.target[row]])
            where !(abs(value) <= limit) {
                throw CLIError("\(path): column '\(name)' holds \(format(value)) (row \(row + 1)), too large to train on "
                    + "in Float without standardising (MSE squares it; keep values within ±\(format(limit))); "
                    + "drop --no-standardize or rescale the column")
            }
        }
    }

    /// The standardizer of `values` (`rows × names.count`, row-major), every failure as one line naming the column.
    static func standardizer(_ values: [Double], rows: Int, names: [String], isTarget: Bool,
                             path: String) throws -> Standardizer<Double> {
        let shape = isTarget ? [rows] : [rows, names.count]
        do {
            return try Standardizer(fitting: Tensor(values, shape: shape))
        } catch {
            let role = isTarget ? "the target column" : "feature column"
            switch error {
            case .constantColumn where isTarget:
                throw CLIError("\(path): the target column '\(names[0])' is constant on the training rows; "
                    + "there is nothing to fit")
            case let .constantColumn(index):
                throw CLIError("\(path): feature column '\(names[index])' is constant on the training rows (standard "
                    + "deviation 0) and cannot be standardised; leave it out with --features or pass --no-standardize")
            case let .nonFiniteStatistics(index):
                throw CLIError("\(path): \(role) '\(names[index])': its mean or standard deviation overflows Double "
                    + "(values near ±1e308); rescale the column")
            case let .nonFiniteColumn(index):
                throw CLIError("\(path): \(role) '\(names[index])' holds NaN or infinite values")
            case .noRows:
                throw CLIError("\(path): no training rows to standardise")
            }
        }
    }

    /// Throws when the target's spread is so wide that its squared errors (the reported losses, in the target's
    /// units) overflow `Double`.
    static func checkTargetSpread(_ scaler: Standardizer<Double>, rows: Int, name: String, path: String) throws {
        let deviation = scaler.standardDeviation[0]
        guard (deviation * deviation * Double(rows)).isFinite else {
            throw CLIError("\(path): the target column '\(name)' spreads too widely (standard deviation "
                + "\(format(deviation))): its squared errors overflow Double; rescale the column")
        }
    }

    private static func format(_ value: Double) -> String { String(format: "%.3g", value) }
}
