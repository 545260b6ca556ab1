import Foundation
import Testing
import EmberIO

@Suite struct SafetensorsCorruptionTests {
    let valid: Data
    let dataStart: Int

    init() throws {
        valid = try Safetensors.encode(try SafetensorsTests.fixtureTensors())
        dataStart = 8 + Int(valid[0])
    }

    func error(_ bytes: Data) -> SafetensorsError? {
        do {
            _ = try Safetensors.decode(bytes)
            return nil
        } catch {
            return error as? SafetensorsError
        }
    }

    /// A file whose header is `json` (padded) followed by `data`.
    func file(_ json: String, data: Int = 0) -> Data {
        var header = Data(json.utf8)
        header.append(contentsOf: repeatElement(UInt8(ascii: " "), count: (8 - header.count % 8) % 8))
        return withUnsafeBytes(of: UInt64(header.count).littleEndian) { Data($0) } + header
            + Data(repeating: 0, count: data)
    }

    @Test func truncatedBeforeTheHeaderLength() {
        for length in [0, 1, 7] {
            #expect(error(valid.prefix(length)) == .truncated(byteCount: length))
        }
        #expect(error(Data([1, 2, 3]))?.description
                == "truncated safetensors data: 3 bytes, fewer than the 8-byte header length")
    }

    @Test func truncatedInsideTheHeader() {
        let headerLength = UInt64(dataStart - 8)
        for length in [8, 20, dataStart - 1] {
            #expect(error(valid.prefix(length))
                    == .headerLengthExceedsData(headerLength: headerLength, available: length - 8))
        }
    }

    @Test func truncatedInsideTheData() {
        #expect(error(valid.prefix(dataStart + 10))
                == .offsetsOutOfRange(tensor: "layers.0.weight", begin: 0, end: 32, dataLength: 10))
        #expect(error(valid.prefix(valid.count - 1))
                == .offsetsOutOfRange(tensor: "weight", begin: 36, end: 60, dataLength: 59))
        #expect(error(valid.prefix(dataStart))
                == .offsetsOutOfRange(tensor: "layers.0.weight", begin: 0, end: 32, dataLength: 0))
    }

    @Test func trailingBytesAreNotCovered() {
        #expect(error(valid + Data([0])) == .uncoveredBytes(begin: 60, end: 61))
    }

    @Test func corruptHeaderLength() {
        var huge = valid
        huge.replaceSubrange(0..<8, with: [0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF])
        #expect(error(huge) == .headerTooLarge(length: UInt64.max))
        var tooLong = valid
        tooLong[1] = 0x10
        let length = UInt64(valid[0]) + 0x1000
        #expect(error(tooLong) == .headerLengthExceedsData(headerLength: length, available: valid.count - 8))
        var tooShort = valid
        tooShort[0] = 16
        if case .invalidJSON? = error(tooShort) {} else { Issue.record("a cut header should be invalid JSON") }
    }

    @Test func invalidJSON() {
        for json in [#"{"a":"#, "[1, 2]", "not json", "\"text\""] {
            if case .invalidJSON? = error(file(json)) {} else { Issue.record("\(json) should be invalid JSON") }
        }
        var badUTF8 = file("{\"a\":1}")
        badUTF8[10] = 0xFF
        #expect(error(badUTF8) == .invalidJSON(reason: "not UTF-8"))
        #expect(error(file("[1, 2]"))?.description == "the header is not valid JSON: it is not a JSON object")
    }

    @Test func malformedEntries() {
        let cases: [(String, String)] = [
            (#"{"a":{"shape":[1],"data_offsets":[0,4]}}"#, "'dtype' is missing or not a string"),
            (#"{"a":{"dtype":"F32","shape":[1.5],"data_offsets":[0,4]}}"#, "'shape' is missing or not a list of integers"),
            (#"{"a":{"dtype":"F32","shape":[true],"data_offsets":[0,4]}}"#, "'shape' is missing or not a list of integers"),
            (#"{"a":{"dtype":"F32","shape":[1],"data_offsets":[0,4,8]}}"#, "'data_offsets' is missing or not two integers"),
            (#"{"a":[1]}"#, "expected an object"),
        ]
        for (json, reason) in cases {
            #expect(error(file(json, data: 4)) == .malformedEntry(name: "a", reason: reason))
        }
        #expect(error(file(#"{"__metadata__":{"k":1}}"#))
                == .malformedEntry(name: "__metadata__", reason: "expected an object of strings"))
    }

    @Test func unsupportedOrUnknownDType() {
        let i32 = file(#"{"count":{"dtype":"I32","shape":[1],"data_offsets":[0,4]}}"#, data: 4)
        #expect(error(i32) == .unsupportedDType(tensor: "count", dtype: "I32"))
        #expect(error(i32)?.description == "tensor 'count' has unsupported dtype 'I32'; Ember reads F16, BF16, F32 and F64")
        let bogus = file(#"{"x":{"dtype":"Q7","shape":[1],"data_offsets":[0,4]}}"#, data: 4)
        #expect(error(bogus) == .unsupportedDType(tensor: "x", dtype: "Q7"))
    }

    @Test func negativeShape() {
        let json = #"{"a":{"dtype":"F32","shape":[-1],"data_offsets":[0,4]}}"#
        #expect(error(file(json, data: 4)) == .invalidShape(tensor: "a", shape: [-1]))
    }

    @Test func badOffsets() {
        let overlap = #"{"a":{"dtype":"F32","shape":[2],"data_offsets":[0,8]},"b":{"dtype":"F32","shape":[2],"data_offsets":[4,12]}}"#
        #expect(error(file(overlap, data: 12)) == .overlappingOffsets(tensor: "b", other: "a"))
        let gap = #"{"a":{"dtype":"F32","shape":[2],"data_offsets":[0,8]},"b":{"dtype":"F32","shape":[2],"data_offsets":[12,20]}}"#
        #expect(error(file(gap, data: 20)) == .uncoveredBytes(begin: 8, end: 12))
        let reversed = #"{"a":{"dtype":"F32","shape":[1],"data_offsets":[4,0]}}"#
        #expect(error(file(reversed, data: 4)) == .offsetsOutOfRange(tensor: "a", begin: 4, end: 0, dataLength: 4))
        let beyond = #"{"a":{"dtype":"F32","shape":[1],"data_offsets":[0,400]}}"#
        #expect(error(file(beyond, data: 4)) == .offsetsOutOfRange(tensor: "a", begin: 0, end: 400, dataLength: 4))
    }

    @Test func offsetsDisagreeWithShapeAndDType() {
        let json = #"{"a":{"dtype":"F64","shape":[3],"data_offsets":[0,12]}}"#
        #expect(error(file(json, data: 12)) == .sizeMismatch(tensor: "a", dtype: .f64, shape: [3], expected: 24, actual: 12))
        #expect(error(file(json, data: 12))?.description
                == "tensor 'a' (F64, shape [3]) needs 24 bytes but its offsets span 12")
    }
}
