import Foundation
import Testing

/// Issue 11's "done when": on the seeded shape images (`ShapeImages`), `--model cnn` reaches at least 0.97
/// validation accuracy and clearly more than an MLP with about as many parameters.
@Suite(.serialized) struct CNNShapeImagesTests {
    @Test func cnnBeatsAnMLPOfTheSameSizeOnShapeImages() throws {
        let directory = try TemporaryDirectory()
        var images = ShapeImages(seed: 11)
        let csv = try directory.write("shapes.csv", images.csv(count: 1500))
        let common = ["classify", "--csv", csv, "--target", "shape", "--batch-size", "32", "--log-every", "0",
                      "--epochs", "12", "--lr", "0.002", "--json",
                      "--backend", "cblas", "--threads", "1"]   // cblas: its im2col + GEMM is the fastest in a debug build
        // CNN: Conv(1→8) 80 + Conv(8→16) 1,168 + Linear(256→64) 16,448 + Linear(64→5) 325 = 18,021 parameters.
        let cnn = try EmberProcess.run(common + ["--model", "cnn", "--image-shape", "1x16x16", "--channels", "8,16",
                                                 "--hidden", "64"])
        // MLP: Linear(256→68) 17,476 + Linear(68→5) 345 = 17,821 parameters.
        let mlp = try EmberProcess.run(common + ["--model", "mlp", "--hidden", "68"])
        #expect(cnn.status == 0 && mlp.status == 0, "\(cnn.stderr)\(mlp.stderr)")
        let cnnAccuracy = try #require(cnn.json?["val_accuracy"] as? Double, "\(cnn.stdout)")
        let mlpAccuracy = try #require(mlp.json?["val_accuracy"] as? Double, "\(mlp.stdout)")
        print("shape images, 300 validation rows: cnn \(cnnAccuracy), mlp \(mlpAccuracy)")
        #expect(cnnAccuracy >= 0.97, "cnn validation accuracy \(cnnAccuracy)")
        #expect(cnnAccuracy >= mlpAccuracy + 0.1, "cnn \(cnnAccuracy) is not clearly above the mlp's \(mlpAccuracy)")
    }
}
