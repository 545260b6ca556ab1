import Ember
import Foundation
import Testing

/// Issue 9: a seeded corpus of 400 mutated safetensors files and 400 odd CSV files. Each goes through the library's
/// loaders in-process, and every twentieth through `ember linreg`; each must end in a correct success or an error
/// whose message is one line of plain text, never a crash.
@Suite(.serialized) struct GeneratedCorpusTests {
    static let count = 400
    static let processEvery = 20

    /// The message contract: non-empty, one line, no control character, bounded.
    static func expectPlainMessage(_ message: String, _ context: @autoclosure () -> String,
                                   sourceLocation: SourceLocation = #_sourceLocation) {
        #expect(!message.isEmpty && message.count <= 2000, "\(context()): \(message.count) characters",
                sourceLocation: sourceLocation)
        #expect(!message.unicodeScalars.contains { $0.value < 0x20 || (0x7F...0x9F).contains($0.value) },
                "\(context()): \(message.debugDescription)", sourceLocation: sourceLocation)
    }

    /// A process run: status 0, or one `error:` line of plain text and a non-zero status; never a crash.
    static func expectCleanExit(_ result: EmberProcess.Result, _ context: String) {
        #expect(!result.stderr.contains("Fatal error") && result.status < 128, "\(context): \(result.stderr)")
        guard result.status != 0 else { return }
        let lines = result.stderr.split(separator: "\n")
        #expect(lines.count == 1 && result.stderr.hasPrefix("error: ") && result.stderr.hasSuffix("\n"),
                "\(context): \(result.stderr.debugDescription)")
        expectPlainMessage(String(result.stderr.dropLast()), context)
    }

    @Test func mutatedSafetensorsFiles() throws {
        var generator = CorpusGenerator(seed: 9)
        let seeds = try CorpusGenerator.seedCheckpoints()
        let directory = try TemporaryDirectory()
        var outcomes = (loaded: 0, refused: 0)
        for index in 0..<Self.count {
            let bytes = generator.mutate(seeds[index % seeds.count])
            let context = "safetensors #\(index)"
            do {
                let archive = try Safetensors.decode(bytes)
                // A success is a consistent archive: it re-encodes and decodes to itself.
                #expect(try Safetensors.decode(Safetensors.encode(archive.tensors, metadata: archive.metadata)) == archive,
                        "\(context)")
                outcomes.loaded += 1
            } catch let error as SafetensorsError {
                Self.expectPlainMessage(error.description, context)
                outcomes.refused += 1
            }
            let model = RegressionModel()
            do {
                try model.loadParameters(from: Safetensors.decode(bytes), path: "corpus.safetensors")
                #expect(model.weight.scalars.allSatisfy(\.isFinite) && model.bias.scalars.allSatisfy(\.isFinite), "\(context)")
            } catch let error as CheckpointError {
                Self.expectPlainMessage(error.description, context)
            } catch let error as SafetensorsError {
                Self.expectPlainMessage(error.description, context)
            }
            if index % Self.processEvery == 0 {
                let path = directory.path("m\(index).safetensors")
                try bytes.write(to: URL(fileURLWithPath: path))
                Self.expectCleanExit(try EmberProcess.run(["linreg", "--load", path, "--epochs", "0", "--log-every", "0",
                                                           "--tolerance", "1e9"]), context)
            }
        }
        // The corpus exercises both outcomes.
        #expect(outcomes.loaded > 10 && outcomes.refused > Self.count / 2, "\(outcomes)")
    }

    @Test func oddCSVFiles() throws {
        var generator = CorpusGenerator(seed: 11)
        let directory = try TemporaryDirectory()
        var outcomes = (parsed: 0, refused: 0)
        for index in 0..<Self.count {
            let file = generator.csv()
            let context = "csv #\(index): \(file.text.debugDescription)"
            do {
                let table = try NumericTable.parse(text: file.text)
                outcomes.parsed += 1
                #expect(!file.mustFail, "\(context) parsed")
                if let expected = file.expected {
                    #expect(table.columns == expected.columns && table.rows == expected.rows, "\(context)")
                }
                do {
                    let data = try table.select(target: table.columns.last!)
                    #expect(data.rowCount == table.rows.count && data.featureCount == table.columns.count - 1, "\(context)")
                } catch let error as NumericTableError {
                    #expect(table.columns.count == 1, "\(context): \(error)")
                    Self.expectPlainMessage(error.description, context)
                }
            } catch let error as NumericTableError {
                outcomes.refused += 1
                #expect(file.expected == nil, "\(context) failed: \(error)")
                Self.expectPlainMessage(error.description, context)
            }
            if index % Self.processEvery == 0 {
                let path = try directory.write("t\(index).csv", file.text)
                let target = (try? NumericTable.parse(text: file.text).columns.last) ?? "y"
                Self.expectCleanExit(try EmberProcess.run(["linreg", "--csv", path, "--target", target, "--epochs", "2",
                                                           "--log-every", "0"]), context)
            }
        }
        #expect(outcomes.parsed > Self.count / 4 && outcomes.refused > Self.count / 10, "\(outcomes)")
    }
}

/// The tutorial's model as `ember linreg` builds it: `weight` [1] and `bias` [1].
private final class RegressionModel: Module<Float> {
    let weight = Parameter(Tensor<Float>.zeros([1]))
    let bias = Parameter(Tensor<Float>.zeros([1]))
}
