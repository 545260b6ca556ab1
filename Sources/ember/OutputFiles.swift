import Ember
import Foundation

/// The files a run writes (`--save`, `--plot`, `--loss-plot`), written together only once the run has succeeded.
/// Each is written atomically, so a failed run leaves none of them, not even half of one. Under `mpirun` only rank 0
/// writes them.
struct OutputFiles {
    var save: (path: String, model: Module<Float>, metadata: [String: String])?
    var plot: (path: String, figure: any SVGPicture)?
    var lossPlot: (path: String, figure: any SVGPicture)?

    func write() throws {
        guard Launch.isPrimary else { return }
        if let save {
            do {
                try save.model.saveParameters(to: save.path, metadata: save.metadata.merging(["format": "pt"]) { a, _ in a })
            } catch { throw CLIError("--save: \(error)") }
        }
        for (option, output) in [("--plot", plot), ("--loss-plot", lossPlot)] {
            guard let output else { continue }
            do { try output.figure.write(to: output.path) } catch { throw CLIError("\(option): \(error)") }
        }
    }

    /// Fails early, before any training, when an output file's directory does not exist, so a long run is not lost.
    static func checkDirectories(_ outputs: KeyValuePairs<String, String?>) throws {
        for (option, path) in outputs {
            guard let path else { continue }
            try require(!path.isEmpty, "\(option) needs a file name")
            let directory = URL(fileURLWithPath: path).deletingLastPathComponent().path
            var isDirectory: ObjCBool = false
            try require(FileManager.default.fileExists(atPath: directory, isDirectory: &isDirectory) && isDirectory.boolValue,
                        "\(option): the directory '\(directory)' of '\(path)' does not exist")
        }
    }
}

/// Checkpoint glue for the commands: one-line errors naming `--load`.
enum Checkpoint {
    /// Loads `path` into `model`, returning the file's metadata.
    @discardableResult
    static func load(_ path: String, into model: Module<Float>) throws -> [String: String] {
        do { return try model.loadParameters(from: path) } catch { throw CLIError("--load: \(error)") }
    }

    /// A `RegressionModel` holding `weight` and `bias`, to save.
    static func linearModel(weight: [Double], bias: Double) -> RegressionModel {
        let model = RegressionModel(features: weight.count)
        model.weight.withUnsafeMutableBufferPointer { _ = $0.update(fromContentsOf: weight.map(Float.init)) }
        model.bias.withUnsafeMutableBufferPointer { $0[0] = Float(bias) }
        return model
    }
}

