import Foundation
import Testing
import EmberIO

/// Issue 9, item 8: names taken from files reach error messages escaped and bounded, so an error is one line of
/// plain text whatever the file holds.
@Suite struct OneLineMessageTests {
    func description(_ body: () throws -> Void) -> String? {
        do {
            try body()
            return nil
        } catch {
            return "\(error)"
        }
    }

    /// One line, no control character of any kind, no terminal escape.
    func expectPlainLine(_ message: String?, maximumLength: Int = 400, sourceLocation: SourceLocation = #_sourceLocation) {
        guard let message else {
            Issue.record("expected an error", sourceLocation: sourceLocation)
            return
        }
        #expect(!message.unicodeScalars.contains { $0.value < 0x20 || (0x7F...0x9F).contains($0.value) },
                "\(message.debugDescription)", sourceLocation: sourceLocation)
        #expect(message.count <= maximumLength, "\(message.count) characters", sourceLocation: sourceLocation)
    }

    @Test func escapingWritesControlCharactersAsSwiftEscapes() {
        #expect(MessageText.escaped("plain 'text' é ✓") == "plain 'text' é ✓")
        #expect(MessageText.escaped("a\nb\r\tc\0") == #"a\nb\r\tc\0"#)
        #expect(MessageText.escaped("\u{1B}[31mred\u{7F}\u{85}\u{2028}\u{202E}") == #"\u{1B}[31mred\u{7F}\u{85}\u{2028}\u{202E}"#)
    }

    @Test func longNamesAreCutAndListsBounded() {
        let long = String(repeating: "n", count: 1000)
        #expect(MessageText.quoted(long) == "'" + String(repeating: "n", count: 80) + "…' (920 more characters)")
        #expect(MessageText.list((1...12).map { "c\($0)" })
                == "'c1', 'c2', 'c3', 'c4', 'c5', 'c6', 'c7', 'c8', 'c9', 'c10' and 2 more")
    }

    @Test func aNewlineOrEscapeInAHeaderStaysInsideTheMessage() throws {
        let table = try NumericTable.parse(text: "\"a\nb\",\"\u{1B}[2Jy\"\n1,2\n")
        #expect(table.columns == ["a\nb", "\u{1B}[2Jy"])
        let message = description { _ = try table.select(target: "z") }
        expectPlainLine(message)
        #expect(message == #"no column named 'z'; the columns are 'a\nb', '\u{1B}[2Jy'"#)
        expectPlainLine(description { _ = try NumericTable.parse(text: "\"x\ry\",\"x\ry\"\n1,2\n") })
    }

    @Test func anUnterminatedQuoteInTheHeaderDoesNotPrintTheFile() {
        let rows = (0..<2000).map { "\($0),\($0 * 2)" }.joined(separator: "\n")
        expectPlainLine(description { _ = try NumericTable.parse(text: "\"x,y\n" + rows + "\n") })
    }

    @Test func anUnterminatedQuoteInACellIsCut() {
        let rows = (0..<2000).map { "\($0),\($0 * 2)" }.joined(separator: "\n")
        expectPlainLine(description { _ = try NumericTable.parse(text: "x,y\n1,\"2\n" + rows + "\n") })
    }

    @Test func aWideTableListsAFewColumns() throws {
        let columns = (0..<100_000).map { "c\($0)" }
        let table = try NumericTable(columns: columns, rows: [[Double](repeating: 1, count: columns.count)])
        let message = description { _ = try table.select(target: "missing") }
        expectPlainLine(message)
        #expect(message?.hasSuffix("'c9' and 99990 more") == true)
    }

    @Test func tensorNamesAreEscaped() throws {
        let json = "{\"w\\n\\u001b[31m\":{\"dtype\":\"Q7\",\"shape\":[1],\"data_offsets\":[0,4]}}"
        var header = Data(json.utf8)
        while header.count % 8 != 0 { header.append(0x20) }
        let file = withUnsafeBytes(of: UInt64(header.count).littleEndian) { Data($0) } + header + Data(count: 4)
        let message = description { _ = try Safetensors.decode(file) }
        expectPlainLine(message)
        #expect(message?.contains(#"'w\n\u{1B}[31m'"#) == true, "\(message ?? "")")
    }
}
