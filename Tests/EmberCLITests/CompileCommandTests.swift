import Foundation
import Testing

/// `--compile` on `ember linreg` and `ember classify`: the same results as eager runs, digit for digit, and the trace
/// reported with `EMBER_COMPILE_LOG=1`.
@Suite(.serialized) struct CompileCommandTests {
    func json(_ arguments: [String], log: Bool = false) throws -> ([String: Any], String) {
        let result = try EmberProcess.run(arguments, environment: log ? ["EMBER_COMPILE_LOG": "1"] : [:])
        #expect(result.status == 0, "\(result.stderr)")
        return (try #require(result.json, "\(result.stdout)"), result.stderr)
    }

    @Test func linregCompiledMatchesEager() throws {
        let arguments = ["linreg", "--threads", "1", "--json"]
        let (eager, _) = try json(arguments)
        let (compiled, log) = try json(arguments + ["--compile"], log: true)
        #expect(log.contains("compile: tracing the step"), "\(log)")
        for key in ["final_loss", "weight", "bias"] {
            #expect(eager[key] != nil, "missing \(key)")
            #expect("\(eager[key] ?? "")" == "\(compiled[key] ?? "")", "\(key)")
        }
    }

    @Test func classifyCompiledMatchesEagerAcrossMiniBatches() throws {
        let directory = try TemporaryDirectory()
        let csv = try directory.write("blobs.csv", ClassifyCommandTests.blobs(count: 300, seed: 5))
        let arguments = ["classify", "--csv", csv, "--target", "species", "--epochs", "5", "--batch-size", "32",
                         "--model", "mlp", "--hidden", "16", "--threads", "1", "--json"]
        let (eager, _) = try json(arguments)
        let (compiled, log) = try json(arguments + ["--compile"], log: true)
        #expect(log.contains("compile: tracing the step"), "\(log)")
        #expect(log.contains("retracing the step: input shape"), "the last, smaller batch retraces: \(log)")
        for key in ["final_loss", "val_accuracy", "train_accuracy", "confusion"] {
            #expect(eager[key] != nil, "missing \(key)")
            #expect("\(eager[key] ?? "")" == "\(compiled[key] ?? "")", "\(key)")
        }
    }

    @Test func emberCompileZeroTurnsItOff() throws {
        let result = try EmberProcess.run(["linreg", "--compile", "--threads", "1", "--json"],
                                          environment: ["EMBER_COMPILE": "0", "EMBER_COMPILE_LOG": "1"])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(!result.stderr.contains("compile:"), "nothing traced: \(result.stderr)")
    }
}
