import Ember
import EmberIO
import Foundation

/// The files a run writes (`--save`, `--plot`, `--loss-plot`), written together only once the run has succeeded.
///
/// ``checkPaths(_:)`` refuses, before any training, a target that may not be replaced (see `OutputTarget`: only
/// regular files the user may write; a symbolic link is written through) and two options naming one file.
/// ``write()`` writes every file to a temporary sibling and renames them over their targets only when all were
/// written; a failure restores what was replaced, so a failed run leaves no output file at all. Under `mpirun` only
/// rank 0 writes them.
struct OutputFiles {
    var save: (path: String, model: Module<Float>, metadata: [String: String])?
    var plot: (path: String, figure: any SVGPicture)?
    var lossPlot: (path: String, figure: any SVGPicture)?

    func write() throws {
        guard Launch.isPrimary else { return }
        var outputs: [(option: String, path: String, data: () throws -> Data)] = []
        if let save {
            let metadata = save.metadata.merging(["format": "pt"]) { a, _ in a }
            outputs.append(("--save", save.path, {
                try Safetensors.encode(save.model.parameterEntries(), metadata: metadata)
            }))
        }
        for (option, output) in [("--plot", plot), ("--loss-plot", lossPlot)] {
            guard let output else { continue }
            outputs.append((option, output.path, { Data(output.figure.svg().utf8) }))
        }
        var group = AtomicFile()
        do {
            for output in outputs {
                do {
                    try group.stage(try output.data(), to: output.path)
                } catch {
                    throw CLIError("\(output.option): \(error)")
                }
            }
            do { try group.commit() } catch {
                let option = outputs.first { $0.path == error.path }?.option ?? "output"
                throw CLIError("\(option): \(error)")
            }
        } catch {
            group.discard()
            throw error
        }
    }

    /// Fails early, before any training, when an output file may not be written (a missing directory, a FIFO, a
    /// device, a read-only file, …), two options name the same file, or an output would overwrite one of `inputs`
    /// (the data of `--csv`), so a long run is not lost and no input is destroyed.
    static func checkPaths(_ outputs: KeyValuePairs<String, String?>,
                           inputs: KeyValuePairs<String, String?> = [:]) throws {
        var seen: [String: String] = [:]
        for (option, path) in inputs {
            guard let path, let resolved = realpath(path, nil) else { continue }
            seen[String(cString: resolved)] = option
            free(resolved)
        }
        for (option, path) in outputs {
            guard let path else { continue }
            try require(!path.isEmpty, "\(option) needs a file name")
            let target: String
            do { target = try OutputTarget.resolve(path) } catch { throw CLIError("\(option): \(error)") }
            let canonical = OutputTarget.canonical(target)
            if let other = seen[canonical] {
                throw CLIError("\(other) and \(option) name the same file \(MessageText.quoted(path, limit: 1000))")
            }
            seen[canonical] = option
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
