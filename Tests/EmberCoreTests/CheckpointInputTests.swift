import Ember
import Foundation
import Testing

/// Issue 9, item 9 at the module level: half-precision checkpoints load converted, other dtypes are named as
/// unsupported (not "corrupt"), and a tensor holding NaN or infinity is named when the checkpoint is loaded.
@Suite struct CheckpointInputTests {
    /// A safetensors file whose tensors carry the given raw bytes.
    static func file(_ tensors: [(name: String, dtype: String, shape: [Int], bytes: [UInt8])]) -> Data {
        var offset = 0
        let entries = tensors.map { tensor -> String in
            defer { offset += tensor.bytes.count }
            return "\"\(tensor.name)\":{\"dtype\":\"\(tensor.dtype)\",\"shape\":\(tensor.shape),"
                + "\"data_offsets\":[\(offset),\(offset + tensor.bytes.count)]}"
        }
        var header = Data(("{" + entries.joined(separator: ",") + "}").utf8)
        while header.count % 8 != 0 { header.append(0x20) }
        var data = withUnsafeBytes(of: UInt64(header.count).littleEndian) { Data($0) }
        data.append(header)
        for tensor in tensors { data.append(contentsOf: tensor.bytes) }
        return data
    }

    static func littleEndian16(_ values: [UInt16]) -> [UInt8] { values.flatMap { [UInt8($0 & 0xFF), UInt8($0 >> 8)] } }
    static func littleEndian32(_ values: [Float]) -> [UInt8] {
        values.flatMap { value in withUnsafeBytes(of: value.bitPattern.littleEndian) { Array($0) } }
    }

    func load(_ data: Data, into model: Module<Float>) throws -> CheckpointError? {
        let path = CheckpointTests.temporaryPath("input.safetensors")
        defer { try? FileManager.default.removeItem(atPath: path) }
        try data.write(to: URL(fileURLWithPath: path))
        do {
            try model.loadParameters(from: path)
            return nil
        } catch {
            return error
        }
    }

    @Test func halfAndBrainFloatTensorsLoadConvertedIntoAFloatModel() throws {
        // F16 1, -2, 65504, 2^-24 (the smallest subnormal); BF16 1, -3.
        let data = Self.file([("weight", "F16", [1, 4], Self.littleEndian16([0x3C00, 0xC000, 0x7BFF, 0x0001])),
                              ("bias", "BF16", [1], Self.littleEndian16([0xC040]))])
        let model = Linear<Float>(4, 1)
        #expect(try load(data, into: model) == nil)
        #expect(model.weight.scalars == [1, -2, 65504, Float(sign: .plus, exponent: -24, significand: 1)])
        #expect(model.bias?.scalars == [-3])
    }

    @Test func anIntegerTensorIsAnUnsupportedDType() throws {
        let data = Self.file([("weight", "I64", [1, 1], [UInt8](repeating: 0, count: 8)),
                              ("bias", "F32", [1], Self.littleEndian32([0]))])
        let error = try #require(try load(data, into: Linear<Float>(1, 1)))
        #expect(error.description.contains("unsupported dtype 'I64'"), "\(error)")
        #expect(error.description.contains("'weight'"), "\(error)")
        #expect(!error.description.contains("corrupt"), "\(error)")
    }

    @Test func nonFiniteValuesAreNamedAtLoad() throws {
        let data = Self.file([("weight", "F32", [1, 3], Self.littleEndian32([1, .nan, .infinity])),
                              ("bias", "F32", [1], Self.littleEndian32([0]))])
        let model = Linear<Float>(3, 1)
        let before = model.weight.scalars
        let error = try #require(try load(data, into: model))
        #expect(error.description.contains("'weight'") && error.description.contains("2 values that are NaN or infinite"),
                "\(error)")
        #expect(model.weight.scalars == before, "nothing is loaded")
    }

    @Test func aHalfPrecisionOverflowIsNamedToo() throws {
        // F16 infinity (0x7C00) is as unusable as an F32 one.
        let data = Self.file([("weight", "F16", [1, 1], Self.littleEndian16([0x7C00])),
                              ("bias", "F32", [1], Self.littleEndian32([0]))])
        let error = try #require(try load(data, into: Linear<Float>(1, 1)))
        #expect(error.description.contains("'weight'") && error.description.contains("NaN or infinite"), "\(error)")
    }
}
