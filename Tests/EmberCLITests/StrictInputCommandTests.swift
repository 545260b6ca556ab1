import Foundation
import Testing

/// Issue 9, items 8 and 9 through the tool: one plain line whatever the file holds; almost-numbers refused.
@Suite(.serialized) struct StrictInputCommandTests {
    func expectNoControlCharacters(_ result: EmberProcess.Result, sourceLocation: SourceLocation = #_sourceLocation) {
        let message = result.stderr.hasSuffix("\n") ? String(result.stderr.dropLast()) : result.stderr
        #expect(!message.unicodeScalars.contains { $0.value < 0x20 || (0x7F...0x9F).contains($0.value) },
                "\(result.stderr.debugDescription)", sourceLocation: sourceLocation)
        #expect(message.count < 600, "\(message.count) characters", sourceLocation: sourceLocation)
    }

    @Test func aHeaderWithANewlineAndAnEscapeIsOneLine() throws {
        let directory = try TemporaryDirectory()
        let csv = try directory.write("data.csv", "\"a\nb\",\"\u{1B}[31my\"\n1,2\n2,4\n3,6\n4,8\n5,10\n")
        let result = try EmberProcess.run(["linreg", "--csv", csv, "--target", "q"])
        expectOneLineError(result, ["no column named 'q'", #"'a\nb'"#, #"'\u{1B}[31my'"#])
        expectNoControlCharacters(result)
    }

    @Test func anOptionValueWithControlCharactersIsOneLine() throws {
        let directory = try TemporaryDirectory()
        let csv = try directory.write("data.csv", "x,y\n1,2\n2,4\n3,6\n4,8\n5,10\n")
        let result = try EmberProcess.run(["linreg", "--csv", csv, "--target", "y\n\u{1B}]0;title\u{07}"])
        expectOneLineError(result, ["no column named"])
        expectNoControlCharacters(result)
    }

    @Test func anUnterminatedQuoteInTheHeaderDoesNotPrintTheFile() throws {
        let directory = try TemporaryDirectory()
        let rows = (0..<3000).map { "\($0),\(2 * $0)" }.joined(separator: "\n")
        let csv = try directory.write("data.csv", "\"x,y\n" + rows + "\n")
        let result = try EmberProcess.run(["linreg", "--csv", csv, "--target", "y"])
        expectOneLineError(result, [])
        expectNoControlCharacters(result)
    }

    @Test func aNULInsideANumberIsRefused() throws {
        let directory = try TemporaryDirectory()
        let csv = try directory.write("data.csv", "x,y\n1,2\n2,4\n3,6\n4,8\n5,3\0garbage\n")
        let result = try EmberProcess.run(["linreg", "--csv", csv, "--target", "y"])
        expectOneLineError(result, ["row 5 (line 6), column 'y'", #""3\0garbage" is not a number"#])
        expectNoControlCharacters(result)
    }
}
