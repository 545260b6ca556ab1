import ArgumentParser
import Ember
import Foundation

/// `ember linreg`: the PyTorch linear-regression tutorial, end to end, checked against the closed-form solution;
/// with `--csv`, multi-feature linear regression on a CSV file (see `CSVRegression.swift`).
struct LinregCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "linreg",
        abstract: "Fit y = weight·x + bias to noisy points on a line with SGD, as in the PyTorch tutorial, "
            + "and check the fit against the closed-form least-squares solution.",
        discussion: """
            With --csv FILE --target COLUMN, fit a linear model of several features from a CSV file instead: \
            the rows are split into training and validation sets (--val-fraction), the features and the target are \
            standardised on the training set (--no-standardize turns it off), the model is trained with \
            --optimizer (adam by default) on mini-batches (--batch-size) with optional early stopping \
            (--patience), and the coefficients, reported in the data's original units, are compared with the \
            closed-form least-squares solution of the training set. MSE, MAE and R² are reported for both sets.
            """)

    @Option(parsing: .unconditional, help: "Number of points.") var n = 100
    @Option(parsing: .unconditional, help: "Slope of the true line.") var slope: Double = 1
    @Option(parsing: .unconditional, help: "Intercept of the true line.") var intercept: Double = 0
    @Option(parsing: .unconditional, help: "Standard deviation of the Gaussian noise.") var noise: Double = 0.1
    @Option(parsing: .unconditional,
            help: "Training epochs (full-batch unless --batch-size); 0 is allowed with --load to only evaluate.")
    var epochs = 1000
    @Option(parsing: .unconditional, help: ArgumentHelp(OptimizerChoice.learningRateHelp)) var lr: Double?
    @Option(help: ArgumentHelp("Optimizer: \(OptimizerChoice.allCases.map(\.rawValue).joined(separator: ", ")) "
            + "(default: sgd for the tutorial, adam with --csv)."))
    var optimizer: OptimizerChoice?
    @Option(name: .customLong("batch-size"), parsing: .unconditional,
            help: "Samples per optimizer step, shuffled every epoch (default: the full batch).")
    var batchSize: Int?
    @Option(parsing: .unconditional, help: "Random seed for the data, the split, the shuffling and the initial parameters.")
    var seed: UInt64 = 42
    @Option(name: .customLong("log-every"), parsing: .unconditional,
            help: "Print the loss every this many epochs (0: never).")
    var logEvery = 100
    @Option(parsing: .unconditional,
            help: ArgumentHelp("Fail when the trained parameters differ from the closed-form solution by more than this "
                + "(default: 1e-3 for the tutorial; with --csv only enforced when given, in the data's units)."))
    var tolerance: Double?

    @Option(help: "A CSV file to fit: a header row of column names, then rows of numbers.") var csv: String?
    @Option(help: "The column to predict (with --csv).") var target: String?
    @Option(help: "Comma-separated feature columns, in this order (with --csv; default: every other column).")
    var features: String?
    @Option(name: .customLong("val-fraction"), parsing: .unconditional,
            help: "The share of rows held out for validation, in [0, 1); 0 fits every row (with --csv; default: 0.2).")
    var valFraction: Double?
    @Option(parsing: .unconditional,
            help: ArgumentHelp("Stop when the validation loss has not improved for this many epochs and keep the best "
                + "parameters (with --csv)."))
    var patience: Int?
    @Flag(inversion: .prefixedNo,
          help: ArgumentHelp("Standardise features and target on the training set (with --csv; on by default). "
            + "Coefficients are always reported in the data's original units."))
    var standardize: Bool?

    @Option(help: "Save the trained parameters (in the data's units) to this safetensors file.") var save: String?
    @Option(help: "Start from the parameters in this safetensors file (as written by --save).") var load: String?
    @Option(help: "Draw the data, the trained line and the closed-form line to this SVG file.") var plot: String?
    @Option(name: .customLong("loss-plot"), help: "Draw the training (and validation) loss per epoch to this SVG file.")
    var lossPlot: String?

    @Flag(name: .customLong("compile"),
          help: "Compile the training step: trace it once, then replay its kernels (EMBER_COMPILE_LOG=1 shows traces).")
    var compiled = false
    @OptionGroup var compute: ComputeOptions
    @Flag(help: "Print one JSON object with the results as the last line.") var json = false

    func run() throws {
        try require(epochs >= (load == nil ? 1 : 0),
                    load == nil ? "--epochs must be at least 1, got \(epochs)" : "--epochs must be 0 or more, got \(epochs)")
        try require(logEvery >= 0, "--log-every must be 0 or more, got \(logEvery)")
        if let tolerance {
            try require(tolerance >= 0 && !tolerance.isNaN, "--tolerance must be a non-negative number, got \(tolerance)")
        }
        if let batchSize { try require(batchSize >= 1, "--batch-size must be at least 1, got \(batchSize)") }
        if let valFraction {
            try require(valFraction >= 0 && valFraction < 1, "--val-fraction must be in [0, 1), got \(valFraction)")
        }
        if let patience {
            try require(patience >= 1, "--patience must be at least 1, got \(patience)")
            try require(valFraction != 0, "--patience needs a validation split to watch: --val-fraction above 0")
        }
        let learningRate = try (optimizer ?? (csv == nil ? .sgd : .adam)).learningRate(lr)
        try OutputFiles.checkPaths(["--save": save, "--plot": plot, "--loss-plot": lossPlot], inputs: ["--csv": csv])
        if let csv {
            try require(target != nil, "--csv needs --target COLUMN, the column to predict")
            let backend = try compute.apply()
            try runCSV(path: csv, learningRate: learningRate, backend: backend)
        } else {
            for (name, given) in [("--target", target != nil), ("--features", features != nil),
                                  ("--val-fraction", valFraction != nil), ("--patience", patience != nil),
                                  ("--standardize", standardize != nil)] {
                try require(!given, "\(name) needs --csv FILE")
            }
            try require(n >= 1, "--n must be at least 1, got \(n)")
            try require(n >= 2, "--n 1 can never pass the closed-form check: one point does not determine a slope and "
                + "an intercept (two unknowns); use --n 2 or more")
            try require(noise >= 0 && noise.isFinite, "--noise must be a non-negative finite number, got \(noise)")
            try require(slope.isFinite, "--slope must be finite, got \(slope)")
            try require(intercept.isFinite, "--intercept must be finite, got \(intercept)")
            try MemoryBudget.check(MemoryBudget.linreg(points: n), option: "--n \(n)",
                                   for: "the points, the training tensors and the closed-form copies")
            let backend = try compute.apply()
            try runTutorial(learningRate: learningRate, backend: backend)
        }
    }

    /// The tutorial: noisy points on a line, fitted with SGD (or `--optimizer`) and checked against the closed form.
    private func runTutorial(learningRate: Float, backend: any Backend) throws {
        let choice = optimizer ?? .sgd
        let tolerance = self.tolerance ?? 1e-3
        let progress = ProgressLine(total: epochs, json: json)

        // 1. Data, 2. model, 3. loss and optimizer, 4. training loop: forward, loss, zero grads, backward, step.
        let data = sampleLinearData(n: n, slope: Float(slope), intercept: Float(intercept), noise: Float(noise), seed: seed)
        try TrainableData.checkTargets(data.y, madeBy: "--slope \(slope), --intercept \(intercept), --noise \(noise)")
        manualSeed(seed)
        let model = RegressionModel(features: 1)
        if let load { try Checkpoint.load(load, into: model) }
        var training = ModelTraining(model: model, optimizer: choice.make(model.parameters(), lr: learningRate),
                                     train: (data.x, data.y), validation: nil, batchSize: batchSize, epochs: epochs,
                                     patience: nil, seed: seed)
        training.compiles = compiled
        let run = try training
            .run(in: Launch.group) { epoch, loss, _ in progress.epoch(epoch, loss: loss, validationLoss: nil, logEvery: logEvery) }
        let sgdWeight = model.weight.scalars.map(Double.init), sgdBias = Double(model.bias.item())
        let (finalLoss, trainSeconds, losses) = (run.finalLoss, run.trainSeconds, run.trainLosses)
        progress.finish()
        print("Final loss \(String(format: "%.6f", finalLoss)) after \(epochs) epochs in "
              + "\(String(format: "%.2f", trainSeconds * 1000)) ms on \(backend.name) (\(Threads.count) threads)")

        // 5. Validation: the same problem solved in closed form (LAPACK gelsd, Double).
        let x = data.x.scalars.map(Double.init), y = data.y.scalars.map(Double.init)
        let check = try ClosedFormCheck(x: x, rows: n, columns: 1, y: y, sgdWeight: sgdWeight, sgdBias: sgdBias)
        print(check.table(names: ["weight"], label: choice.displayName, weight: sgdWeight, bias: sgdBias))
        print(check.conditioning)
        print("True line: slope \(slope), intercept \(intercept)")
        if json {
            let report = LinregReport(backend: backend.name, threads: Threads.count, epochs: epochs,
                                      finalLoss: finalLoss, weight: sgdWeight, bias: sgdBias,
                                      trainSeconds: trainSeconds,
                                      closedForm: .init(weight: check.weight, bias: check.bias,
                                                        conditionNumber: check.reportedConditionNumber),
                                      maxAbsDiff: check.maxAbsDiff)
            print(try encodeJSONLine(report))
        }
        guard check.maxAbsDiff <= tolerance else {
            throw CLIError("\(choice.displayName)'s parameters differ from the closed-form solution by "
                + "\(String(format: "%.3g", check.maxAbsDiff)), more than --tolerance \(tolerance); "
                + "train for more epochs or with a larger learning rate")
        }
        try OutputFiles(
            save: save.map { ($0, Checkpoint.linearModel(weight: sgdWeight, bias: sgdBias), ["ember.features": "x"]) },
            plot: plot.map { path in
                (path, regressionPlot(x: x, y: y, lines: [(label: choice.displayName, weight: sgdWeight[0], bias: sgdBias),
                                                          (label: "closed form", weight: check.weight[0], bias: check.bias)],
                                      title: "Linear regression (\(n) points)"))
            },
            lossPlot: lossPlot.map { ($0, EmberPlot.lossPlot(train: losses, validation: nil, title: "Training loss (MSE)")) }
        ).write()
    }
}

/// The JSON object `ember linreg --json` prints as its last line.
struct LinregReport: Encodable {
    struct Fit: Encodable {
        var weight: [Double]
        var bias: Double
        /// The condition number of the centred, scaled `x` the closed form solved (1 for one feature).
        var conditionNumber: Double?
    }

    var backend: String
    var threads: Int
    var epochs: Int
    var finalLoss: Double
    var weight: [Double]
    var bias: Double
    var trainSeconds: Double
    var closedForm: Fit
    var maxAbsDiff: Double

}
