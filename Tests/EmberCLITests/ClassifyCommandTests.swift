import Foundation
import Testing

/// `ember classify`: the issue's "done when" checks, the report, checkpoints and every bad input.
@Suite(.serialized) struct ClassifyCommandTests {
    /// Three Gaussian blobs (σ = 1) around well-separated centres, labelled by name.
    static func blobs(count: Int, seed: UInt64) -> String {
        var random = TestRandom(seed: seed)
        let centres = [(0.0, 0.0), (5.0, 0.0), (2.5, 4.5)], names = ["north", "east", "west"]
        var lines = ["x1,x2,species"]
        for _ in 0..<count {
            let c = Int(random.next() % 3)
            lines.append("\(centres[c].0 + random.normal()),\(centres[c].1 + random.normal()),\(names[c])")
        }
        return lines.joined(separator: "\n") + "\n"
    }

    /// Two overlapping classes (0 and 1) on features of different scales and offsets.
    static func twoClasses(count: Int, seed: UInt64, separation: Double = 1.5) -> String {
        var random = TestRandom(seed: seed)
        var lines = ["a,b,label"]
        for _ in 0..<count {
            let c = Int(random.next() % 2)
            let a = 3 + separation * Double(c) + random.normal(), b = 10 - separation * Double(c) + 2 * random.normal()
            lines.append("\(a),\(b),\(c)")
        }
        return lines.joined(separator: "\n") + "\n"
    }

    @Test(arguments: [["--model", "logistic"], ["--model", "mlp", "--hidden", "32,16", "--dropout", "0.1"]])
    func threeBlobsReachNinetyFivePercentValidationAccuracy(model: [String]) throws {
        let directory = try TemporaryDirectory()
        let csv = try directory.write("blobs.csv", Self.blobs(count: 900, seed: 3))
        let result = try EmberProcess.run(["classify", "--csv", csv, "--target", "species", "--epochs", "40",
                                           "--batch-size", "32", "--log-every", "10", "--threads", "1", "--json"] + model)
        #expect(result.status == 0, "\(result.stderr)")
        let json = try #require(result.json, "\(result.stdout)")
        #expect(json["classes"] as? [String] == ["east", "north", "west"])   // names, sorted
        let accuracy = try #require(json["val_accuracy"] as? Double)
        #expect(accuracy >= 0.95, "validation accuracy \(accuracy)")
        // The confusion matrix counts the 180 validation rows and its diagonal is the reported accuracy.
        let confusion = try #require(json["confusion"] as? [[Int]])
        #expect(confusion.joined().reduce(0, +) == 180 && json["validation_rows"] as? Int == 180)
        #expect(abs(Double((0..<3).map { confusion[$0][$0] }.reduce(0, +)) / 180 - accuracy) < 1e-12)
        // Per-class precision, recall and F1 are the confusion matrix's.
        let perClass = try #require(json["per_class"] as? [[String: Any]])
        for (c, metrics) in perClass.enumerated() {
            let tp = Double(confusion[c][c])
            let predicted = Double(confusion.map { $0[c] }.reduce(0, +)), actual = Double(confusion[c].reduce(0, +))
            #expect(abs((metrics["precision"] as? Double ?? -1) - tp / predicted) < 1e-12)
            #expect(abs((metrics["recall"] as? Double ?? -1) - tp / actual) < 1e-12)
            #expect(abs((metrics["f1"] as? Double ?? -1) - 2 * tp / (predicted + actual)) < 1e-12)
        }
        for key in ["backend", "epochs", "final_loss", "train_accuracy", "train_seconds"] {
            #expect(json[key] != nil, "missing \(key)")
        }
        #expect(result.stdout.contains("Epoch 10, Loss") && result.stdout.contains("Validation accuracy"))
        #expect(result.stdout.contains("Confusion matrix (validation rows)") && result.stdout.contains("weighted avg"))
    }

    @Test func twoClassLogisticAgreesWithIRLSUnderWeightDecay() throws {
        let directory = try TemporaryDirectory()
        let csv = try directory.write("two.csv", Self.twoClasses(count: 500, seed: 8))
        let arguments = ["classify", "--csv", csv, "--target", "label", "--optimizer", "sgd", "--lr", "1",
                         "--weight-decay", "0.01", "--log-every", "0", "--json"]
        let result = try EmberProcess.run(arguments + ["--epochs", "400"])
        #expect(result.status == 0, "\(result.stderr)")
        let irls = try #require(result.json?.object("irls"), "\(result.stdout)")
        let trained = try #require(irls.doubles("trained")), exact = try #require(irls.doubles("exact"))
        #expect(trained.count == 3 && exact.count == 3)
        for (learned, optimum) in zip(trained, exact) {
            #expect(abs(learned - optimum) <= 1e-3 * abs(optimum), "trained \(learned), IRLS \(optimum)")
        }
        #expect(try #require(irls["max_relative_diff"] as? Double) <= 1e-3)
        #expect(exact[0] > 0 && exact[1] < 0, "class 1 has larger a and smaller b: \(exact)")
        #expect(result.stdout.contains("IRLS") && result.stdout.contains("rel. diff"))
        // The bound is not vacuous: a few epochs are far from the optimum.
        let short = try EmberProcess.run(arguments + ["--epochs", "3"])
        #expect(try #require(short.json?.object("irls")?["max_relative_diff"] as? Double) > 1e-3)
    }

    @Test func separableClassesWithoutWeightDecayHaveNoMaximum() throws {
        let directory = try TemporaryDirectory()
        let csv = try directory.write("sep.csv", "x,label\n-3,0\n-2,0\n-1,0\n-2.5,0\n1,1\n2,1\n3,1\n2.5,1\n")
        let result = try EmberProcess.run(["classify", "--csv", csv, "--target", "label", "--val-fraction", "0",
                                           "--epochs", "50", "--log-every", "0", "--json"])
        #expect(result.status == 0, "\(result.stderr)")
        let json = try #require(result.json)
        #expect(json["irls"] == nil && json["val_accuracy"] == nil && json["confusion_split"] as? String == "train")
        #expect((json["irls_no_maximum"] as? String)?.contains("perfectly separated") == true)
        #expect(result.stdout.contains("no maximum-likelihood solution") && result.stdout.contains("--weight-decay"))
        // With weight decay the optimum exists.
        let decayed = try EmberProcess.run(["classify", "--csv", csv, "--target", "label", "--val-fraction", "0",
                                            "--epochs", "50", "--log-every", "0", "--weight-decay", "0.1", "--json"])
        #expect(decayed.json?.object("irls") != nil, "\(decayed.stdout)")
    }

    @Test func integerClassesSortNumerically() throws {
        let directory = try TemporaryDirectory()
        var random = TestRandom(seed: 4)
        let rows = (0..<60).map { i -> String in
            let label = [10, 2, -1][i % 3]
            return "\(Double(label) + 0.1 * random.normal()),\(label)"
        }
        let csv = try directory.write("int.csv", "x,y\n" + rows.joined(separator: "\n") + "\n")
        let result = try EmberProcess.run(["classify", "--csv", csv, "--target", "y", "--epochs", "200",
                                           "--log-every", "0", "--json"])
        #expect(result.json?["classes"] as? [String] == ["-1", "2", "10"], "\(result.stdout)\(result.stderr)")
    }

    @Test func saveLoadAndPlotRoundTrip() throws {
        let directory = try TemporaryDirectory()
        let csv = try directory.write("blobs.csv", Self.blobs(count: 300, seed: 5))
        let model = directory.path("model.safetensors"), plot = directory.path("cm.svg")
        let losses = directory.path("loss.svg")
        let base = ["classify", "--csv", csv, "--target", "species", "--log-every", "0", "--json", "--model", "mlp",
                    "--hidden", "8"]
        let trained = try EmberProcess.run(base + ["--epochs", "20", "--save", model, "--plot", plot,
                                                   "--loss-plot", losses])
        #expect(trained.status == 0, "\(trained.stderr)")
        let svg = try String(contentsOfFile: plot, encoding: .utf8)
        #expect(svg.contains("class=\"cell\"") && svg.contains("north") && svg.contains("predicted"))
        let lossSVG = try String(contentsOfFile: losses, encoding: .utf8)
        #expect(lossSVG.contains("cross-entropy") && lossSVG.contains("data-label=\"validation\""))
        // Loading (the first layer is saved in the data's units and mapped back) reproduces the predictions.
        let loaded = try EmberProcess.run(base + ["--epochs", "0", "--load", model])
        #expect(loaded.status == 0, "\(loaded.stderr)")
        #expect(loaded.json?["confusion"] as? [[Int]] == trained.json?["confusion"] as? [[Int]])
        let before = try #require(trained.json?["final_loss"] as? Double)
        let after = try #require(loaded.json?["final_loss"] as? Double)
        #expect(abs(before - after) <= 1e-5 * before)
    }

    struct BadInput: CustomTestStringConvertible, Sendable {
        var csv: String?
        var arguments: [String]
        var fragments: [String]
        init(_ csv: String?, _ arguments: [String], _ fragments: [String]) {
            self.csv = csv
            self.arguments = arguments
            self.fragments = fragments
        }
        var testDescription: String { (arguments + fragments).joined(separator: " ") }
    }

    @Test(arguments: [
        BadInput("x,y\n1,a\n2,a\n3,a\n", [], ["one class only", "'a'"]),
        BadInput("x,y\n1,0\n2,1.5\n", [], ["row 2", "\"1.5\" is not an integer"]),
        BadInput("x,y\n1,cat\n2,7\n", [], ["mixes numbers and names"]),
        BadInput("x,y\n1,cat\nnan,dog\n", [], ["row 2", "column 'x'", "not finite"]),
        BadInput("x,y\n1,cat\n,dog\n", [], ["row 2", "column 'x'", "not a number"]),
        BadInput("x,y\n1,cat\n2,\n", [], ["row 2", "label is empty"]),
        BadInput("x,z,y\n1,5,cat\n2,5,dog\n", [], ["feature column 'z' is constant", "--no-standardize"]),
        BadInput(nil, ["--model", "mlp", "--hidden", "0"], ["--hidden", "at least 1", "0"]),
        BadInput(nil, ["--model", "mlp", "--hidden", "64,x"], ["--hidden", "64,x"]),
        BadInput(nil, ["--hidden", "8"], ["--hidden needs --model mlp"]),
        BadInput(nil, ["--model", "mlp", "--dropout", "1"], ["--dropout", "[0, 1)", "1"]),
        BadInput(nil, ["--model", "bogus"], ["bogus"]),
        BadInput(nil, ["--val-fraction", "1"], ["--val-fraction", "[0, 1)"]),
        BadInput(nil, ["--val-fraction", "0", "--patience", "3"], ["--patience needs a validation set"]),
        BadInput(nil, ["--weight-decay", "-1"], ["--weight-decay", "-1"]),
        BadInput(nil, ["--target", "z"], ["no column named 'z'"]),
    ])
    func badInputIsOneClearLineAndLeavesNoFile(input: BadInput) throws {
        let directory = try TemporaryDirectory()
        let path = try directory.write("data.csv", input.csv ?? Self.blobs(count: 60, seed: 1))
        let outputs = ["--save": "model.safetensors", "--plot": "cm.svg", "--loss-plot": "loss.svg"]
        // The small hand-written tables train on every row; the default table keeps its validation split.
        let target = input.csv == nil ? ["--target", "species"] : ["--target", "y", "--val-fraction", "0"]
        let result = try EmberProcess.run(["classify", "--csv", path, "--epochs", "5", "--log-every", "0"] + target
                                          + input.arguments + outputs.flatMap { [$0.key, directory.path($0.value)] })
        expectOneLineError(result, input.fragments)
        let left = try directory.contents().filter { $0 != "data.csv" }
        #expect(left.isEmpty, "files left behind: \(left)")
    }

    @Test func aClassSeenOnlyInTheValidationSplitIsNamed() throws {
        let directory = try TemporaryDirectory()
        // One row of 'rare' after 40 of 'a' and 'b': with half the rows held out it lands in validation for about half
        // the seeds, while 'a' and 'b' always keep training rows.
        let common = (0..<40).map { "\($0),\($0 % 2 == 0 ? "a" : "b")" }
        let csv = try directory.write("rare.csv", "x,y\n" + common.joined(separator: "\n") + "\n40,rare\n")
        var failures = 0
        for seed in 0..<20 {
            let result = try EmberProcess.run(["classify", "--csv", csv, "--target", "y", "--val-fraction", "0.5",
                                               "--epochs", "2", "--log-every", "0", "--seed", "\(seed)"])
            if result.status != 0 {
                expectOneLineError(result, ["class 'rare'", "only in the validation split", "(data row 41)"])
                failures += 1
            }
        }
        #expect(failures > 0 && failures < 20, "\(failures) of 20 seeds failed")
    }

    @Test func aCheckpointForOtherClassesOrFeaturesIsRefused() throws {
        let directory = try TemporaryDirectory()
        let blobs = try directory.write("blobs.csv", Self.blobs(count: 120, seed: 2))
        let model = directory.path("model.safetensors")
        let saved = try EmberProcess.run(["classify", "--csv", blobs, "--target", "species", "--epochs", "2",
                                          "--log-every", "0", "--save", model])
        #expect(saved.status == 0, "\(saved.stderr)")
        let two = try directory.write("two.csv", Self.twoClasses(count: 50, seed: 1).replacingOccurrences(of: "a,b,", with: "x1,x2,"))
        expectOneLineError(try EmberProcess.run(["classify", "--csv", two, "--target", "label", "--load", model]),
                           ["--load", "made for 3 classes (east, north, west)", "the data has 2 (0, 1)"])
        expectOneLineError(try EmberProcess.run(["classify", "--csv", blobs, "--target", "species", "--features", "x1",
                                                 "--load", model]),
                           ["--load", "made for 2 features (x1,x2)", "the data has 1 (x1)"])
    }

    @Test func helpDocumentsTheClassOrderAndEveryOption() throws {
        let help = try EmberProcess.run(["classify", "--help"])
        #expect(help.status == 0)
        for text in ["increasing numeric", "sorted order", "--model", "--hidden", "--dropout", "--weight-decay",
                     "--val-fraction", "--patience", "--no-standardize", "--save", "--load", "--plot", "--loss-plot",
                     "--json", "IRLS"] {
            #expect(help.stdout.contains(text), "missing \(text)")
        }
        #expect(try EmberProcess.run(["--help"]).stdout.contains("classify"))
    }
}
