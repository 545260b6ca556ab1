import Foundation
import Testing

/// Issue 9, item 3: output targets are checked before training, and a failed run leaves no output file at all.
@Suite(.serialized) struct OutputFileCommandTests {
    static let quick = ["linreg", "--log-every", "0"]

    @Test func aFailingPlotLeavesNoCheckpoint() throws {
        let directory = try TemporaryDirectory()
        try FileManager.default.createDirectory(atPath: directory.path("figure.svg"), withIntermediateDirectories: false)
        let result = try EmberProcess.run(Self.quick + ["--save", directory.path("m.safetensors"),
                                                        "--plot", directory.path("figure.svg")])
        expectOneLineError(result, ["--plot", "'\(directory.path("figure.svg"))': it is a directory"])
        #expect(try directory.contents() == ["figure.svg"])
    }

    @Test func aFIFOIsRefusedBeforeTraining() throws {
        let directory = try TemporaryDirectory()
        let fifo = directory.path("pipe")
        #expect(mkfifo(fifo, 0o644) == 0)
        let result = try EmberProcess.run(["linreg", "--epochs", "20", "--log-every", "1", "--save", fifo])
        expectOneLineError(result, ["--save", "'\(fifo)': it is a FIFO, not a regular file"])
        #expect(!result.stdout.contains("Epoch"), "training ran: \(result.stdout)")
        var info = stat()
        #expect(lstat(fifo, &info) == 0 && (info.st_mode & S_IFMT) == S_IFIFO)
    }

    @Test func aReadOnlyCheckpointIsKept() throws {
        let directory = try TemporaryDirectory()
        let file = try directory.write("frozen.safetensors", "keep")
        #expect(chmod(file, 0o444) == 0)
        expectOneLineError(try EmberProcess.run(Self.quick + ["--save", file]), ["--save", "read-only"])
        #expect(try String(contentsOfFile: file, encoding: .utf8) == "keep")
    }

    @Test func twoOutputsMayNotNameOneFile() throws {
        let directory = try TemporaryDirectory()
        let result = try EmberProcess.run(Self.quick + ["--plot", directory.path("a.svg"),
                                                        "--loss-plot", directory.path("./a.svg")])
        expectOneLineError(result, ["--plot", "--loss-plot", "same file"])
        #expect(try directory.contents().isEmpty)
    }

    @Test func aSymbolicLinkIsWrittenThrough() throws {
        let directory = try TemporaryDirectory()
        let target = try directory.write("run-3.safetensors", "old")
        #expect(symlink("run-3.safetensors", directory.path("latest.safetensors")) == 0)
        let result = try EmberProcess.run(Self.quick + ["--save", directory.path("latest.safetensors")])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(try FileManager.default.destinationOfSymbolicLink(atPath: directory.path("latest.safetensors"))
                == "run-3.safetensors")
        #expect(try Data(contentsOf: URL(fileURLWithPath: target)).count > 8)
        #expect(try directory.contents() == ["latest.safetensors", "run-3.safetensors"])
    }
}

extension OutputFileCommandTests {
    @Test func anOutputMayNotOverwriteTheData() throws {
        let directory = try TemporaryDirectory()
        let text = "x,y\n1,2\n2,4\n3,6\n4,8\n5,10\n"
        let csv = try directory.write("data.csv", text)
        let result = try EmberProcess.run(["linreg", "--csv", csv, "--target", "y", "--log-every", "0",
                                           "--plot", directory.path("./data.csv")])
        expectOneLineError(result, ["--csv and --plot name the same file"])
        #expect(try String(contentsOfFile: csv, encoding: .utf8) == text)
    }
}
