import Foundation
import Testing
import EmberIO

@Suite struct NumericTableTests {
    /// The error `body` throws, as a `NumericTableError`.
    func error(_ body: () throws -> Void) -> NumericTableError? {
        do {
            try body()
            return nil
        } catch {
            return error as? NumericTableError
        }
    }

    @Test func parsesHeaderAndRows() throws {
        let table = try NumericTable.parse(text: "x, y ,z\n1,2.5,-3e2\n 4 ,5,6\n")
        #expect(table.columns == ["x", "y", "z"])
        #expect(table.rows == [[1, 2.5, -300], [4, 5, 6]])
    }

    @Test func acceptsCRLFQuotesBlankLinesAndNoFinalNewline() throws {
        let table = try NumericTable.parse(text: "\"a\",b\r\n1,\"2\"\r\n\r\n3,4")
        #expect(table.columns == ["a", "b"])
        #expect(table.rows == [[1, 2], [3, 4]])
    }

    @Test func loadsTheFixtureFile() throws {
        let url = try #require(Bundle.module.url(forResource: "linear", withExtension: "csv", subdirectory: "Fixtures"))
        let table = try NumericTable.load(path: url.path)
        #expect(table.columns == ["x1", "x2", "y"])
        #expect(table.rows.count == 5)
        #expect(table.rows[4] == [5, -1, 8.5])
    }

    @Test func missingFile() {
        let failure = error { _ = try NumericTable.load(path: "/nonexistent/data.csv") }
        #expect(failure == .fileNotFound(path: "/nonexistent/data.csv"))
        #expect(failure?.description == "no file at '/nonexistent/data.csv'")
    }

    @Test func emptyInput() {
        #expect(error { _ = try NumericTable.parse(text: "") } == .empty)
        #expect(error { _ = try NumericTable.parse(text: "\n  \n") } == .empty)
    }

    @Test func headerOnly() {
        let failure = error { _ = try NumericTable.parse(text: "x,y\n") }
        #expect(failure == .headerOnly(columns: ["x", "y"]))
        #expect(failure?.description == "the CSV has a header ('x', 'y') but no data rows")
    }

    @Test func raggedRowNamesTheLineAndCounts() {
        let failure = error { _ = try NumericTable.parse(text: "x,y\n1,2\n\n3,4,5\n") }
        #expect(failure == .raggedRow(line: 4, expected: 2, found: 3))
        #expect(failure?.description == "line 4 has 3 cells but the header has 2 columns")
        #expect(error { _ = try NumericTable.parse(text: "x,y\n1\n") } == .raggedRow(line: 2, expected: 2, found: 1))
    }

    @Test func nonNumericCellNamesRowColumnAndCell() {
        let failure = error { _ = try NumericTable.parse(text: "x,y\n1,2\n3,abc\n") }
        #expect(failure == .nonNumericCell(row: 2, line: 3, column: "y", cell: "abc"))
        #expect(failure?.description == "row 2 (line 3), column 'y': \"abc\" is not a number")
        #expect(error { _ = try NumericTable.parse(text: "x,y\n1,\n") }
                == .nonNumericCell(row: 1, line: 2, column: "y", cell: ""))
    }

    @Test func nonFiniteValuesAreRejected() {
        for cell in ["nan", "NaN", "inf", "-infinity"] {
            let failure = error { _ = try NumericTable.parse(text: "x,y\n1,2\n\(cell),3\n") }
            #expect(failure == .nonFiniteValue(row: 2, line: 3, column: "x", cell: cell))
        }
        let huge = error { _ = try NumericTable.parse(text: "x\n1e999\n") }
        #expect(huge == .nonFiniteValue(row: 1, line: 2, column: "x", cell: "1e999"))
    }

    @Test func duplicateAndEmptyColumnNames() {
        #expect(error { _ = try NumericTable.parse(text: "x,y,x\n1,2,3\n") } == .duplicateColumn(name: "x"))
        #expect(error { _ = try NumericTable.parse(text: "x,,y\n1,2,3\n") } == .emptyColumnName(position: 2))
    }

    @Test func strayQuoteIsMalformed() {
        let failure = error { _ = try NumericTable.parse(text: "x,y\n1,2\"3\n") }
        #expect(failure?.description.hasPrefix("the CSV is malformed: ") == true)
    }

    @Test func unterminatedQuoteReportsTheCellOnOneLine() {
        let failure = error { _ = try NumericTable.parse(text: "x,y\n1,\"2\n") }
        #expect(failure == .nonNumericCell(row: 1, line: 2, column: "y", cell: "2\n"))
        #expect(failure?.description == #"row 1 (line 2), column 'y': "2\n" is not a number"#)
    }

    @Test func memberwiseInitValidates() throws {
        #expect(try NumericTable(columns: ["a"], rows: [[1], [2]]).rows == [[1], [2]])
        #expect(error { _ = try NumericTable(columns: ["a", "b"], rows: [[1]]) }
                == .raggedRow(line: 2, expected: 2, found: 1))
        #expect(error { _ = try NumericTable(columns: ["a"], rows: [[1], [.nan]]) }
                == .nonFiniteValue(row: 2, line: 3, column: "a", cell: "nan"))
    }
}
