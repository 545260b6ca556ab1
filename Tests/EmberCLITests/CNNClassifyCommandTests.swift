import Foundation
import Testing

/// `ember classify --model cnn`: every bad input of the image options and the checkpoint checks (the accuracy on
/// the shape images is in `CNNShapeImagesTests`).
@Suite(.serialized) struct CNNClassifyCommandTests {
    /// `rows` 4 × 4 images (16 pixel columns) of two classes: bright top half or bright bottom half, plus noise.
    static func halves(rows: Int, seed: UInt64) -> String {
        var random = TestRandom(seed: seed)
        var lines = [((0..<16).map { "p\($0)" } + ["label"]).joined(separator: ",")]
        for _ in 0..<rows {
            let label = Int(random.next() % 2)
            let pixels = (0..<16).map { i in (i / 8 == label ? 1.0 : 0.0) + 0.2 * random.normal() }
            lines.append(pixels.map { "\($0)" }.joined(separator: ",") + ",\(label)")
        }
        return lines.joined(separator: "\n") + "\n"
    }

    struct BadOptions: CustomTestStringConvertible, Sendable {
        let arguments: [String]
        let fragments: [String]
        init(_ arguments: [String], _ fragments: [String]) { (self.arguments, self.fragments) = (arguments, fragments) }
        var testDescription: String { (arguments + fragments).joined(separator: " ") }
    }

    @Test(arguments: [
        BadOptions(["--model", "cnn", "--image-shape", "1x4x5"], ["--image-shape 1x4x5 holds 20 pixels",
                                                                  "the data has 16 feature columns"]),
        BadOptions(["--model", "cnn", "--image-shape", "0x8x8"], ["--image-shape dimensions must be at least 1",
                                                                  "0x8x8"]),
        BadOptions(["--model", "cnn", "--image-shape", "4x-2x2"], ["--image-shape dimensions must be at least 1"]),
        BadOptions(["--model", "cnn", "--image-shape", "4x4"], ["--image-shape must be CxHxW", "\"4x4\""]),
        BadOptions(["--model", "cnn", "--image-shape", "1x9999999999x9999999999"], ["more pixels than an index"]),
        BadOptions(["--model", "cnn", "--image-shape", "1x4x4x1"], ["--image-shape must be CxHxW"]),
        BadOptions(["--model", "cnn", "--image-shape", "1 by 4 by 4"], ["--image-shape must be CxHxW"]),
        BadOptions(["--model", "cnn", "--image-shape", "1x4.5x4"], ["--image-shape must be CxHxW"]),
        BadOptions(["--model", "cnn", "--image-shape", ""], ["--image-shape must be CxHxW"]),
        BadOptions(["--model", "cnn", "--image-shape", "1x4x4", "--channels", ""], ["--channels must be comma-separated"]),
        BadOptions(["--model", "cnn", "--image-shape", "1x4x4", "--channels", "4,,8"], ["--channels must be comma"]),
        BadOptions(["--model", "cnn", "--image-shape", "1x4x4", "--channels", "four"], ["--channels must be comma"]),
        BadOptions(["--model", "cnn", "--image-shape", "1x4x4", "--channels", "0"], ["--channels sizes must be at least 1",
                                                                                    "got 0"]),
        BadOptions(["--model", "cnn", "--image-shape", "1x4x4", "--channels", "4,-8"], ["at least 1, got -8"]),
        BadOptions(["--model", "cnn", "--image-shape", "1x4x4", "--channels", "2,2,2"],
                   ["--image-shape 1x4x4 is too small for 3 pooling blocks", "--channels 2,2,2", "at least 8"]),
        BadOptions(["--model", "cnn", "--image-shape", "16x1x1", "--channels", "2"],
                   ["--image-shape 16x1x1 is too small for 1 pooling block ", "at least 2"]),
        BadOptions(["--model", "cnn", "--image-shape", "1x2x8"], ["1x2x8 is too small for 2 pooling blocks",
                                                                  "--channels 16,32"]),
        BadOptions(["--model", "cnn"], ["--model cnn needs --image-shape"]),
        BadOptions(["--image-shape", "1x4x4"], ["--image-shape needs --model cnn"]),
        BadOptions(["--model", "mlp", "--image-shape", "1x4x4"], ["--image-shape needs --model cnn"]),
        BadOptions(["--model", "mlp", "--channels", "4"], ["--channels needs --model cnn"]),
        BadOptions(["--hidden", "8"], ["--hidden needs --model mlp or cnn"]),
        BadOptions(["--model", "cnn", "--image-shape", "1x4x4", "--channels", "2", "--hidden", "0"],
                   ["--hidden layer sizes must be at least 1"]),
        BadOptions(["--model", "cnn", "--image-shape", "1x4x4", "--channels", "2", "--dropout", "1"],
                   ["--dropout must be in [0, 1)"]),
    ])
    func badImageOptionsAreOneLineErrors(_ bad: BadOptions) throws {
        let directory = try TemporaryDirectory()
        let csv = try directory.write("halves.csv", Self.halves(rows: 40, seed: 1))
        expectOneLineError(try EmberProcess.run(["classify", "--csv", csv, "--target", "label", "--epochs", "1"]
                                                + bad.arguments), bad.fragments)
    }

    @Test func aConstantImageCannotBeStandardised() throws {
        let directory = try TemporaryDirectory()
        let rows = (0..<20).map { ([Double](repeating: 0.5, count: 16) + [Double($0 % 2)]) }
        let csv = try directory.write("flat.csv", csvText(columns: (0..<16).map { "p\($0)" } + ["label"], rows: rows))
        let base = ["classify", "--csv", csv, "--target", "label", "--model", "cnn", "--image-shape", "1x4x4",
                    "--channels", "2", "--epochs", "1"]
        expectOneLineError(try EmberProcess.run(base), ["image channel 0 is constant", "--no-standardize"])
        #expect(try EmberProcess.run(base + ["--no-standardize"]).status == 0)
    }

    /// A checkpoint carries the image shape, the channels and the normalisation: loading it reproduces the
    /// predictions, and another image shape, other channels or another kind of model is refused by name.
    @Test func checkpointsCarryTheImageShapeAndAreRefusedForAnother() throws {
        let directory = try TemporaryDirectory()
        let csv = try directory.write("halves.csv", Self.halves(rows: 200, seed: 2))
        let model = directory.path("cnn.safetensors")
        let base = ["classify", "--csv", csv, "--target", "label", "--model", "cnn", "--log-every", "0", "--json"]
        let trained = try EmberProcess.run(base + ["--image-shape", "1x4x4", "--channels", "4", "--hidden", "8",
                                                   "--epochs", "30", "--save", model])
        #expect(trained.status == 0, "\(trained.stderr)")
        #expect(trained.json?["image_shape"] as? String == "1x4x4" && trained.json?["channels"] as? [Int] == [4])
        #expect(try #require(trained.json?["val_accuracy"] as? Double) >= 0.9, "\(trained.stdout)")
        let loaded = try EmberProcess.run(base + ["--image-shape", "1x4x4", "--channels", "4", "--hidden", "8",
                                                  "--epochs", "0", "--load", model])
        #expect(loaded.status == 0, "\(loaded.stderr)")
        #expect(loaded.json?["confusion"] as? [[Int]] == trained.json?["confusion"] as? [[Int]])
        let after = try #require(loaded.json?["final_loss"] as? Double)
        let before = try #require(trained.json?["final_loss"] as? Double)
        #expect(abs(after - before) <= 1e-5 * max(1, before), "loaded \(after), trained \(before)")

        expectOneLineError(try EmberProcess.run(base + ["--image-shape", "4x2x2", "--channels", "4", "--hidden", "8",
                                                        "--load", model]),
                           ["--load", "made for images of 1x4x4", "but --image-shape is 4x2x2"])
        expectOneLineError(try EmberProcess.run(base + ["--image-shape", "1x4x4", "--channels", "8", "--hidden", "8",
                                                        "--load", model]),
                           ["--load", "made for --channels 4, not 8"])
        expectOneLineError(try EmberProcess.run(["classify", "--csv", csv, "--target", "label", "--model", "mlp",
                                                 "--load", model]),
                           ["--load", "holds a cnn model, not --model mlp"])
    }
}
