import Foundation
import Testing
@testable import EmberIO

@Suite struct SafetensorsTests {
    /// The tensors `Fixtures/make_fixtures.py` writes.
    static func fixtureTensors() throws -> [String: SafetensorsEntry] {
        [
            "weight": try SafetensorsEntry(shape: [2, 3], values: [1.5, -2.0, 0.25, 3.0, 4.0, -0.5] as [Float]),
            "bias": try SafetensorsEntry(shape: [1], values: [0.125] as [Float]),
            "layers.0.weight": try SafetensorsEntry(shape: [2, 2], values: [1.0, 2.0, 3.0, 4.0].map { $0 / 3.0 }),
        ]
    }

    static func fixture(_ name: String) throws -> URL {
        try #require(Bundle.module.url(forResource: name, withExtension: "safetensors", subdirectory: "Fixtures"))
    }

    @Test func readsThePythonFixture() throws {
        let archive = try Safetensors.read(path: try Self.fixture("python_linear").path)
        #expect(archive.tensors.keys.sorted() == ["bias", "layers.0.weight", "weight"])
        #expect(archive.metadata.isEmpty)
        let weight = try #require(archive.tensors["weight"])
        #expect(weight.dtype == .f32)
        #expect(weight.shape == [2, 3])
        #expect(weight.values(as: Float.self) == [1.5, -2.0, 0.25, 3.0, 4.0, -0.5])
        let bias = try #require(archive.tensors["bias"])
        #expect(bias.dtype == .f32 && bias.shape == [1] && bias.values(as: Float.self) == [0.125])
        let layer = try #require(archive.tensors["layers.0.weight"])
        #expect(layer.dtype == .f64 && layer.shape == [2, 2])
        #expect(layer.values(as: Double.self) == [1.0 / 3.0, 2.0 / 3.0, 1.0, 4.0 / 3.0])
    }

    @Test func readsThePythonMetadata() throws {
        let archive = try Safetensors.read(path: try Self.fixture("python_linear_metadata").path)
        #expect(archive.metadata == ["format": "np"])
        #expect(archive.tensors == (try Self.fixtureTensors()))
    }

    @Test func encodesTheSameBytesAsPython() throws {
        let python = try Data(contentsOf: try Self.fixture("python_linear"))
        #expect(try Safetensors.encode(try Self.fixtureTensors()) == python)
        let pythonWithMetadata = try Data(contentsOf: try Self.fixture("python_linear_metadata"))
        #expect(try Safetensors.encode(try Self.fixtureTensors(), metadata: ["format": "np"]) == pythonWithMetadata)
    }

    @Test func writesTheSameFileAsPythonAndNoTemporaryFile() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("EmberIOTests-\(UUID())")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let path = directory.appendingPathComponent("model.safetensors").path
        try Safetensors.write(try Self.fixtureTensors(), to: path)
        #expect(try Data(contentsOf: URL(fileURLWithPath: path)) == Data(contentsOf: try Self.fixture("python_linear")))
        #expect(try FileManager.default.contentsOfDirectory(atPath: directory.path) == ["model.safetensors"])
    }

    @Test func writeIntoAMissingDirectoryFailsCleanly() throws {
        let path = "/nonexistent-\(UUID())/model.safetensors"
        let directory = (path as NSString).deletingLastPathComponent
        #expect(throws: SafetensorsError.cannotWrite(path: path, reason: "its directory '\(directory)' does not exist")) {
            try Safetensors.write(try Self.fixtureTensors(), to: path)
        }
    }

    @Test func missingFile() {
        #expect(throws: SafetensorsError.fileNotFound(path: "/nonexistent/model.safetensors")) {
            try Safetensors.read(path: "/nonexistent/model.safetensors")
        }
    }

    @Test func roundTripsEveryShapeAndMetadata() throws {
        let tensors: [String: SafetensorsEntry] = [
            "scalar": try SafetensorsEntry(shape: [], values: [Float.pi]),
            "empty": try SafetensorsEntry(shape: [0, 3], values: [Double]()),
            "cube": try SafetensorsEntry(shape: [2, 2, 2], values: (0..<8).map { Double($0) * -0.1 }),
            "odd \"name\"\n/é": try SafetensorsEntry(shape: [3], values: [Float.greatestFiniteMagnitude, -0, .ulpOfOne]),
        ]
        let metadata = ["b": "two", "a": "one \"quoted\"\ttab\u{1}", "ü": "/"]
        let archive = try Safetensors.decode(try Safetensors.encode(tensors, metadata: metadata))
        #expect(archive == SafetensorsArchive(tensors: tensors, metadata: metadata))
        #expect(archive.tensors["scalar"]?.elementCount == 1)
        #expect(archive.tensors["empty"]?.data.isEmpty == true)
    }

    @Test func emptyArchiveMatchesTheReference() throws {
        #expect(try Safetensors.encode([:]) == Data([8, 0, 0, 0, 0, 0, 0, 0]) + Data("{}      ".utf8))
        #expect(try Safetensors.decode(try Safetensors.encode([:])).tensors.isEmpty)
    }

    @Test func headerIsPaddedToAMultipleOfEight() throws {
        for length in 1...9 {
            let name = String(repeating: "w", count: length)
            let bytes = try Safetensors.encode([name: try SafetensorsEntry(shape: [1], values: [Float(1)])])
            let headerLength = Int(bytes[0]) + Int(bytes[1]) << 8
            #expect(headerLength % 8 == 0)
            #expect(bytes.count == 8 + headerLength + 4)
            #expect(bytes[8 + headerLength - 1] == UInt8(ascii: " ") || bytes[8 + headerLength - 1] == UInt8(ascii: "}"))
        }
    }

    @Test func escapesStringsLikeSerdeJSON() {
        #expect(SafetensorsHeader.quoted("a\"b\\c\nd\u{1}é/\u{7F}") == #""a\"b\\c\nd\u0001é/\#u{7F}""#)
        #expect(SafetensorsHeader.quoted("\u{8}\u{C}\r\t\u{1F}") == #""\b\f\r\t\u001f""#)
    }

    @Test func convertsBetweenPrecisions() throws {
        let single = try SafetensorsEntry(shape: [2], values: [Float(0.1), 3])
        #expect(single.values(as: Double.self) == [Double(Float(0.1)), 3])
        let double = try SafetensorsEntry(shape: [1], values: [0.1])
        #expect(double.dtype == .f64)
        #expect(double.values(as: Float.self) == [Float(0.1)])
    }

    @Test func entryRejectsValuesThatDoNotFitTheShape() {
        #expect(throws: SafetensorsError.dataSizeMismatch(dtype: .f32, shape: [2, 3], expected: 24, given: 20)) {
            try SafetensorsEntry(shape: [2, 3], values: [Float](repeating: 0, count: 5))
        }
        #expect(throws: SafetensorsError.invalidShape(tensor: "", shape: [-1, 2])) {
            try SafetensorsEntry(dtype: .f64, shape: [-1, 2], data: Data())
        }
    }

    @Test func metadataIsAReservedName() {
        #expect(throws: SafetensorsError.reservedName) {
            try Safetensors.encode(["__metadata__": try SafetensorsEntry(shape: [1], values: [1.0])])
        }
    }
}
