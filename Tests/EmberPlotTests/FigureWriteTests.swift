import Foundation
import Testing
import EmberPlot

@Suite struct FigureWriteTests {
    func makeDirectory() throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("EmberPlotTests-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }

    @Test func writesTheSVGAndNoTemporaryFile() throws {
        let directory = try makeDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let figure = lossPlot(train: [1, 0.5, 0.25])
        let path = directory.appendingPathComponent("loss.svg").path
        try figure.write(to: path)
        #expect(try String(contentsOfFile: path, encoding: .utf8) == figure.svg())
        #expect(try FileManager.default.contentsOfDirectory(atPath: directory.path) == ["loss.svg"])
    }

    @Test func replacesAnExistingFile() throws {
        let directory = try makeDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let path = directory.appendingPathComponent("plot.svg").path
        try "old".write(toFile: path, atomically: false, encoding: .utf8)
        let figure = Figure(title: "new")
        try figure.write(to: path)
        #expect(try String(contentsOfFile: path, encoding: .utf8) == figure.svg())
        #expect(try FileManager.default.contentsOfDirectory(atPath: directory.path) == ["plot.svg"])
    }

    @Test func missingDirectoryThrowsAClearError() throws {
        let directory = try makeDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let path = directory.appendingPathComponent("missing/plot.svg").path
        #expect {
            try Figure().write(to: path)
        } throws: { error in
            guard case PlotError.cannotWrite(let failedPath, _)? = error as? PlotError else { return false }
            return failedPath == path && "\(error)".hasPrefix("cannot write the plot to '\(path)'")
        }
        #expect(try FileManager.default.contentsOfDirectory(atPath: directory.path).isEmpty)
    }
}
