import Foundation
import Testing

/// Messages that named the wrong cause: each now names what is actually wrong, before any training.
@Suite(.serialized) struct MisleadingMessageTests {
    @Test func onePointCannotPassTheClosedFormCheck() throws {
        let result = try EmberProcess.run(["linreg", "--n", "1"])
        expectOneLineError(result, ["--n 1", "one point", "slope and an intercept", "--n 2"])
        #expect(result.stdout.isEmpty, "said up front, before training: \(result.stdout)")
    }

    /// The CSV sibling of `--n 1`: fewer training rows than unknowns leave many exact fits, so a tolerance against
    /// one of them cannot be met on purpose.
    @Test func tooFewRowsForTheClosedFormAreSaidUpFrontWhenAToleranceIsAsked() throws {
        let directory = try TemporaryDirectory()
        let path = try directory.write("data.csv", csvText(columns: ["a", "b", "c", "y"],
                                                           rows: [[1, 2, 3, 4], [2, 1, 0, 3], [0, 5, 1, 2]]))
        let arguments = ["linreg", "--csv", path, "--target", "y", "--val-fraction", "0", "--no-standardize",
                         "--epochs", "5", "--log-every", "0"]
        let strict = try EmberProcess.run(arguments + ["--tolerance", "1e-3"])
        expectOneLineError(strict, ["--tolerance", "3 training rows", "3 coefficients and a bias"])
        #expect(strict.stdout.isEmpty, "said before training: \(strict.stdout)")
        let lenient = try EmberProcess.run(arguments)
        #expect(lenient.status == 0, "without --tolerance the run only reports: \(lenient.stderr)")
    }

    @Test(arguments: [
        (["linreg", "--slope", "1e30"], "--slope"), (["linreg", "--intercept", "-1e25"], "--intercept"),
        (["linreg", "--noise", "1e25"], "--noise"), (["mlp", "--noise", "1e30"], "--noise"),
    ])
    func dataThatOverflowsFloatIsNotCalledDivergence(arguments: [String], option: String) throws {
        let result = try EmberProcess.run(arguments + ["--log-every", "0"])
        expectOneLineError(result, [option, "Float"])
        #expect(!result.stderr.contains("diverged") && !result.stderr.contains("smaller --lr"), "\(result.stderr)")
        #expect(result.stdout.isEmpty, "checked before training: \(result.stdout)")
    }

    @Test(arguments: ["y", "x"])
    func csvValuesBeyondFloatWithoutStandardisingAreNamed(column: String) throws {
        let directory = try TemporaryDirectory()
        let rows = (0..<30).map { i -> [Double] in
            let u = Double(i) / 30
            return column == "y" ? [u, 1e30 * u] : [1e30 * u, u]
        }
        let path = try directory.write("data.csv", csvText(columns: ["x", "y"], rows: rows))
        let result = try EmberProcess.run(["linreg", "--csv", path, "--target", "y", "--no-standardize", "--epochs", "5",
                                           "--log-every", "0"])
        expectOneLineError(result, ["column '\(column)'", "Float", "--no-standardize"])
        #expect(!result.stderr.contains("diverged"), "\(result.stderr)")
    }

    @Test(arguments: [["info"], ["bench", "--workloads", "add1", "--repeats", "1"], ["linreg"], ["mlp"]])
    func everyCommandRejectsABadThreadCount(arguments: [String]) throws {
        for value in ["-3", "0", "two"] {
            let result = try EmberProcess.run(arguments, environment: ["EMBER_NUM_THREADS": value])
            expectOneLineError(result, ["EMBER_NUM_THREADS", value])
        }
    }

    @Test func infoRejectsAnUnknownBackendInOneLine() throws {
        expectOneLineError(try EmberProcess.run(["info"], environment: ["EMBER_BACKEND": "bogus"]),
                           ["EMBER_BACKEND", "bogus", "reference"])
    }
}
