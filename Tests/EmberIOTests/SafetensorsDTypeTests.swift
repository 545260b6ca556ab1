import Foundation
import Testing
@testable import EmberIO

/// F16, BF16, F32 and F64 tensors against PyTorch: `Fixtures/make_dtype_fixtures.py` wrote `python_dtypes.safetensors`
/// with the reference writer and, in `python_dtypes.json`, the float32 bit patterns PyTorch's `param.copy_(tensor)`
/// gives for each tensor, and the F16/BF16 bit patterns of `.half()` / `.bfloat16()` of the F32 tensor.
@Suite struct SafetensorsDTypeTests {
    struct Expected: Decodable {
        struct Tensor: Decodable {
            var shape: [Int]
            var float32_bits: [UInt32]
        }
        var half: Tensor
        var brain: Tensor
        var single: Tensor
        var double: Tensor
        var to_f16_bits: [UInt16]
        var to_bf16_bits: [UInt16]
    }

    let archive: SafetensorsArchive
    let expected: Expected

    init() throws {
        archive = try Safetensors.read(path: try SafetensorsTests.fixture("python_dtypes").path)
        let json = try #require(Bundle.module.url(forResource: "python_dtypes", withExtension: "json", subdirectory: "Fixtures"))
        expected = try JSONDecoder().decode(Expected.self, from: Data(contentsOf: json))
    }

    @Test func everyDTypeReadsAsPyTorchConvertsItToFloat32() throws {
        for (name, dtype, tensor) in [("half", SafetensorsDType.f16, expected.half), ("brain", .bf16, expected.brain),
                                      ("single", .f32, expected.single), ("double", .f64, expected.double)] {
            let entry = try #require(archive.tensors[name])
            #expect(entry.dtype == dtype && entry.shape == tensor.shape, "\(name)")
            #expect(entry.values(as: Float.self).map(\.bitPattern) == tensor.float32_bits, "\(name)")
        }
        // F16 and BF16 widen to Double exactly: the Double values are the Float ones.
        #expect(archive.tensors["half"]?.values(as: Double.self) == archive.tensors["half"]?.values(as: Float.self).map(Double.init))
    }

    @Test func writingF16AndBF16RoundsAsPyTorch() throws {
        let single = try #require(archive.tensors["single"]).values(as: Float.self)
        for (dtype, bits) in [(SafetensorsDType.f16, expected.to_f16_bits), (.bf16, expected.to_bf16_bits)] {
            // PyTorch overflows to infinity where Ember refuses; compare the values PyTorch keeps finite.
            let finite = single.indices.filter { bits[$0] & 0x7FFF < (dtype == .f16 ? 0x7C00 : 0x7F80) }
            let entry = try SafetensorsEntry(shape: [finite.count], values: finite.map { single[$0] }, dtype: dtype)
            let written = entry.data.withUnsafeBytes { raw in
                (0..<finite.count).map { UInt16(littleEndian: raw.loadUnaligned(fromByteOffset: 2 * $0, as: UInt16.self)) }
            }
            #expect(written == finite.map { bits[$0] }, "\(dtype)")
        }
        #expect(throws: SafetensorsError.valueOutOfRange(dtype: .f16, value: Double(Float(-1.5e38)))) {
            try SafetensorsEntry(shape: [1], values: [-1.5e38] as [Float], dtype: .f16)
        }
    }

    @Test func theEncoderWritesTheReferenceBytes() throws {
        let python = try Data(contentsOf: try SafetensorsTests.fixture("python_dtypes"))
        #expect(try Safetensors.encode(archive.tensors) == python)
    }

    @Test func bfloat16RoundingHandlesTiesAndNaN() {
        #expect(SafetensorsDType.bfloat16Bits(Float(bitPattern: 0x3F80_8000)) == 0x3F80, "a tie rounds to even")
        #expect(SafetensorsDType.bfloat16Bits(Float(bitPattern: 0x3F81_8000)) == 0x3F82, "a tie rounds to even")
        #expect(SafetensorsDType.bfloat16Bits(Float(bitPattern: 0x3F80_8001)) == 0x3F81)
        #expect(SafetensorsDType.bfloat16Bits(-.nan) & 0xFFC0 == 0xFFC0, "NaN stays a negative quiet NaN")
        #expect(SafetensorsDType.bfloat16Bits(.infinity) == 0x7F80)
    }
}
