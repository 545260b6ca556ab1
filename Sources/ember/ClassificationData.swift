import Ember
import Foundation

/// A CSV table for `ember classify`: class labels in the target column, the chosen features, the training and
/// validation rows, and the standardiser fitted on the training rows.
struct ClassificationData {
    let classes: [String]
    let featureNames: [String]
    let targetName: String
    /// Row-major features of every row, in the data's units.
    let features: [Double]
    /// The class index of every row.
    let labels: [Int]
    let train: [Int]
    let validation: [Int]
    /// Fitted on the training rows; `nil` with `--no-standardize`.
    let scaler: Standardizer<Double>?

    var featureCount: Int { featureNames.count }

    /// Loads `path`, checks the classes against the split, and fits the standardiser.
    /// - Throws: `CLIError` naming the file and the problem.
    init(path: String, target: String, features: [String]?, validationFraction: Double, seed: UInt64,
         standardize: Bool) throws {
        let labeled: LabeledTable
        do { labeled = try LabeledTable.load(path: path, labelColumn: target) } catch let error as NumericTableError {
            switch error {
            case .fileNotFound, .unreadableFile: throw CLIError("--csv: \(error)")
            default: throw CLIError("\(path): \(error)")
            }
        } catch { throw CLIError("\(path): \(error)") }
        let data: SupervisedData
        do { data = try labeled.table.select(target: target, features: features) } catch {
            throw CLIError("\(path): \(error)")
        }
        classes = labeled.classes
        featureNames = data.featureNames
        targetName = target
        self.features = data.features
        let labels = data.target.map { Int($0) }
        self.labels = labels
        guard classes.count >= 2 else {
            throw CLIError("\(path): the target column '\(target)' holds one class only ('\(classes[0])'); "
                + "a classifier needs at least two")
        }
        let train: [Int], validation: [Int]
        if validationFraction == 0 {
            (train, validation) = (Array(0..<labels.count), [])
        } else {
            do {
                let split = try DataSplit(count: labels.count, validationFraction: validationFraction, seed: seed)
                (train, validation) = (split.train, split.validation)
            } catch { throw CLIError("\(path): \(error) (--val-fraction \(validationFraction))") }
        }
        (self.train, self.validation) = (train, validation)
        var trainCounts = [Int](repeating: 0, count: classes.count)
        for row in train { trainCounts[labels[row]] += 1 }
        if let missing = trainCounts.firstIndex(of: 0) {
            let rows = validation.filter { labels[$0] == missing }.sorted().map { String($0 + 1) }
            throw CLIError("\(path): class '\(classes[missing])' appears only in the validation split (data "
                + (rows.count == 1 ? "row " : "rows ") + rows.joined(separator: ", ") + "), so the model could never "
                + "learn it; use another --seed, a smaller --val-fraction or more rows of that class")
        }
        let d = data.featureCount
        if standardize {
            scaler = try TrainableData.standardizer(train.flatMap { data.features[($0 * d)..<(($0 + 1) * d)] },
                                                    rows: train.count, names: data.featureNames, isTarget: false,
                                                    path: path)
        } else {
            scaler = nil
        }
    }

    /// The features of `rows` in training units (standardised when there is a scaler), row-major, in `Double`.
    func inputs(_ rows: [Int]) -> [Double] {
        let d = featureCount
        var out: [Double] = []
        out.reserveCapacity(rows.count * d)
        for row in rows {
            for j in 0..<d {
                let value = features[row * d + j]
                out.append(scaler.map { (value - $0.mean[j]) / $0.standardDeviation[j] } ?? value)
            }
        }
        return out
    }

    /// The inputs (`[rows, features]`) and class indices (`[rows]`, as `Float`) of `rows`, for training.
    func tensors(_ rows: [Int]) -> (x: Tensor<Float>, y: Tensor<Float>) {
        (Tensor(inputs(rows).map(Float.init), shape: [rows.count, featureCount]),
         Tensor(rows.map { Float(labels[$0]) }, shape: [rows.count]))
    }
}
