import Ember
import Foundation
import Testing

/// `loadParameters(from:strict:)` (issue 12, item 5): `strict: false` loads what matches and lists the rest, like
/// `load_state_dict(strict=False)`; `saveParameters(to:dtype:)` writes another dtype.
@Suite struct CheckpointOptionsTests {
    @Test func nonStrictLoadingListsMissingAndUnexpectedNames() throws {
        let path = CheckpointTests.temporaryPath("partial.safetensors")
        defer { try? FileManager.default.removeItem(atPath: path) }
        manualSeed(11)
        let source = Linear<Float>(2, 3, bias: false)
        var entries = source.parameterEntries()
        entries["head.weight"] = try SafetensorsEntry(shape: [1], values: [5] as [Float])
        entries["extra"] = try SafetensorsEntry(shape: [2], values: [1, 2] as [Float])
        try Safetensors.write(entries, to: path, metadata: ["note": "backbone"])

        let model = Linear<Float>(2, 3)
        let bias = try #require(model.bias).scalars
        #expect(throws: CheckpointError.self) { try model.loadParameters(from: path) }
        let loaded = try model.loadParameters(from: path, strict: false)
        #expect(loaded.missingKeys == ["bias"])
        #expect(loaded.unexpectedKeys == ["extra", "head.weight"])
        #expect(loaded.metadata == ["note": "backbone"])
        #expect(model.weight.scalars == source.weight.scalars, "the matching tensor is loaded")
        #expect(model.bias?.scalars == bias, "the missing one keeps its value")
    }

    @Test func nonStrictLoadingStillRefusesAShapeMismatch() throws {
        let path = CheckpointTests.temporaryPath("shape.safetensors")
        defer { try? FileManager.default.removeItem(atPath: path) }
        try Linear<Float>(3, 1).saveParameters(to: path)
        let model = Linear<Float>(2, 1)
        let before = model.weight.scalars
        let error = try #require(throws: CheckpointError.self) { try model.loadParameters(from: path, strict: false) }
        #expect(error == .mismatch(path: path, mismatches: [.shape(name: "weight", expected: [1, 2], found: [1, 3])]))
        #expect(model.weight.scalars == before)
    }

    @Test(arguments: [SafetensorsDType.f16, .bf16, .f32, .f64])
    func savingInAnotherDTypeRoundTrips(dtype: SafetensorsDType) throws {
        let path = CheckpointTests.temporaryPath("typed.safetensors")
        defer { try? FileManager.default.removeItem(atPath: path) }
        let model = Linear<Float>(4, 1)
        model.weight.withUnsafeMutableBufferPointer { _ = $0.update(fromContentsOf: [1, -0.5, 0.1, 300] as [Float]) }
        try model.saveParameters(to: path, dtype: dtype)
        let archive = try Safetensors.read(path: path)
        #expect(archive.tensors.values.allSatisfy { $0.dtype == dtype })
        let restored = Linear<Float>(4, 1)
        try restored.loadParameters(from: path)
        let expected: [Float] = switch dtype {
        case .f16: [1, -0.5, 0.099975586, 300]          // PyTorch: torch.tensor([0.1]).half().float() == 0.0999755859375
        case .bf16: [1, -0.5, 0.10009765625, 300]       // torch.tensor([0.1]).bfloat16().float() == 0.10009765625
        case .f32, .f64: [1, -0.5, 0.1, 300]
        }
        #expect(restored.weight.scalars == expected)
        let double = Linear<Double>(4, 1)
        try double.loadParameters(from: path)
        #expect(double.weight.scalars == expected.map(Double.init), "F32 to F64 is exact")
    }

    @Test func aValueBeyondTheDTypeIsNamedInsteadOfSavedAsInfinity() throws {
        let path = CheckpointTests.temporaryPath("overflow.safetensors")
        defer { try? FileManager.default.removeItem(atPath: path) }
        let model = Linear<Float>(1, 1)
        model.weight.withUnsafeMutableBufferPointer { $0[0] = 70_000 }
        let error = try #require(throws: CheckpointError.self) { try model.saveParameters(to: path, dtype: .f16) }
        #expect(error == .notRepresentable(name: "weight", dtype: .f16, value: 70_000))
        #expect(!FileManager.default.fileExists(atPath: path))
        try model.saveParameters(to: path, dtype: .bf16)
    }
}
