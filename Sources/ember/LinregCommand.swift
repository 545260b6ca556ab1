import ArgumentParser
import Ember
import Foundation

/// `ember linreg`: the PyTorch linear-regression tutorial, end to end, checked against the closed-form solution.
struct LinregCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "linreg",
        abstract: "Fit y = weight·x + bias to noisy points on a line with SGD, as in the PyTorch tutorial, "
            + "and check the fit against the closed-form least-squares solution.")

    @Option(parsing: .unconditional, help: "Number of points.") var n = 100
    @Option(parsing: .unconditional, help: "Slope of the true line.") var slope: Double = 1
    @Option(parsing: .unconditional, help: "Intercept of the true line.") var intercept: Double = 0
    @Option(parsing: .unconditional, help: "Standard deviation of the Gaussian noise.") var noise: Double = 0.1
    @Option(parsing: .unconditional, help: "Training epochs (full-batch).") var epochs = 1000
    @Option(parsing: .unconditional, help: "Learning rate.") var lr: Double = 0.1
    @Option(parsing: .unconditional, help: "Random seed for the data and the initial parameters.") var seed: UInt64 = 42
    @Option(name: .customLong("log-every"), parsing: .unconditional,
            help: "Print the loss every this many epochs (0: never).")
    var logEvery = 100
    @Option(parsing: .unconditional,
            help: "Fail when SGD's parameters differ from the closed-form solution by more than this.")
    var tolerance: Double = 1e-3
    @OptionGroup var compute: ComputeOptions
    @Flag(help: "Print one JSON object with the results as the last line.") var json = false

    func run() throws {
        try require(n >= 1, "--n must be at least 1, got \(n)")
        try require(epochs >= 1, "--epochs must be at least 1, got \(epochs)")
        try require(lr > 0 && lr.isFinite, "--lr must be a positive finite number, got \(lr)")
        try require(noise >= 0 && noise.isFinite, "--noise must be a non-negative finite number, got \(noise)")
        try require(slope.isFinite, "--slope must be finite, got \(slope)")
        try require(intercept.isFinite, "--intercept must be finite, got \(intercept)")
        try require(logEvery >= 0, "--log-every must be 0 or more, got \(logEvery)")
        try require(tolerance >= 0 && !tolerance.isNaN, "--tolerance must be a non-negative number, got \(tolerance)")
        let backend = try compute.apply()

        // 1. Data, 2. model, 3. loss and optimizer, 4. training loop: TutorialTraining, step by step.
        let data = sampleLinearData(n: n, slope: Float(slope), intercept: Float(intercept), noise: Float(noise), seed: seed)
        manualSeed(seed)
        let run = try TutorialTraining(x: data.x, y: data.y, epochs: epochs, learningRate: Float(lr)).train { epoch, loss in
            if logEvery > 0 && epoch % logEvery == 0 {
                print("Epoch \(epoch), Loss \(String(format: "%.6f", loss))")
            }
        }
        let sgdWeight = run.weight.map(Double.init), sgdBias = Double(run.bias)
        print("Final loss \(String(format: "%.6f", run.finalLoss)) after \(epochs) epochs in "
              + "\(String(format: "%.2f", run.trainSeconds * 1000)) ms on \(backend.name) (\(Threads.count) threads)")

        // 5. Validation: the same problem solved in closed form (LAPACK gelsd, Double).
        let check = try ClosedFormCheck(x: data.x.scalars.map(Double.init), rows: n, columns: 1,
                                        y: data.y.scalars.map(Double.init), sgdWeight: sgdWeight, sgdBias: sgdBias)
        print(check.table(names: ["weight"], sgdWeight: sgdWeight, sgdBias: sgdBias))
        print("True line: slope \(slope), intercept \(intercept)")
        if json {
            let report = LinregReport(backend: backend.name, threads: Threads.count, epochs: epochs,
                                      finalLoss: Double(run.finalLoss), weight: sgdWeight, bias: sgdBias,
                                      trainSeconds: run.trainSeconds,
                                      closedForm: .init(weight: check.weight, bias: check.bias),
                                      maxAbsDiff: check.maxAbsDiff)
            print(try report.jsonLine())
        }
        guard check.maxAbsDiff <= tolerance else {
            throw CLIError("SGD's parameters differ from the closed-form solution by "
                + "\(String(format: "%.3g", check.maxAbsDiff)), more than --tolerance \(tolerance); "
                + "train for more epochs or with a larger learning rate")
        }
    }
}

/// The JSON object `ember linreg --json` prints as its last line.
struct LinregReport: Encodable {
    struct Fit: Encodable {
        var weight: [Double]
        var bias: Double
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

    enum CodingKeys: String, CodingKey {
        case backend, threads, epochs, weight, bias
        case finalLoss = "final_loss"
        case trainSeconds = "train_seconds"
        case closedForm = "closed_form"
        case maxAbsDiff = "max_abs_diff"
    }

    func jsonLine() throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return String(decoding: try encoder.encode(self), as: UTF8.self)
    }
}
