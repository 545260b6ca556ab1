import Foundation
import Testing

/// `ember linreg --csv`: the issue's "done when" checks and every bad input.
@Suite(.serialized) struct CSVRegressionTests {
    /// y = 3a − 0.5b + 10c + 7 + N(0, 0.5²), with features on very different scales.
    static let trueWeight = [3.0, -0.5, 10.0], trueBias = 7.0

    static func linearRows(count: Int, seed: UInt64) -> [[Double]] {
        var random = TestRandom(seed: seed)
        return (0..<count).map { _ in
            let a = 10 * random.uniform(), b = 50 + 20 * random.normal(), c = 2 * random.uniform() - 1
            return [a, b, c, 3 * a - 0.5 * b + 10 * c + 7 + 0.5 * random.normal()]
        }
    }

    @Test func closedFormMatchesTheNormalEquationsAndAdamReachesItsValidationMSE() throws {
        let directory = try TemporaryDirectory()
        let rows = Self.linearRows(count: 3000, seed: 11)
        let csv = try directory.write("data.csv", csvText(columns: ["a", "b", "c", "y"], rows: rows))
        let result = try EmberProcess.run(["linreg", "--csv", csv, "--target", "y", "--optimizer", "adam",
                                           "--batch-size", "64", "--epochs", "40", "--log-every", "0",
                                           "--threads", "1", "--json"])
        #expect(result.status == 0, "\(result.stderr)")
        let json = try #require(result.json, "\(result.stdout)")
        #expect(json["features"] as? [String] == ["a", "b", "c"])
        #expect(json["standardized"] as? Bool == true)
        #expect(json["batch_size"] as? Int == 64)
        #expect(json["epochs"] as? Int == 40)

        // The closed form is fitted on the training rows: every row not listed as a validation row.
        let validationRows = Set(try #require(json["validation_rows"] as? [Int]))
        #expect(validationRows.count == 600)
        let trainRows = rows.indices.filter { !validationRows.contains($0 + 1) }.map { rows[$0] }
        let independent = normalEquationsFit(x: trainRows.map { Array($0.prefix(3)) }, y: trainRows.map { $0[3] })
        let closedForm = try #require(json.object("closed_form"))
        let closedWeight = try #require(closedForm.doubles("weight"))
        let closedBias = try #require(closedForm["bias"] as? Double)
        for (lapack, normal) in zip(closedWeight + [closedBias], independent.weight + [independent.bias]) {
            #expect(abs(lapack - normal) <= 1e-6 * abs(normal), "closed form \(lapack) vs normal equations \(normal)")
        }
        // ... and is the true rule, up to the noise.
        for (fitted, truth) in zip(closedWeight, Self.trueWeight) { #expect(abs(fitted - truth) <= 0.05 * abs(truth)) }

        // Adam on standardised mini-batches: coefficients in the data's units, validation MSE within 2 %.
        let weight = try #require(json.doubles("weight"))
        #expect(weight.count == 3)
        for (learned, exact) in zip(weight, closedWeight) { #expect(abs(learned - exact) <= 0.02 * abs(exact) + 0.01) }
        let validation = try #require(json.object("validation")), train = try #require(json.object("train"))
        let closedValidation = try #require(closedForm.object("validation"))
        let mse = try #require(validation["mse"] as? Double)
        let closedMSE = try #require(closedValidation["mse"] as? Double)
        #expect(mse <= 1.02 * closedMSE, "Adam validation MSE \(mse), closed form \(closedMSE)")
        #expect(abs(closedMSE - 0.25) <= 0.05, "the noise variance is 0.25, got \(closedMSE)")

        // The reported metrics are those of the reported coefficients on the validation rows, in the data's units.
        let held = rows.indices.filter { validationRows.contains($0 + 1) }.map { rows[$0] }
        let bias = try #require(json["bias"] as? Double)
        let errors = held.map { zip(weight, $0).reduce(bias) { $0 + $1.0 * $1.1 } - $0[3] }
        let expectedMSE = errors.map { $0 * $0 }.reduce(0, +) / Double(held.count)
        let expectedMAE = errors.map(abs).reduce(0, +) / Double(held.count)
        let mean = held.map { $0[3] }.reduce(0, +) / Double(held.count)
        let total = held.map { ($0[3] - mean) * ($0[3] - mean) }.reduce(0, +)
        #expect(abs(mse - expectedMSE) <= 1e-9 * expectedMSE)
        #expect(abs(try #require(validation["mae"] as? Double) - expectedMAE) <= 1e-9 * expectedMAE)
        #expect(abs(try #require(validation["r2"] as? Double) - (1 - expectedMSE * Double(held.count) / total)) <= 1e-9)
        #expect(try #require(train["r2"] as? Double) > 0.99)
        #expect(try #require(json["max_abs_diff"] as? Double) < 0.2)
        #expect(result.stdout.contains("closed form") && result.stdout.contains("validation"))

        // The 2 % bound is not vacuous: one epoch of full-batch Adam is far from it.
        let short = try EmberProcess.run(["linreg", "--csv", csv, "--target", "y", "--optimizer", "adam", "--epochs", "1",
                                          "--log-every", "0", "--json"])
        let shortMSE = try #require(short.json?.object("validation")?["mse"] as? Double)
        #expect(shortMSE > 1.02 * closedMSE)
    }

    @Test func featuresAreTakenInTheOrderGivenAndStandardisationCanBeTurnedOff() throws {
        let directory = try TemporaryDirectory()
        let rows = Self.linearRows(count: 400, seed: 5).map { [$0[0], $0[2], $0[3]] }   // a, c, y (b left in the noise)
        let csv = try directory.write("data.csv", csvText(columns: ["a", "c", "y"], rows: rows))
        for flags in [["--standardize"], ["--no-standardize"]] {
            let result = try EmberProcess.run(["linreg", "--csv", csv, "--target", "y", "--features", "c, a",
                                               "--epochs", "600", "--lr", "0.1", "--log-every", "0", "--json"] + flags)
            #expect(result.status == 0, "\(result.stderr)")
            let json = try #require(result.json)
            #expect(json["features"] as? [String] == ["c", "a"])
            #expect(json["standardized"] as? Bool == (flags == ["--standardize"]))
            let weight = try #require(json.doubles("weight")), closed = try #require(json.object("closed_form")?.doubles("weight"))
            #expect(abs(closed[0] - 10) < 1.5 && abs(closed[1] - 3) < 0.3, "\(closed)")
            for (learned, exact) in zip(weight, closed) { #expect(abs(learned - exact) <= 0.01 * abs(exact), "\(flags)") }
        }
    }

    @Test func earlyStoppingStopsAfterPatienceEpochsWithoutImprovement() throws {
        let directory = try TemporaryDirectory()
        let csv = try directory.write("data.csv", csvText(columns: ["a", "b", "c", "y"], rows: Self.linearRows(count: 500, seed: 3)))
        let result = try EmberProcess.run(["linreg", "--csv", csv, "--target", "y", "--batch-size", "50", "--lr", "0.05",
                                           "--patience", "3", "--epochs", "2000", "--log-every", "0", "--json"])
        #expect(result.status == 0, "\(result.stderr)")
        let json = try #require(result.json)
        let epochs = try #require(json["epochs"] as? Int), best = try #require(json["best_epoch"] as? Int)
        #expect(json["stopped_early"] as? Bool == true)
        #expect(epochs < 2000)
        #expect(epochs == best + 1 + 3, "stopped \(epochs) epochs in, best at \(best)")
        #expect(result.stdout.contains("stopped early"))
    }

    @Test func closedFormToleranceIsOnlyEnforcedWhenGiven() throws {
        let directory = try TemporaryDirectory()
        let csv = try directory.write("data.csv", csvText(columns: ["a", "b", "c", "y"], rows: Self.linearRows(count: 200, seed: 9)))
        let lenient = try EmberProcess.run(["linreg", "--csv", csv, "--target", "y", "--epochs", "3", "--log-every", "0"])
        #expect(lenient.status == 0, "without --tolerance a CSV run reports the difference only: \(lenient.stderr)")
        let plot = directory.path("fit.svg")
        let strict = try EmberProcess.run(["linreg", "--csv", csv, "--target", "y", "--epochs", "3", "--log-every", "0",
                                           "--tolerance", "1e-6", "--plot", plot])
        expectOneLineError(strict, ["closed-form", "--tolerance"])
        #expect(strict.stdout.contains("closed form"), "the table is printed before failing")
        #expect(!FileManager.default.fileExists(atPath: plot), "a failed run writes no plot")
    }

    @Test func epochLinesShowTrainingAndValidationLoss() throws {
        let directory = try TemporaryDirectory()
        let csv = try directory.write("data.csv", csvText(columns: ["a", "b", "c", "y"], rows: Self.linearRows(count: 100, seed: 1)))
        let result = try EmberProcess.run(["linreg", "--csv", csv, "--target", "y", "--epochs", "20", "--log-every", "10"])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.contains("Epoch 0, Loss ") && result.stdout.contains("Epoch 10, Loss "))
        #expect(result.stdout.contains("Validation loss"))
        #expect(!result.stdout.contains("\r") && !result.stdout.contains("epochs/s"), "no progress line in a pipe")
    }

    /// Every bad input: one clear line, a non-zero exit, and none of the output files left behind.
    @Test(arguments: [
        BadInput(nil, [], ["--csv", "no file at"]),
        BadInput("", [], ["empty"]),
        BadInput("a,b,y\n", [], ["no data rows", "'a', 'b', 'y'"]),
        BadInput("a,b,y\n1,2,3\n4,5\n", [], ["line 3", "2 cells", "3 columns"]),
        BadInput("a,b,y\n1,2,3\n4,x,6\n", [], ["row 2", "column 'b'", "\"x\" is not a number"]),
        BadInput("a,b,y\n1,2,3\n4,nan,6\n", [], ["row 2", "column 'b'", "not finite"]),
        BadInput("a,b,y\n1,2,3\n4,5,-inf\n", [], ["row 2", "column 'y'", "not finite"]),
        BadInput(nil, ["--target", "price"], ["no column named 'price'", "'a', 'b', 'y'"]),
        BadInput(nil, ["--features", "a,size"], ["no column named 'size'", "'a', 'b', 'y'"]),
        BadInput(nil, ["--features", "a,y"], ["'y' is the target"]),
        BadInput(BadInput.constantB, [], ["feature column 'b' is constant", "--no-standardize"]),
        BadInput(nil, ["--batch-size", "0"], ["--batch-size", "at least 1", "0"]),
        BadInput(nil, ["--batch-size", "-4"], ["--batch-size", "-4"]),
        BadInput(nil, ["--val-fraction", "1"], ["--val-fraction", "[0, 1)"]),
        BadInput(nil, ["--val-fraction", "1.5"], ["--val-fraction", "1.5"]),
        BadInput(nil, ["--val-fraction", "-0.2"], ["--val-fraction", "-0.2"]),
        BadInput(nil, ["--val-fraction", "nan"], ["--val-fraction"]),
        BadInput(nil, ["--patience", "0"], ["--patience"]),
        BadInput("a,b,y\n1,2,3\n", [], ["validation split", "would be empty"]),
        BadInput(nil, ["--optimizer", "lbfgs"], ["--optimizer", "lbfgs"]),
        BadInput(nil, ["--optimizer", "sgd", "--lr", "1e6", "--no-standardize"], ["diverged", "smaller --lr"]),
    ])
    func badInputIsOneClearLineAndLeavesNoFile(input: BadInput) throws {
        let directory = try TemporaryDirectory()
        let path: String
        if let text = input.csv {
            path = try directory.write("data.csv", text)
        } else if input.arguments.isEmpty {
            path = directory.path("missing.csv")
        } else {
            path = try directory.write("data.csv", BadInput.good)
        }
        let outputs = ["--save": "model.safetensors", "--plot": "fit.svg", "--loss-plot": "loss.svg"]
        let result = try EmberProcess.run(["linreg", "--csv", path, "--target", "y", "--epochs", "50", "--log-every", "0"]
                                          + input.arguments + outputs.flatMap { [$0.key, directory.path($0.value)] })
        expectOneLineError(result, input.fragments)
        let left = try directory.contents().filter { $0 != "data.csv" }
        #expect(left.isEmpty, "files left behind: \(left)")
    }

    @Test func tutorialOnlyAndCSVOnlyOptionsAreNotMixed() throws {
        expectOneLineError(try EmberProcess.run(["linreg", "--target", "y"]), ["--target", "--csv"])
        expectOneLineError(try EmberProcess.run(["linreg", "--patience", "3"]), ["--patience", "--csv"])
        expectOneLineError(try EmberProcess.run(["linreg", "--csv", "data.csv"]), ["--target"])
    }
}

struct BadInput: CustomTestStringConvertible, Sendable {
    /// The CSV text, or `nil` for the good data set (or for no file at all when `arguments` is empty).
    var csv: String?
    var arguments: [String]
    var fragments: [String]

    init(_ csv: String?, _ arguments: [String], _ fragments: [String]) {
        self.csv = csv
        self.arguments = arguments
        self.fragments = fragments
    }

    var testDescription: String { "\(csv.map { "csv \($0.debugDescription)" } ?? "") \(arguments) → \(fragments)" }

    /// A small valid data set: y = 2a − b + 1 + noise.
    static let good: String = {
        var random = TestRandom(seed: 2)
        let rows = (0..<60).map { _ in
            let a = random.uniform(), b = random.normal(), noise = 0.1 * random.normal()
            let y: Double = 2 * a - b + 1 + noise
            return [a, b, y]
        }
        return csvText(columns: ["a", "b", "y"], rows: rows)
    }()

    /// Like `good`, but column b is the same in every row.
    static let constantB: String = {
        let rows = (0..<40).map { i -> [Double] in
            let a = Double(i), noise = Double(i % 3)
            return [a, 4, 3 * a + noise]
        }
        return csvText(columns: ["a", "b", "y"], rows: rows)
    }()
}
