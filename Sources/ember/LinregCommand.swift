import ArgumentParser
import Ember
import Foundation

/// `ember linreg`: the PyTorch linear-regression tutorial, end to end.
struct LinregCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "linreg",
        abstract: "Fit y = weight·x + bias to noisy points on a line with SGD, as in the PyTorch tutorial.")

    @Option(parsing: .unconditional, help: "Number of points.") var n = 100
    @Option(parsing: .unconditional, help: "Slope of the true line.") var slope: Double = 1
    @Option(parsing: .unconditional, help: "Intercept of the true line.") var intercept: Double = 0
    @Option(parsing: .unconditional, help: "Standard deviation of the Gaussian noise.") var noise: Double = 0.1
    @Option(parsing: .unconditional, help: "Training epochs (full-batch).") var epochs = 1000
    @Option(parsing: .unconditional, help: "Learning rate.") var lr: Double = 0.1
    @Option(parsing: .unconditional, help: "Random seed for the data and the initial parameters.") var seed: UInt64 = 42
    @Option(name: .customLong("log-every"), parsing: .unconditional, help: "Print the loss every this many epochs (0: never).")
    var logEvery = 100
    @OptionGroup var compute: ComputeOptions
    @Flag(help: "Print one JSON object with the results as the last line.") var json = false

    func validate() throws {}

    func run() throws {
        try require(n >= 1, "--n must be at least 1, got \(n)")
        try require(epochs >= 1, "--epochs must be at least 1, got \(epochs)")
        try require(lr > 0 && lr.isFinite, "--lr must be a positive finite number, got \(lr)")
        try require(noise >= 0 && noise.isFinite, "--noise must be a non-negative finite number, got \(noise)")
        try require(slope.isFinite, "--slope must be finite, got \(slope)")
        try require(intercept.isFinite, "--intercept must be finite, got \(intercept)")
        try require(logEvery >= 0, "--log-every must be 0 or more, got \(logEvery)")
        let backend = try compute.apply()

        let data = sampleLinearData(n: n, slope: Float(slope), intercept: Float(intercept), noise: Float(noise), seed: seed)
        manualSeed(seed)
        let run = try TutorialTraining(x: data.x.reshape([n, 1]), y: data.y.reshape([n, 1]), epochs: epochs,
                                       learningRate: Float(lr)).train { epoch, loss in
            if logEvery > 0 && epoch % logEvery == 0 {
                print("Epoch \(epoch), Loss \(String(format: "%.6f", loss))")
            }
        }
        print("Learned: weight \(format(run.weight)), bias \(format(run.bias))   (true line: slope \(slope), intercept \(intercept))")
        print("Final loss \(String(format: "%.6f", run.finalLoss)) after \(epochs) epochs in "
              + "\(String(format: "%.2f", run.trainSeconds * 1000)) ms on \(backend.name) (\(Threads.count) threads)")
        if json {
            let report = LinregReport(backend: backend.name, threads: Threads.count, epochs: epochs,
                                      finalLoss: Double(run.finalLoss), weight: run.weight.map(Double.init),
                                      bias: Double(run.bias), trainSeconds: run.trainSeconds)
            print(try report.jsonLine())
        }
    }

    private func format(_ values: [Float]) -> String {
        values.count == 1 ? String(format: "%.6f", values[0]) : "[" + values.map { String(format: "%.6f", $0) }.joined(separator: ", ") + "]"
    }
    private func format(_ value: Float) -> String { String(format: "%.6f", value) }
}

/// The JSON object `ember linreg --json` prints as its last line.
struct LinregReport: Encodable {
    var backend: String
    var threads: Int
    var epochs: Int
    var finalLoss: Double
    var weight: [Double]
    var bias: Double
    var trainSeconds: Double

    enum CodingKeys: String, CodingKey {
        case backend, threads, epochs, weight, bias
        case finalLoss = "final_loss"
        case trainSeconds = "train_seconds"
    }

    func jsonLine() throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return String(decoding: try encoder.encode(self), as: UTF8.self)
    }
}
