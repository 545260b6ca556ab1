import Foundation
import Testing

/// `ember` under `mpirun -np 2`: data-parallel training that matches the single-process run, rank 0 alone printing,
/// `info`, and errors that end the whole job. (`bench --workloads allreduce` is a benchmark: it runs by hand, on a
/// release build, not in the suite.)
@Suite(.serialized, .enabled(if: MPIJob.mpirun != nil, Comment(rawValue: MPIJob.missingMessage)))
struct DataParallelCLITests {
    /// y = 3a − 2b + 1 + N(0, 0.3²); 250 rows, all trained on (--val-fraction 0), so they split evenly over 2 processes.
    static func csv(in directory: TemporaryDirectory) throws -> String {
        var state: UInt64 = 99
        func uniform() -> Double {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return Double(state >> 11) / Double(1 << 53)
        }
        var lines = ["a,b,y"]
        for _ in 0..<250 {
            let a = 10 * uniform(), b = 4 * uniform() - 2, noise = 0.3 * (uniform() + uniform() + uniform() - 1.5)
            lines.append("\(a),\(b),\(3 * a - 2 * b + 1 + noise)")
        }
        return try directory.write("data.csv", lines.joined(separator: "\n") + "\n")
    }

    /// The coefficients (weights, then bias) of a `--json` run.
    static func coefficients(_ json: [String: Any]?) throws -> [Double] {
        let json = try #require(json)
        return try #require(json["weight"] as? [Double]) + [try #require(json["bias"] as? Double)]
    }

    static func maxRelativeDifference(_ a: [Double], _ b: [Double]) -> Double {
        zip(a, b).map { abs($0 - $1) / max(abs($1), 1e-12) }.max() ?? .infinity
    }

    static func single(_ arguments: [String]) throws -> MPIJob.Result {
        try MPIJob.run(processes: 1, "ember", arguments)
    }

    @Test(arguments: [["--optimizer", "sgd", "--epochs", "300"],
                      ["--optimizer", "adam", "--batch-size", "20", "--epochs", "30"]])
    func linregCSVOnTwoProcessesMatchesTheSingleProcessRun(options: [String]) throws {
        let directory = try TemporaryDirectory()
        let arguments = ["linreg", "--csv", try Self.csv(in: directory), "--target", "y", "--val-fraction", "0",
                         "--log-every", "100", "--json"] + options
        let alone = try Self.single(arguments), parallel = try MPIJob.run("ember", arguments)
        #expect(alone.status == 0 && parallel.status == 0, "\(alone.stderr)\(parallel.stderr)")
        let expected = try Self.coefficients(alone.jsonLines.last), got = try Self.coefficients(parallel.jsonLines.last)
        let difference = Self.maxRelativeDifference(got, expected)
        #expect(difference <= 1e-4, "2 processes \(got) vs 1 process \(expected): relative difference \(difference)")
        // Only rank 0 prints: one summary and one JSON line, as on one process.
        #expect(parallel.stdout.components(separatedBy: "Final loss").count == 2, "\(parallel.stdout)")
        #expect(parallel.jsonLines.count == 1)
        #expect(parallel.jsonLines.last?["epochs"] as? Int == alone.jsonLines.last?["epochs"] as? Int)
        // The tolerance is not vacuous: the same run on another global batch (half the size) ends elsewhere.
        if let index = arguments.firstIndex(of: "--batch-size") {
            var other = arguments
            other[index + 1] = "10"
            let shifted = try Self.coefficients(try Self.single(other).jsonLines.last)
            #expect(Self.maxRelativeDifference(shifted, expected) > 1e-3)
        }
    }

    @Test func infoShowsTheMPILibraryAndTheNumberOfProcesses() throws {
        let job = try MPIJob.run("ember", ["info"])
        #expect(job.status == 0, "\(job.stderr)")
        #expect(job.stdout.contains("mpi:             Open MPI v4"), "\(job.stdout)")
        #expect(job.stdout.contains("processes:       2 (launched by mpirun)"), "\(job.stdout)")
        #expect(job.stdout.components(separatedBy: "backends:").count == 2, "only rank 0 prints: \(job.stdout)")
    }

    @Test func aMissingFileOnOneRankEndsTheJobWithThatRanksMessage() throws {
        let directory = try TemporaryDirectory()
        let good = try Self.csv(in: directory), missing = directory.path("missing.csv")
        let job = try MPIJob.run(ranks: [(1, "ember", ["linreg", "--csv", good, "--target", "y", "--epochs", "100000"]),
                                         (1, "ember", ["linreg", "--csv", missing, "--target", "y"])], timeLimit: 60)
        #expect(job.status != 0 && !job.timedOut)
        #expect(job.stderr.contains("error: rank 1 of 2: --csv: no file at '\(missing)'"), "\(job.stderr)")
    }

    @Test func aBatchThatDoesNotDivideAmongTheProcessesIsAnError() throws {
        let directory = try TemporaryDirectory()
        let job = try MPIJob.run("ember", ["linreg", "--csv", try Self.csv(in: directory), "--target", "y",
                                           "--batch-size", "33"], timeLimit: 60)
        #expect(job.status != 0 && !job.timedOut)
        #expect(job.stderr.contains("--batch-size 33 must be a multiple of the 2 processes"), "\(job.stderr)")
        #expect(!job.stderr.contains("Fatal error"))
    }
}
