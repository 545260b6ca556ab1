import Foundation
import Testing

/// `--val-fraction 0`: every row is fitted and no validation split is made, as scikit-learn's `fit` does, so that
/// a fit can be compared with another tool's on the same rows.
@Suite(.serialized) struct ValidationSplitTests {
    @Test func csvFitsEveryRowAndTheClosedFormIsOverAllOfThem() throws {
        let directory = try TemporaryDirectory()
        let rows = CSVRegressionTests.linearRows(count: 300, seed: 21)
        let csv = try directory.write("data.csv", csvText(columns: ["a", "b", "c", "y"], rows: rows))
        let result = try EmberProcess.run(["linreg", "--csv", csv, "--target", "y", "--val-fraction", "0",
                                           "--epochs", "300", "--lr", "0.05", "--log-every", "100", "--json"])
        #expect(result.status == 0, "\(result.stderr)")
        let json = try #require(result.json, "\(result.stdout)")
        #expect(json["train_rows"] as? Int == 300)
        #expect(json["validation_rows"] as? [Int] == [])
        #expect(json["validation"] == nil, "no validation metrics: \(String(describing: json["validation"]))")
        let closedForm = try #require(json.object("closed_form"))
        #expect(closedForm["validation"] == nil)
        let independent = normalEquationsFit(x: rows.map { Array($0.prefix(3)) }, y: rows.map { $0[3] })
        let closed = try #require(closedForm.doubles("weight")) + [try #require(closedForm["bias"] as? Double)]
        for (lapack, normal) in zip(closed, independent.weight + [independent.bias]) {
            #expect(abs(lapack - normal) <= 1e-8 * abs(normal), "closed form \(lapack) vs all rows \(normal)")
        }
        #expect(try #require(json.object("train")?["r2"] as? Double) > 0.99)
        #expect(result.stdout.contains("300 training rows, no validation split"), "\(result.stdout)")
        #expect(!result.stdout.contains("Validation loss") && !result.stdout.contains("validation  "), "\(result.stdout)")
    }

    @Test func earlyStoppingNeedsAValidationSplit() throws {
        let directory = try TemporaryDirectory()
        let csv = try directory.write("data.csv", BadInput.good)
        expectOneLineError(try EmberProcess.run(["linreg", "--csv", csv, "--target", "y", "--val-fraction", "0",
                                                 "--patience", "3"]), ["--patience", "--val-fraction"])
        expectOneLineError(try EmberProcess.run(["mlp", "--val-fraction", "0", "--patience", "3"]),
                           ["--patience", "--val-fraction"])
    }

    @Test func csvPlotsWithoutAValidationSplit() throws {
        let directory = try TemporaryDirectory()
        let csv = try directory.write("data.csv", BadInput.good)
        let result = try EmberProcess.run(["linreg", "--csv", csv, "--target", "y", "--val-fraction", "0", "--epochs", "20",
                                           "--log-every", "0", "--plot", directory.path("fit.svg"),
                                           "--loss-plot", directory.path("loss.svg")])
        #expect(result.status == 0, "\(result.stderr)")
        let figure = try String(contentsOfFile: directory.path("fit.svg"), encoding: .utf8)
        #expect(!figure.contains("validation rows"))
        let losses = try String(contentsOfFile: directory.path("loss.svg"), encoding: .utf8)
        #expect(!losses.contains("validation"))
    }

    @Test func mlpTrainsOnEveryPointAndReportsNoValidationMSE() throws {
        let result = try EmberProcess.run(["mlp", "--val-fraction", "0", "--n", "200", "--epochs", "5", "--log-every", "0",
                                           "--json"])
        #expect(result.status == 0, "\(result.stderr)")
        let json = try #require(result.json, "\(result.stdout)")
        #expect(json["validation_mse"] == nil)
        #expect(json["train_mse"] is Double)
        #expect(!result.stdout.contains("Validation MSE"))
    }
}
