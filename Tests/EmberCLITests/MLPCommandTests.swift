import Foundation
import FoundationXML
import Testing

/// `ember mlp`, and the progress line's absence when the output is not a terminal.
@Suite(.serialized) struct MLPCommandTests {
    @Test func fitsTheSineWellBelowItsVariance() throws {
        let directory = try TemporaryDirectory()
        let plot = directory.path("mlp.svg")
        let result = try EmberProcess.run(["mlp", "--epochs", "60", "--log-every", "20", "--threads", "1", "--json",
                                           "--plot", plot])
        #expect(result.status == 0, "\(result.stderr)")
        let json = try #require(result.json, "\(result.stdout)")
        let mse = try #require(json["validation_mse"] as? Double)
        // Noise 0.1 gives MSE 0.01 at best; predicting the mean (a linear model does little better) gives about 0.5.
        #expect(mse < 0.05, "validation MSE \(mse)")
        #expect(mse > 0.005)
        #expect(json["epochs"] as? Int == 60)
        #expect(result.stdout.contains("Validation MSE"))
        #expect(result.stdout.contains("Epoch 20, Loss "))
        #expect(!result.stdout.contains("\r") && !result.stdout.contains("epochs/s"), "no progress line in a pipe")

        let svg = try XMLDocument(contentsOf: URL(fileURLWithPath: plot), options: [])
        let circles = try svg.nodes(forXPath: "//*[@class='series'][@data-label='data']/*[local-name()='circle']")
        #expect(circles.count == 1000)
        for label in ["network", "sin(2πx)"] {
            #expect(try svg.nodes(forXPath: "//*[@class='series'][@data-label='\(label)']/*[local-name()='polyline']").count == 1)
        }
    }

    @Test(arguments: [
        (["--batch-size", "0"], "--batch-size"), (["--val-fraction", "1"], "--val-fraction"),
        (["--hidden", "0"], "--hidden"), (["--n", "1"], "--n"), (["--lr", "-1"], "--lr"), (["--epochs", "0"], "--epochs"),
    ])
    func badInputIsOneClearLine(arguments: [String], option: String) throws {
        expectOneLineError(try EmberProcess.run(["mlp"] + arguments), [option])
    }

    /// Under a pseudo-terminal (`script`), a run longer than the delay (0 here, 2 s by default) shows the live line.
    @Test(.enabled(if: FileManager.default.isExecutableFile(atPath: "/usr/bin/script")))
    func progressLineAppearsOnATerminalOnly() throws {
        let command = "EMBER_PROGRESS_DELAY=0 \(EmberProcess.executable.path) linreg --log-every 0 --epochs 40000 "
            + "--threads 1 --tolerance 1"
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/script")
        process.arguments = ["-qec", command, "/dev/null"]
        let out = Pipe()
        process.standardOutput = out
        process.standardError = Pipe()
        try process.run()
        let text = String(decoding: out.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        #expect(process.terminationStatus == 0, "\(text)")
        #expect(text.contains("epochs/s") && text.contains("\r"), "\(text.prefix(400))")
        #expect(text.contains("Final loss"))
    }
}
