import Ember
import Foundation
import Testing

/// `Module.saveParameters(to:)` and `loadParameters(from:)`: safetensors checkpoints of a module's parameters.
@Suite struct CheckpointTests {
    static func temporaryPath(_ name: String) -> String {
        FileManager.default.temporaryDirectory.appendingPathComponent("ember-checkpoint-\(UUID().uuidString)-\(name)").path
    }

    static func mlp(seed: UInt64) -> Sequential<Float> {
        manualSeed(seed)
        return Sequential<Float>(Linear(1, 4), Tanh(), Linear(4, 4), Tanh(), Linear(4, 1))
    }

    @Test func roundTripRestoresEveryParameterExactly() throws {
        let path = Self.temporaryPath("mlp.safetensors")
        defer { try? FileManager.default.removeItem(atPath: path) }
        let saved = Self.mlp(seed: 1)
        try saved.saveParameters(to: path, metadata: ["epochs": "10"])
        let restored = Self.mlp(seed: 2)
        #expect(restored.parameters()[0].scalars != saved.parameters()[0].scalars, "different initial parameters")
        let metadata = try restored.loadParameters(from: path)
        #expect(metadata == ["epochs": "10"])
        for ((name, a), (otherName, b)) in zip(saved.namedParameters(), restored.namedParameters()) {
            #expect(name == otherName)
            #expect(a.scalars == b.scalars, "\(name)")
        }
        let x = Tensor<Float>([[0.1], [0.7]])
        #expect(saved(x).scalars == restored(x).scalars)
    }

    @Test func fileIsPythonCompatibleFloat32WithDottedNames() throws {
        let path = Self.temporaryPath("linear.safetensors")
        defer { try? FileManager.default.removeItem(atPath: path) }
        let model = Self.mlp(seed: 3)
        try model.saveParameters(to: path)
        let archive = try Safetensors.read(path: path)
        #expect(Set(archive.tensors.keys) == ["0.weight", "0.bias", "2.weight", "2.bias", "4.weight", "4.bias"])
        #expect(archive.tensors.values.allSatisfy { $0.dtype == .f32 })
        #expect(archive.tensors["2.weight"]?.shape == [4, 4])
        #expect(archive.tensors["4.bias"]?.values(as: Float.self) == model.stateDict()["4.bias"]?.scalars)
        // Byte-identical to what the encoder (itself checked against the Python reference) makes of the same tensors.
        #expect(try Data(contentsOf: URL(fileURLWithPath: path)) == Safetensors.encode(model.parameterEntries()))
    }

    @Test func everyMismatchIsListedAndNothingIsChanged() throws {
        let path = Self.temporaryPath("other.safetensors")
        defer { try? FileManager.default.removeItem(atPath: path) }
        // Linear(3, 2) without bias, plus an extra tensor; loaded into Linear(2, 2) with bias.
        manualSeed(4)
        let other = Linear<Float>(3, 2, bias: false)
        var entries = other.parameterEntries()
        entries["scale"] = try SafetensorsEntry(shape: [2], values: [1, 2] as [Float])
        try Safetensors.write(entries, to: path)
        let model = Linear<Float>(2, 2)
        let before = model.parameters().map(\.scalars)
        let error = try #require(throws: CheckpointError.self) { try model.loadParameters(from: path) }
        #expect(error == .mismatch(path: path, mismatches: [
            .missing(name: "bias", shape: [2]), .unexpected(name: "scale", shape: [2]),
            .shape(name: "weight", expected: [2, 2], found: [2, 3]),
        ]))
        #expect(error.description.contains("3 mismatches"))
        #expect(model.parameters().map(\.scalars) == before)
    }

    @Test func doublePrecisionFileLoadsConvertedIntoAFloatModel() throws {
        let path = Self.temporaryPath("double.safetensors")
        defer { try? FileManager.default.removeItem(atPath: path) }
        manualSeed(5)
        let double = Linear<Double>(2, 1)
        double.weight.withUnsafeMutableBufferPointer { $0[0] = 1.0 / 3.0; $0[1] = 1e-300 }
        try double.saveParameters(to: path)
        #expect(try Safetensors.read(path: path).tensors["weight"]?.dtype == .f64)
        // Converted as PyTorch's `param.copy_(tensor)` converts: rounded to the nearest Float.
        let single = Linear<Float>(2, 1)
        try single.loadParameters(from: path)
        #expect(single.weight.scalars == [Float(1.0 / 3.0), 0])
        #expect(single.bias?.scalars == double.bias?.scalars.map(Float.init))
        // The same file loads into a Double model exactly.
        let again = Linear<Double>(2, 1)
        try again.loadParameters(from: path)
        #expect(again.weight.scalars == double.weight.scalars)
    }

    @Test func truncatedCorruptAndMissingFilesAreUnreadable() throws {
        let path = Self.temporaryPath("model.safetensors")
        defer { try? FileManager.default.removeItem(atPath: path) }
        let model = Self.mlp(seed: 6)
        try model.saveParameters(to: path)
        let bytes = try Data(contentsOf: URL(fileURLWithPath: path))
        for broken in [bytes.prefix(bytes.count - 1), bytes.prefix(20), bytes.prefix(3), Data(repeating: 0xFF, count: 64)] {
            try broken.write(to: URL(fileURLWithPath: path))
            let error = try #require(throws: CheckpointError.self) { try model.loadParameters(from: path) }
            guard case .unreadable(path, _) = error else {
                Issue.record("expected unreadable, got \(error)")
                continue
            }
            #expect(error.description.contains("not a valid safetensors checkpoint"), "\(error)")
        }
        try FileManager.default.removeItem(atPath: path)
        let missing = try #require(throws: CheckpointError.self) { try model.loadParameters(from: path) }
        #expect(missing == .unreadable(path: path, reason: .fileNotFound(path: path)))
        #expect(missing.description == "no checkpoint at '\(path)'")
    }

    @Test func savingIntoAMissingDirectoryFailsAndLeavesNothing() throws {
        let directory = Self.temporaryPath("absent")
        let error = try #require(throws: CheckpointError.self) {
            try Self.mlp(seed: 7).saveParameters(to: directory + "/model.safetensors")
        }
        guard case .unwritable = error else { Issue.record("expected unwritable, got \(error)"); return }
        #expect(!FileManager.default.fileExists(atPath: directory))
    }
}
