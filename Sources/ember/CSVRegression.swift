import Ember
import Foundation

/// The rows of a CSV chosen for training or validation, in the data's units (`Double`, features row-major).
struct RegressionRows {
    var x: [Double]
    var y: [Double]
    var count: Int { y.count }

    init(_ data: SupervisedData, rows: [Int]) {
        let d = data.featureCount
        x = []
        x.reserveCapacity(rows.count * d)
        for row in rows { x.append(contentsOf: data.features[(row * d)..<((row + 1) * d)]) }
        y = rows.map { data.target[$0] }
    }

    /// Features and target as `Float` tensors (`[count, d]` and `[count]`), standardised when scalers are given.
    func tensors(features: Standardizer<Double>?, target: Standardizer<Double>?, columns d: Int)
        -> (x: Tensor<Float>, y: Tensor<Float>) {
        var zx = [Float](repeating: 0, count: x.count)
        for i in 0..<count {
            for j in 0..<d {
                let value = x[i * d + j]
                zx[i * d + j] = Float(features.map { (value - $0.mean[j]) / $0.standardDeviation[j] } ?? value)
            }
        }
        let zy = y.map { value in Float(target.map { (value - $0.mean[0]) / $0.standardDeviation[0] } ?? value) }
        return (Tensor(zx, shape: [count, d]), Tensor(zy, shape: [count]))
    }

    /// The metrics of `y ≈ x·weight + bias` on these rows; `nil` when there are none.
    func metrics(weight: [Double], bias: Double) -> RegressionMetrics? {
        count == 0 ? nil : RegressionMetrics(x: x, y: y, weight: weight, bias: bias)
    }
}

extension LinregCommand {
    /// `ember linreg --csv FILE --target COLUMN`: load, split, standardise, train, map back to the data's units,
    /// compare with the closed form, report, and write the output files.
    func runCSV(path: String, learningRate: Float, backend: any Backend) throws {
        let choice = optimizer ?? .adam
        let standardizing = standardize ?? true
        let featureList = try features.map(Self.parseFeatureList)
        let table: NumericTable
        do {
            table = try NumericTable.load(path: path)
        } catch let error as NumericTableError {
            switch error {
            case .fileNotFound, .unreadableFile: throw CLIError("--csv: \(error)")
            default: throw CLIError("\(path): \(error)")
            }
        }
        let data: SupervisedData
        do { data = try table.select(target: target ?? "", features: featureList) } catch {
            throw CLIError("\(path): \(error)")
        }
        let d = data.featureCount
        // --val-fraction 0: every row is fitted, in file order, and nothing is held out (scikit-learn's `fit`).
        var split = (train: Array(0..<data.rowCount), validation: [Int]())
        if valFraction != 0 {
            do {
                let random = try DataSplit(count: data.rowCount, validationFraction: valFraction ?? 0.2, seed: seed)
                split = (random.train, random.validation)
            } catch { throw CLIError("\(path): \(error) (--val-fraction \(valFraction ?? 0.2))") }
        }
        let train = RegressionRows(data, rows: split.train), validation = RegressionRows(data, rows: split.validation)
        if let tolerance, train.count <= d {
            throw CLIError("--tolerance \(tolerance): \(train.count) training rows cannot determine \(d) coefficients and "
                + "a bias, so the closed form is one of many exact fits and no optimizer need reach it; use more rows")
        }

        // Standardise on the training rows only, so nothing of the validation rows leaks into training. Without
        // standardising, the raw values must be small enough to train on in Float.
        var featureScaler: Standardizer<Double>?, targetScaler: Standardizer<Double>?
        if standardizing {
            featureScaler = try TrainableData.standardizer(train.x, rows: train.count, names: data.featureNames,
                                                           isTarget: false, path: path)
            let scaler = try TrainableData.standardizer(train.y, rows: train.count, names: [data.targetName],
                                                        isTarget: true, path: path)
            try TrainableData.checkTargetSpread(scaler, rows: data.rowCount, name: data.targetName, path: path)
            targetScaler = scaler
        } else {
            try TrainableData.checkRaw(data, path: path)
        }
        let trainTensors = train.tensors(features: featureScaler, target: targetScaler, columns: d)
        let validationTensors = validation.count == 0
            ? nil : validation.tensors(features: featureScaler, target: targetScaler, columns: d)

        // The model, optionally started from a checkpoint (saved in the data's units, mapped to the training units).
        manualSeed(seed)
        let model = RegressionModel(features: d)
        if let load {
            let saved = RegressionModel(features: d)
            let metadata = try Checkpoint.load(load, into: saved)
            if let names = metadata["ember.features"], names != data.featureNames.joined(separator: ",") {
                throw CLIError("--load: the checkpoint '\(load)' was trained on features \(names), "
                    + "not \(data.featureNames.joined(separator: ","))")
            }
            let (w, b) = Self.trainingUnits(weight: saved.weight.scalars.map(Double.init), bias: Double(saved.bias.item()),
                                             features: featureScaler, target: targetScaler)
            model.weight.withUnsafeMutableBufferPointer { _ = $0.update(fromContentsOf: w.map(Float.init)) }
            model.bias.withUnsafeMutableBufferPointer { $0[0] = Float(b) }
        }

        let progress = ProgressLine(total: epochs, json: json)
        let targetDeviation = targetScaler?.standardDeviation[0] ?? 1
        var training = ModelTraining(model: model, optimizer: choice.make(model.parameters(), lr: learningRate),
                                     train: trainTensors, validation: validationTensors, batchSize: batchSize,
                                     epochs: epochs, patience: patience, seed: seed,
                                     lossScale: targetDeviation * targetDeviation)
        training.compiles = compiled
        let run = try training
            .run(in: Launch.group) { epoch, loss, validationLoss in
                progress.epoch(epoch, loss: loss, validationLoss: validationLoss, logEvery: logEvery)
            }
        progress.finish()

        // Coefficients in the data's units, metrics, and the closed form of the same training rows.
        let learned = model.weight.scalars.map(Double.init), learnedBias = Double(model.bias.item())
        let (weight, bias) = featureScaler.map { $0.originalCoefficients(weights: learned, bias: learnedBias, target: targetScaler) }
            ?? (learned, learnedBias)
        let check = try ClosedFormCheck(x: train.x, rows: train.count, columns: d, y: train.y,
                                        sgdWeight: weight, sgdBias: bias)
        let report = CSVRegressionReport(
            backend: backend.name, threads: Threads.count, optimizer: choice.rawValue, learningRate: lr ?? choice.defaultLearningRate,
            batchSize: batchSize.map { min($0, train.count) } ?? train.count, standardized: standardizing,
            epochs: run.epochsRun, bestEpoch: run.bestEpoch, stoppedEarly: run.stoppedEarly,
            finalLoss: run.finalLoss, weight: weight, bias: bias, features: data.featureNames, target: data.targetName,
            train: RegressionMetrics(x: train.x, y: train.y, weight: weight, bias: bias),
            validation: validation.metrics(weight: weight, bias: bias),
            closedForm: .init(weight: check.weight, bias: check.bias,
                              train: RegressionMetrics(x: train.x, y: train.y, weight: check.weight, bias: check.bias),
                              validation: validation.metrics(weight: check.weight, bias: check.bias),
                              conditionNumber: check.reportedConditionNumber, rank: check.rank),
            maxAbsDiff: check.maxAbsDiff, trainSeconds: run.trainSeconds, trainRows: train.count,
            validationRows: split.validation.sorted().map { $0 + 1 })

        var summary = "Final loss \(String(format: "%.6f", run.finalLoss)) after \(run.epochsRun) epochs"
        if run.stoppedEarly, let best = run.bestEpoch { summary += " (stopped early; best validation loss at epoch \(best))" }
        print(summary + " in \(String(format: "%.2f", run.trainSeconds * 1000)) ms on \(backend.name) "
              + "(\(Threads.count) threads), \(choice.displayName), \(train.count) training rows, "
              + (validation.count == 0 ? "no validation split" : "\(validation.count) validation rows")
              + (standardizing ? ", standardised" : ""))
        print(check.table(names: data.featureNames, label: choice.displayName, weight: weight, bias: bias))
        print(check.conditioning)
        print("train       \(choice.displayName): \(report.train.summary)   closed form: \(report.closedForm.train.summary)")
        if let metrics = report.validation, let closedMetrics = report.closedForm.validation {
            print("validation  \(choice.displayName): \(metrics.summary)   closed form: \(closedMetrics.summary)")
        }
        if json { print(try encodeJSONLine(report)) }
        if let tolerance, check.maxAbsDiff > tolerance {
            throw CLIError("\(choice.displayName)'s coefficients differ from the closed-form solution by "
                + "\(String(format: "%.3g", check.maxAbsDiff)), more than --tolerance \(tolerance); "
                + "train for more epochs or with another learning rate")
        }
        try OutputFiles(
            save: save.map { ($0, Checkpoint.linearModel(weight: weight, bias: bias),
                              ["ember.features": data.featureNames.joined(separator: ","), "ember.target": data.targetName]) },
            plot: plot.map { ($0, Self.csvFigure(data: data, train: train, validation: validation, label: choice.displayName,
                                                 weight: weight, bias: bias, check: check)) },
            lossPlot: lossPlot.map { ($0, EmberPlot.lossPlot(train: run.trainLosses,
                                                     validation: run.validationLosses.isEmpty ? nil : run.validationLosses,
                                                     title: "Loss (MSE, \(data.targetName) units)")) }
        ).write()
    }

    /// `a, b,c` → `["a", "b", "c"]`; an empty name is an error.
    static func parseFeatureList(_ text: String) throws -> [String] {
        let names = text.split(separator: ",", omittingEmptySubsequences: false)
            .map { $0.trimmingCharacters(in: .whitespaces) }
        try require(!names.contains(""), "--features must be comma-separated column names, got \"\(text)\"")
        return names
    }

    /// A model in the data's units, `y = Σ wⱼ xⱼ + b`, as the coefficients on standardised features and target:
    /// `w̃ⱼ = wⱼ σⱼ / σ_y`, `b̃ = (b + Σ wⱼ μⱼ − μ_y) / σ_y` (the inverse of `Standardizer.originalCoefficients`).
    static func trainingUnits(weight: [Double], bias: Double, features: Standardizer<Double>?,
                              target: Standardizer<Double>?) -> (weight: [Double], bias: Double) {
        guard let features else { return (weight, bias) }
        let my = target?.mean[0] ?? 0, sy = target?.standardDeviation[0] ?? 1
        var shifted = bias - my
        for j in weight.indices { shifted += weight[j] * features.mean[j] }
        return (weight.indices.map { weight[$0] * features.standardDeviation[$0] / sy }, shifted / sy)
    }

    /// One feature: the tutorial's figure (points, trained line, closed-form line). Several: the target against the
    /// trained model's prediction, training and validation rows apart, with the line `target = prediction`.
    static func csvFigure(data: SupervisedData, train: RegressionRows, validation: RegressionRows, label: String,
                          weight: [Double], bias: Double, check: ClosedFormCheck) -> Figure {
        if data.featureCount == 1 {
            var figure = regressionPlot(x: train.x + validation.x, y: train.y + validation.y,
                                        lines: [(label: label, weight: weight[0], bias: bias),
                                                (label: "closed form", weight: check.weight[0], bias: check.bias)],
                                        title: "\(data.targetName) against \(data.featureNames[0])")
            figure.xLabel = data.featureNames[0]
            figure.yLabel = data.targetName
            return figure
        }
        func predict(_ rows: RegressionRows) -> [Double] {
            (0..<rows.count).map { i in
                zip(weight, rows.x[(i * weight.count)...]).reduce(bias) { $0 + $1.0 * $1.1 }
            }
        }
        var figure = Figure(title: "\(data.targetName) against the \(label) prediction",
                            xLabel: "predicted \(data.targetName)", yLabel: data.targetName)
        let trainPrediction = predict(train), validationPrediction = predict(validation)
        figure.add(Series(.scatter, label: "training rows", x: trainPrediction, y: train.y, color: PlotColor.palette[0]))
        if validation.count > 0 {
            figure.add(Series(.scatter, label: "validation rows", x: validationPrediction, y: validation.y,
                              color: PlotColor.palette[2]))
        }
        let all = trainPrediction + validationPrediction
        let ends = [all.min() ?? 0, all.max() ?? 1]
        figure.add(Series(.line, label: "\(data.targetName) = prediction", x: ends, y: ends, color: PlotColor.palette[1]))
        return figure
    }
}

/// The JSON object `ember linreg --csv … --json` prints as its last line.
struct CSVRegressionReport: Encodable {
    struct ClosedForm: Encodable {
        var weight: [Double]
        var bias: Double
        var train: RegressionMetrics
        /// Absent with `--val-fraction 0`.
        var validation: RegressionMetrics?
        /// The condition number of the centred, scaled features the closed form solved; absent when infinite.
        var conditionNumber: Double?
        /// The rank of those features (below their count: collinear columns).
        var rank: Int
    }

    var backend: String
    var threads: Int
    var optimizer: String
    var learningRate: Double
    var batchSize: Int
    var standardized: Bool
    /// The epochs run (fewer than `--epochs` when early stopping ended the run).
    var epochs: Int
    var bestEpoch: Int?
    var stoppedEarly: Bool
    var finalLoss: Double
    /// One coefficient per feature, in `features` order, in the data's units.
    var weight: [Double]
    var bias: Double
    var features: [String]
    var target: String
    var train: RegressionMetrics
    /// Absent with `--val-fraction 0`.
    var validation: RegressionMetrics?
    var closedForm: ClosedForm
    var maxAbsDiff: Double
    var trainSeconds: Double
    var trainRows: Int
    /// The data rows (1-based, as in error messages) held out for validation, ascending.
    var validationRows: [Int]

}
