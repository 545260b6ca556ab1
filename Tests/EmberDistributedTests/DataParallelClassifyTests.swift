import Foundation
import Testing

/// `ember classify` under `mpirun -np 2` trains data-parallel and matches the single-process run on the same global
/// batch: the same final loss (up to floating-point reduction order) and the same confusion matrix.
@Suite(.serialized, .enabled(if: MPIJob.mpirun != nil, Comment(rawValue: MPIJob.missingMessage)))
struct DataParallelClassifyTests {
    /// Two overlapping classes: 240 rows, all trained on (--val-fraction 0), so they split evenly over 2 processes.
    static func csv(in directory: TemporaryDirectory) throws -> String {
        var state: UInt64 = 7
        func uniform() -> Double {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return Double(state >> 11) / Double(1 << 53)
        }
        var lines = ["a,b,label"]
        for row in 0..<240 {
            let label = row % 2, noise = { 2 * (uniform() + uniform() + uniform() - 1.5) }
            lines.append("\(3 + 1.5 * Double(label) + noise()),\(10 - 1.5 * Double(label) + 2 * noise()),\(label)")
        }
        return try directory.write("classes.csv", lines.joined(separator: "\n") + "\n")
    }

    static func finalLoss(_ result: MPIJob.Result) throws -> Double {
        try #require(result.jsonLines.last?["final_loss"] as? Double)
    }

    @Test(arguments: [["--optimizer", "sgd", "--batch-size", "240", "--epochs", "200"],
                      ["--optimizer", "adam", "--batch-size", "20", "--epochs", "20"]])
    func classifyOnTwoProcessesMatchesTheSingleProcessRun(options: [String]) throws {
        let directory = try TemporaryDirectory()
        let arguments = ["classify", "--csv", try Self.csv(in: directory), "--target", "label", "--model", "logistic",
                         "--val-fraction", "0", "--log-every", "0", "--json"] + options
        let alone = try MPIJob.run(processes: 1, "ember", arguments), parallel = try MPIJob.run("ember", arguments)
        #expect(alone.status == 0 && parallel.status == 0, "\(alone.stderr)\(parallel.stderr)")
        let expected = try Self.finalLoss(alone), got = try Self.finalLoss(parallel)
        #expect(abs(got - expected) <= 1e-4 * abs(expected), "2 processes: loss \(got), 1 process: \(expected)")
        let confusion = { (r: MPIJob.Result) in r.jsonLines.last?["confusion"] as? [[Int]] }
        #expect(confusion(parallel) != nil && confusion(parallel) == confusion(alone))
        #expect(parallel.jsonLines.count == 1, "only rank 0 prints")
        // The tolerance is not vacuous: another global batch (or step count) ends at another loss.
        var other = arguments
        let index = try #require(other.firstIndex(of: "--epochs"))
        other[index + 1] = String(Int(other[index + 1])! / 2)
        let shifted = try Self.finalLoss(try MPIJob.run(processes: 1, "ember", other))
        #expect(abs(shifted - expected) > 1e-3 * abs(expected), "half the epochs: \(shifted) vs \(expected)")
    }
}
