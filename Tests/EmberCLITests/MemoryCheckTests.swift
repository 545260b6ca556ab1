import Foundation
import Testing

/// A run the machine cannot hold is refused before anything is allocated, in one line that says how much memory it
/// needs, for what, and how much there is (instead of the runtime's allocation failure and a crash dump).
@Suite struct MemoryCheckTests {
    @Test(arguments: [
        (["linreg", "--n", "99999999999999"], "--n 99999999999999"),
        (["mlp", "--n", "99999999999999"], "--n 99999999999999"),
        (["mlp", "--hidden", "1000000"], "--hidden 1000000"),
    ])
    func aRunTooLargeForTheMachineIsRefusedUpFront(arguments: [String], option: String) throws {
        let result = try EmberProcess.run(arguments + ["--log-every", "0"])
        expectOneLineError(result, [option, "needs about", "memory", "available"])
        #expect(result.stdout.isEmpty, "nothing runs: \(result.stdout)")
    }

    @Test func theMessageNamesTheSizesInBinaryUnits() throws {
        let result = try EmberProcess.run(["mlp", "--hidden", "1000000"])
        // A million hidden units: a 10¹² weight matrix with its gradient and Adam's two moments, in Float.
        #expect(result.stderr.contains("TiB"), "\(result.stderr)")
        #expect(result.stderr.contains("GiB") || result.stderr.contains("MiB"), "\(result.stderr)")
    }
}
