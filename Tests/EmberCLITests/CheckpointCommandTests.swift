import Foundation
import Testing

/// `--save` and `--load`: round trips, mismatches listed one by one, truncated and corrupt files.
@Suite(.serialized) struct CheckpointCommandTests {
    static func csv(in directory: TemporaryDirectory, columns: [String] = ["a", "b", "c", "y"]) throws -> String {
        let rows = CSVRegressionTests.linearRows(count: 300, seed: 21).map { row in
            Array(row.prefix(columns.count - 1)) + [row[3]]
        }
        return try directory.write("data.csv", csvText(columns: columns, rows: rows))
    }

    @Test func savedCSVModelLoadsBackToTheSameCoefficients() throws {
        let directory = try TemporaryDirectory()
        let csv = try Self.csv(in: directory), model = directory.path("model.safetensors")
        let trained = try EmberProcess.run(["linreg", "--csv", csv, "--target", "y", "--epochs", "30", "--log-every", "0",
                                            "--json", "--save", model])
        #expect(trained.status == 0, "\(trained.stderr)")
        #expect(FileManager.default.fileExists(atPath: model))
        let loaded = try EmberProcess.run(["linreg", "--csv", csv, "--target", "y", "--epochs", "0", "--log-every", "0",
                                           "--json", "--load", model])
        #expect(loaded.status == 0, "\(loaded.stderr)")
        let saved = try #require(trained.json), restored = try #require(loaded.json)
        let savedWeight = try #require(saved.doubles("weight")), restoredWeight = try #require(restored.doubles("weight"))
        #expect(savedWeight.count == 3 && restoredWeight.count == 3)
        // The file holds Float32 values, so the round trip is exact to Float precision.
        for (a, b) in zip(savedWeight + [saved["bias"] as? Double ?? .nan], restoredWeight + [restored["bias"] as? Double ?? .nan]) {
            #expect(abs(a - b) <= 1e-6 * max(1, abs(a)), "saved \(a), loaded \(b)")
        }
        #expect(restored["epochs"] as? Int == 0)
        let savedMSE = saved.object("validation")?["mse"] as? Double, restoredMSE = restored.object("validation")?["mse"] as? Double
        #expect(abs((savedMSE ?? 0) - (restoredMSE ?? 1)) <= 1e-5 * (savedMSE ?? 1))

        // Training on from the checkpoint starts where the saved run ended, not from scratch.
        let resumed = try EmberProcess.run(["linreg", "--csv", csv, "--target", "y", "--epochs", "1", "--log-every", "1",
                                            "--load", model])
        let firstLoss = try #require(resumed.stdout.split(separator: "\n").first { $0.hasPrefix("Epoch 0, Loss ") })
        let value = try #require(Double(firstLoss.dropFirst("Epoch 0, Loss ".count).prefix { $0 != "," }))
        #expect(value < 2 * (saved["final_loss"] as? Double ?? 0) + 0.1, "\(firstLoss)")
    }

    @Test func tutorialModelRoundTrips() throws {
        let directory = try TemporaryDirectory()
        let model = directory.path("line.safetensors")
        let trained = try EmberProcess.run(["linreg", "--log-every", "0", "--json", "--save", model])
        #expect(trained.status == 0, "\(trained.stderr)")
        let loaded = try EmberProcess.run(["linreg", "--log-every", "0", "--json", "--epochs", "0", "--load", model])
        #expect(loaded.status == 0, "\(loaded.stderr)")
        #expect(trained.json?.doubles("weight") == loaded.json?.doubles("weight"))
        #expect(trained.json?["bias"] as? Double == loaded.json?["bias"] as? Double)
    }

    @Test func aModelOfOtherFeaturesIsRefusedNamingTheShapes() throws {
        let directory = try TemporaryDirectory()
        let model = directory.path("model.safetensors")
        let two = try directory.write("two.csv", csvText(columns: ["a", "y"], rows: [[1, 2], [2, 4.1], [3, 5.9], [4, 8], [5, 10.2]]))
        #expect(try EmberProcess.run(["linreg", "--csv", two, "--target", "y", "--log-every", "0", "--save", model]).status == 0)
        let csv = try Self.csv(in: directory)
        expectOneLineError(try EmberProcess.run(["linreg", "--csv", csv, "--target", "y", "--load", model]),
                           ["--load", "'weight' has shape [1], the model needs [3]"])
        expectOneLineError(try EmberProcess.run(["linreg", "--csv", csv, "--target", "y", "--features", "b", "--load", model]),
                           ["--load", "trained on features a, not b"])
        let same = try EmberProcess.run(["linreg", "--csv", csv, "--target", "y", "--features", "a", "--load", model,
                                         "--epochs", "0", "--log-every", "0"])
        #expect(same.status == 0, "the same single feature loads: \(same.stderr)")
    }

    @Test func everyMismatchIsListed() throws {
        let directory = try TemporaryDirectory()
        // Hand-made: 'w' instead of 'weight', and 'bias' with the wrong shape and dtype.
        let file = directory.path("wrong.safetensors")
        try Self.safetensors([("w", "F32", [3], 12), ("bias", "F64", [2], 16)]).write(to: URL(fileURLWithPath: file))
        let result = try EmberProcess.run(["linreg", "--csv", try Self.csv(in: directory), "--target", "y", "--load", file])
        // F64 converts to the model's F32 (as load_state_dict copies), so only names and shapes mismatch.
        expectOneLineError(result, ["3 mismatches", "missing 'weight' (shape [3])", "unexpected 'w' (shape [3])",
                                    "'bias' has shape [2], the model needs [1]"])
    }

    @Test(arguments: ["truncated", "garbage", "empty", "missing"])
    func brokenFilesAreClearErrors(kind: String) throws {
        let directory = try TemporaryDirectory()
        let csv = try Self.csv(in: directory), model = directory.path("model.safetensors")
        #expect(try EmberProcess.run(["linreg", "--csv", csv, "--target", "y", "--log-every", "0", "--epochs", "5",
                                      "--save", model]).status == 0)
        let bytes = try Data(contentsOf: URL(fileURLWithPath: model))
        switch kind {
        case "truncated": try bytes.prefix(bytes.count - 6).write(to: URL(fileURLWithPath: model))
        case "garbage": try Data((0..<200).map { UInt8(truncatingIfNeeded: $0 &* 37) }).write(to: URL(fileURLWithPath: model))
        case "empty": try Data().write(to: URL(fileURLWithPath: model))
        default: try FileManager.default.removeItem(atPath: model)
        }
        let result = try EmberProcess.run(["linreg", "--csv", csv, "--target", "y", "--load", model])
        expectOneLineError(result, ["--load", kind == "missing" ? "no checkpoint at" : "not a valid safetensors checkpoint"])
    }

    /// A safetensors file with the given tensors (zero-filled data).
    static func safetensors(_ tensors: [(name: String, dtype: String, shape: [Int], bytes: Int)]) -> Data {
        var offset = 0
        let entries = tensors.map { tensor -> String in
            defer { offset += tensor.bytes }
            return "\"\(tensor.name)\":{\"dtype\":\"\(tensor.dtype)\",\"shape\":\(tensor.shape),"
                + "\"data_offsets\":[\(offset),\(offset + tensor.bytes)]}"
        }
        var header = Data(("{" + entries.joined(separator: ",") + "}").utf8)
        while header.count % 8 != 0 { header.append(0x20) }
        var data = Data()
        withUnsafeBytes(of: UInt64(header.count).littleEndian) { data.append(contentsOf: $0) }
        data.append(header)
        data.append(Data(count: offset))
        return data
    }
}
