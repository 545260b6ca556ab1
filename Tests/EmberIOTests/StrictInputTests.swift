import Foundation
import Testing
import EmberIO

/// Issue 9, item 9: input that is almost right is refused, not half-read.
@Suite struct StrictInputTests {
    func tableError(_ text: String) -> NumericTableError? {
        do {
            _ = try NumericTable.parse(text: text)
            return nil
        } catch {
            return error as? NumericTableError
        }
    }

    func headerError(_ header: [UInt8], data: Int = 4) -> SafetensorsError? {
        var padded = header
        while padded.count % 8 != 0 { padded.append(0x20) }
        let bytes = withUnsafeBytes(of: UInt64(padded.count).littleEndian) { Data($0) } + Data(padded)
            + Data(repeating: 0, count: data)
        do {
            _ = try Safetensors.decode(bytes)
            return nil
        } catch {
            return error as? SafetensorsError
        }
    }

    static let entry = #"{"a":{"dtype":"F32","shape":[1],"data_offsets":[0,4]}}"#

    @Test func aNULInsideANumberIsNotANumber() {
        #expect(tableError("x,y\n1,3\0garbage\n") == .nonNumericCell(row: 1, line: 2, column: "y", cell: "3\0garbage"))
        #expect(tableError("x,y\n1,3\0\n") == .nonNumericCell(row: 1, line: 2, column: "y", cell: "3\0"))
    }

    @Test func onlyDecimalNumbersAreNumbers() {
        for cell in ["0x10", "0x1p3", "1_000", "1,5", "--1", "1e", ".", "+", "1.2.3", "½"] {
            let quoted = cell.contains(",") ? "\"\(cell)\"" : cell
            #expect(tableError("x,y\n1,\(quoted)\n") == .nonNumericCell(row: 1, line: 2, column: "y", cell: cell),
                    "\(cell)")
        }
        let table = try? NumericTable.parse(text: "a,b,c,d,e,f\n+1,-2.5,.5,5.,1E3,-1e-3\n")
        #expect(table?.rows == [[1, -2.5, 0.5, 5, 1000, -0.001]])
    }

    @Test func theReferenceHeaderStillLoads() {
        #expect(headerError(Array(Self.entry.utf8)) == nil)
        #expect(headerError(Array("{\"a\" : {\"dtype\" : \"F32\", \"shape\" : [ 1 ], \"data_offsets\" : [0, 4] } }\n".utf8))
                == nil)
    }

    @Test func aByteOrderMarkIsRefused() {
        let error = headerError([0xEF, 0xBB, 0xBF] + Array(Self.entry.utf8))
        #expect(error == .invalidJSON(reason: "it starts with a UTF-8 byte-order mark"))
    }

    @Test func UTF16IsRefused() {
        // Padded with UTF-16 spaces to a multiple of 8 bytes, so that only the encoding is wrong.
        func encoded(_ bom: [UInt8], bigEndian: Bool) -> [UInt8] {
            var text = Self.entry
            while (bom.count + 2 * text.utf16.count) % 8 != 0 { text += " " }
            return bom + text.utf16.flatMap { bigEndian ? [UInt8($0 >> 8), UInt8($0 & 0xFF)] : [UInt8($0 & 0xFF), UInt8($0 >> 8)] }
        }
        for header in [encoded([], bigEndian: false), encoded([0xFF, 0xFE], bigEndian: false),
                       encoded([0xFE, 0xFF], bigEndian: true), encoded([], bigEndian: true)] {
            guard case .invalidJSON? = headerError(header) else {
                Issue.record("a UTF-16 header loaded: \(String(describing: headerError(header)))")
                continue
            }
        }
    }

    @Test func JSONExtensionsAreRefused() {
        let cases = [
            #"{"a":{"dtype":"F32","shape":[1],"data_offsets":[0,4],},}"#: "trailing comma",
            #"{"a":{"dtype":"F32","shape":[1,],"data_offsets":[0,4]}}"#: "trailing comma",
            #"{"a":{"dtype":"F32","shape":[1],"data_offsets":[0,4]}} // comment"#: "unexpected text after",
            #"{'a':{"dtype":"F32","shape":[1],"data_offsets":[0,4]}}"#: "expected a quoted key",
            #"{"a":{"dtype":"F32","shape":[01],"data_offsets":[0,4]}}"#: "expected ',' or ']'",
            #"{"a":{"dtype":"F32","shape":[1],"data_offsets":[0,4]},"a":{"dtype":"F32","shape":[0],"data_offsets":[4,4]}}"#:
                "duplicate key 'a'",
            "{\"a\u{1}\":{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[0,4]}}": "control character",
            #"{"\ud800":{"dtype":"F32","shape":[1],"data_offsets":[0,4]}}"#: "lone surrogate",
            " " + Self.entry: "it does not start with '{'",
        ]
        for (json, reason) in cases {
            let error = headerError(Array(json.utf8))
            guard case let .invalidJSON(message)? = error, message.contains(reason) else {
                Issue.record("\(json): expected invalid JSON (\(reason)), got \(String(describing: error))")
                continue
            }
        }
    }

    @Test func deepNestingIsAnErrorNotACrash() {
        let deep = "{\"__metadata__\":" + String(repeating: "[", count: 100_000) + String(repeating: "]", count: 100_000) + "}"
        guard case let .invalidJSON(reason)? = headerError(Array(deep.utf8), data: 0) else {
            Issue.record("deep nesting was not refused")
            return
        }
        #expect(reason.contains("nesting deeper than"))
    }
}

extension StrictInputTests {
    /// A spreadsheet's UTF-8 byte-order mark is not part of the first column's name (it made `--target x` fail
    /// with "no column named 'x'; the columns are 'x', …", the mark being invisible).
    @Test func aLeadingByteOrderMarkIsSkipped() throws {
        #expect(try NumericTable.parse(text: "\u{FEFF}x,y\n1,2\n").columns == ["x", "y"])
        #expect(MessageText.quoted("\u{FEFF}x") == #"'\u{FEFF}x'"#)
    }
}

extension StrictInputTests {
    /// Reading a device never ends (`/dev/zero`) and a FIFO blocks a checkpoint load: both are refused by name.
    @Test func devicesAndFIFOsAreNotRead() throws {
        #expect(throws: SafetensorsError.unreadableFile(path: "/dev/zero", reason: "it is a character device, not a regular file")) {
            try Safetensors.read(path: "/dev/zero")
        }
        #expect(throws: NumericTableError.unreadableFile(path: "/dev/zero", reason: "it is a character device, not a regular file")) {
            try NumericTable.load(path: "/dev/zero")
        }
        let fifo = FileManager.default.temporaryDirectory.appendingPathComponent("ember-fifo-\(UUID())").path
        #expect(mkfifo(fifo, 0o644) == 0)
        defer { unlink(fifo) }
        #expect(throws: SafetensorsError.unreadableFile(path: fifo, reason: "it is a FIFO, not a regular file")) {
            try Safetensors.read(path: fifo)
        }
    }
}
