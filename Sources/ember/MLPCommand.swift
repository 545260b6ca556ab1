import ArgumentParser
import Ember
import Foundation

/// `ember mlp`: a non-linear fit, `y = sin(2πx) + noise`, with a small tanh network and Adam.
struct MLPCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "mlp",
        abstract: "Fit y = sin(2πx) + noise with Sequential(Linear(1, h), Tanh, Linear(h, h), Tanh, Linear(h, 1)) "
            + "and Adam, and report the validation MSE.")

    @Option(parsing: .unconditional, help: "Number of points, x uniform in [0, 1].") var n = 1000
    @Option(parsing: .unconditional, help: "Standard deviation of the Gaussian noise.") var noise: Double = 0.1
    @Option(parsing: .unconditional, help: "Hidden units per layer.") var hidden = 32
    @Option(parsing: .unconditional, help: "Training epochs.") var epochs = 300
    @Option(parsing: .unconditional, help: "Learning rate (Adam).") var lr: Double = 0.01
    @Option(name: .customLong("batch-size"), parsing: .unconditional, help: "Samples per optimizer step.")
    var batchSize = 100
    @Option(name: .customLong("val-fraction"), parsing: .unconditional,
            help: "The share of points held out for validation, in [0, 1); 0 trains on every point.")
    var valFraction: Double = 0.2
    @Option(parsing: .unconditional,
            help: "Stop when the validation loss has not improved for this many epochs and keep the best parameters.")
    var patience: Int?
    @Option(parsing: .unconditional, help: "Random seed for the data, the split, the shuffling and the initial parameters.")
    var seed: UInt64 = 42
    @Option(name: .customLong("log-every"), parsing: .unconditional,
            help: "Print the losses every this many epochs (0: never).")
    var logEvery = 50
    @Option(help: "Draw the data, the network's curve and sin(2πx) to this SVG file.") var plot: String?
    @Option(name: .customLong("loss-plot"), help: "Draw the training and validation loss per epoch to this SVG file.")
    var lossPlot: String?
    @Option(help: "Save the network's parameters to this safetensors file.") var save: String?
    @OptionGroup var compute: ComputeOptions
    @Flag(help: "Print one JSON object with the results as the last line.") var json = false

    func run() throws {
        try require(n >= 2, "--n must be at least 2, got \(n)")
        try require(noise >= 0 && noise.isFinite, "--noise must be a non-negative finite number, got \(noise)")
        try require(hidden >= 1, "--hidden must be at least 1, got \(hidden)")
        try require(epochs >= 1, "--epochs must be at least 1, got \(epochs)")
        try require(batchSize >= 1, "--batch-size must be at least 1, got \(batchSize)")
        try require(valFraction >= 0 && valFraction < 1, "--val-fraction must be in [0, 1), got \(valFraction)")
        if let patience {
            try require(patience >= 1, "--patience must be at least 1, got \(patience)")
            try require(valFraction > 0, "--patience needs a validation split to watch: --val-fraction above 0")
        }
        try require(logEvery >= 0, "--log-every must be 0 or more, got \(logEvery)")
        let learningRate = try OptimizerChoice.adam.learningRate(lr)
        try OutputFiles.checkPaths(["--save": save, "--plot": plot, "--loss-plot": lossPlot])
        try MemoryBudget.check(MemoryBudget.mlp(points: n, hidden: hidden), option: "--n \(n) --hidden \(hidden)",
                               for: "\(hidden) × \(hidden) weights with their gradients and Adam's moments, and the "
                                   + "activations of \(n) points")
        let backend = try compute.apply()

        // Data: x uniform in [0, 1], y = sin(2πx) + noise·N(0, 1), split into training and validation points.
        var generator = RandomGenerator(seed: seed)
        let x = (0..<n).map { _ in generator.nextUniform() }
        let y = x.map { sin(2 * .pi * $0) + noise * generator.nextNormal() }
        var split = (train: Array(0..<n), validation: [Int]())   // --val-fraction 0: every point trains
        if valFraction > 0 {
            do {
                let random = try DataSplit(count: n, validationFraction: valFraction, seed: seed)
                split = (random.train, random.validation)
            } catch { throw CLIError("\(error) (--n \(n), --val-fraction \(valFraction))") }
        }
        func tensors(_ rows: [Int]) -> (x: Tensor<Float>, y: Tensor<Float>) {
            (Tensor(rows.map { Float(x[$0]) }, shape: [rows.count, 1]), Tensor(rows.map { Float(y[$0]) }, shape: [rows.count, 1]))
        }
        let train = tensors(split.train), validation = split.validation.isEmpty ? nil : tensors(split.validation)
        try TrainableData.checkTargets(Tensor(y.map(Float.init)), madeBy: "--noise \(noise)")

        manualSeed(seed)
        let model = Sequential<Float>(Linear(1, hidden), Tanh(), Linear(hidden, hidden), Tanh(), Linear(hidden, 1))
        let progress = ProgressLine(total: epochs, json: json)
        let run = try ModelTraining(model: model, optimizer: OptimizerChoice.adam.make(model.parameters(), lr: learningRate),
                                    train: train, validation: validation, batchSize: batchSize, epochs: epochs,
                                    patience: patience, seed: seed)
            .run(in: Launch.group) { epoch, loss, validationLoss in
                progress.epoch(epoch, loss: loss, validationLoss: validationLoss, logEvery: logEvery)
            }
        progress.finish()
        let validationMSE = run.finalValidationLoss
        print("Final loss \(String(format: "%.6f", run.finalLoss)) after \(run.epochsRun) epochs in "
              + "\(String(format: "%.2f", run.trainSeconds * 1000)) ms on \(backend.name) (\(Threads.count) threads)")
        if let validationMSE {
            print("Validation MSE \(String(format: "%.6f", validationMSE)) (the noise alone gives "
                  + "\(String(format: "%.6f", noise * noise)))")
        }
        if json {
            print(try encodeJSONLine(MLPReport(
                backend: backend.name, threads: Threads.count, epochs: run.epochsRun, hidden: hidden,
                finalLoss: run.finalLoss, trainMSE: run.finalLoss, validationMSE: validationMSE,
                noiseVariance: noise * noise, bestEpoch: run.bestEpoch, stoppedEarly: run.stoppedEarly,
                trainSeconds: run.trainSeconds)))
        }
        try OutputFiles(
            save: save.map { ($0, model, ["ember.model": "mlp", "ember.hidden": "\(hidden)"]) },
            plot: plot.map { ($0, Self.figure(x: x, y: y, model: model, noise: noise)) },
            lossPlot: lossPlot.map { ($0, EmberPlot.lossPlot(train: run.trainLosses,
                                                     validation: validation == nil ? nil : run.validationLosses,
                                                     title: "Loss (MSE)")) }
        ).write()
    }

    /// The points, the network's curve and the true curve over [0, 1].
    static func figure(x: [Double], y: [Double], model: Module<Float>, noise: Double) -> Figure {
        let grid = (0...200).map { Double($0) / 200 }
        let input = Tensor<Float>(grid.map { Float($0) }, shape: [grid.count, 1])
        let predictions = withNoGrad { model(input) }.scalars.map { Double($0) }
        var figure = Figure(title: "y = sin(2πx) + noise (σ = \(noise))", xLabel: "x", yLabel: "y")
        figure.add(Series(.scatter, label: "data", x: x, y: y, color: PlotColor.palette[0]))
        figure.add(Series(.line, label: "network", x: grid, y: predictions, color: PlotColor.palette[1]))
        figure.add(Series(.line, label: "sin(2πx)", x: grid, y: grid.map { sin(2 * .pi * $0) }, color: PlotColor.palette[2]))
        return figure
    }
}

/// The JSON object `ember mlp --json` prints as its last line.
struct MLPReport: Encodable {
    var backend: String
    var threads: Int
    var epochs: Int
    var hidden: Int
    var finalLoss: Double
    var trainMSE: Double
    /// Absent with `--val-fraction 0`.
    var validationMSE: Double?
    var noiseVariance: Double
    var bestEpoch: Int?
    var stoppedEarly: Bool
    var trainSeconds: Double

}
