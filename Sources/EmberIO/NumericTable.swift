import Foundation
import SwiftCSV

/// A table of numbers with named columns, read from a comma-separated file whose first row names the columns.
///
/// Every cell must be a finite decimal number (surrounding spaces are ignored; no hexadecimal, no NUL or other
/// trailing text); blank lines are skipped. Parsing goes through SwiftCSV, so quoted cells work too.
///
/// ```swift
/// let table = try NumericTable.parse(text: "x,y\n1,2.5\n2,4.5\n")
/// assert(table.columns == ["x", "y"])
/// assert(table.rows == [[1, 2.5], [2, 4.5]])
/// let data = try table.select(target: "y")
/// assert(data.features == [1, 2] && data.target == [2.5, 4.5])
/// ```
public struct NumericTable: Sendable, Hashable {
    /// The column names, in file order; unique and non-empty.
    public let columns: [String]
    /// The data rows, each with one value per column.
    public let rows: [[Double]]

    /// Creates a table from columns and rows already in memory.
    ///
    /// - Throws: ``NumericTableError/emptyColumnName(position:)``, ``NumericTableError/duplicateColumn(name:)``,
    ///   ``NumericTableError/raggedRow(line:expected:found:)`` (with `line` = row index + 2, as in a file), or
    ///   ``NumericTableError/nonFiniteValue(row:line:column:cell:)``.
    public init(columns: [String], rows: [[Double]]) throws {
        try Self.validate(header: columns)
        for (index, row) in rows.enumerated() {
            guard row.count == columns.count else {
                throw NumericTableError.raggedRow(line: index + 2, expected: columns.count, found: row.count)
            }
            if let column = row.firstIndex(where: { !$0.isFinite }) {
                throw NumericTableError.nonFiniteValue(row: index + 1, line: index + 2, column: columns[column],
                                                       cell: "\(row[column])")
            }
        }
        self.columns = columns
        self.rows = rows
    }

    /// Reads and parses the CSV file at `path`: a regular file or a pipe (`--csv <(zcat data.csv.gz)`), not a
    /// directory or a device such as `/dev/zero`, which never ends.
    ///
    /// - Throws: ``NumericTableError/fileNotFound(path:)``, ``NumericTableError/unreadableFile(path:reason:)``, or
    ///   any error of ``parse(text:)``.
    public static func load(path: String) throws -> NumericTable {
        try parse(text: readText(path: path))
    }

    /// The UTF-8 text of the regular file or pipe at `path`, with the errors ``load(path:)`` documents.
    static func readText(path: String) throws -> String {
        var info = stat()
        guard stat(path, &info) == 0 else { throw NumericTableError.fileNotFound(path: path) }
        guard [S_IFREG, S_IFIFO].contains(info.st_mode & S_IFMT) else {
            throw NumericTableError.unreadableFile(path: path, reason: "it is \(OutputTarget.kind(info.st_mode))")
        }
        do {
            return try String(contentsOfFile: path, encoding: .utf8)
        } catch {
            throw NumericTableError.unreadableFile(path: path, reason: error.localizedDescription)
        }
    }

    /// Parses CSV text: a header row of column names, then rows of numbers. A leading byte-order mark is skipped.
    ///
    /// - Throws: ``NumericTableError`` — `.empty`, `.headerOnly`, `.malformedCSV`, `.emptyColumnName`,
    ///   `.duplicateColumn`, `.raggedRow`, `.nonNumericCell` or `.nonFiniteValue`. Line numbers count text lines from
    ///   1 (the header), assuming no quoted cell spans several lines.
    public static func parse(text: String) throws -> NumericTable {
        let records = try records(in: text)
        guard let headerIndex = records.firstIndex(where: { !isBlank($0) }) else { throw NumericTableError.empty }
        let header = records[headerIndex].map(trimmed)
        try validate(header: header)
        var rows: [[Double]] = []
        for index in records.indices where index > headerIndex && !isBlank(records[index]) {
            let line = index + 1
            let cells = records[index]
            guard cells.count == header.count else {
                throw NumericTableError.raggedRow(line: line, expected: header.count, found: cells.count)
            }
            var row: [Double] = []
            row.reserveCapacity(cells.count)
            for (column, cell) in zip(header, cells) {
                row.append(try value(of: cell, row: rows.count + 1, line: line, column: column))
            }
            rows.append(row)
        }
        guard !rows.isEmpty else { throw NumericTableError.headerOnly(columns: header) }
        return NumericTable(checkedColumns: header, rows: rows)
    }

    /// The finite decimal number in `cell` (surrounding spaces ignored), or the error naming its place.
    static func value(of cell: String, row: Int, line: Int, column: String) throws -> Double {
        guard let value = number(trimmed(cell)) else {
            throw NumericTableError.nonNumericCell(row: row, line: line, column: column, cell: cell)
        }
        guard value.isFinite else {
            throw NumericTableError.nonFiniteValue(row: row, line: line, column: column, cell: cell)
        }
        return value
    }

    init(checkedColumns: [String], rows: [[Double]]) {
        columns = checkedColumns
        self.rows = rows
    }

    /// Every text line as its list of cells, unpadded, so ragged rows stay visible. A leading byte-order mark
    /// (spreadsheets write one) is not part of the first column's name.
    static func records(in text: String) throws -> [[String]] {
        let text = text.first == "\u{FEFF}" ? String(text.dropFirst()) : text
        let csv: EnumeratedCSV
        do {
            csv = try EnumeratedCSV(string: text, delimiter: .comma, loadColumns: false, rowLimit: 0)
        } catch {
            throw NumericTableError.malformedCSV(reason: "\(error)")
        }
        var records: [[String]] = []
        do {
            try csv.enumerateAsArray(startAt: 0, rowLimit: nil) { records.append($0) }
        } catch let CSVParseError.generic(message), let CSVParseError.quotation(message) {
            throw NumericTableError.malformedCSV(reason: message)
        }
        return records
    }

    static func validate(header: [String]) throws {
        var seen: Set<String> = []
        for (index, name) in header.enumerated() {
            guard !name.isEmpty else { throw NumericTableError.emptyColumnName(position: index + 1) }
            guard seen.insert(name).inserted else { throw NumericTableError.duplicateColumn(name: name) }
        }
    }

    /// An empty or all-space line (a line of commas is not blank: it is a row of empty cells).
    static func isBlank(_ record: [String]) -> Bool {
        record.count == 1 && trimmed(record[0]).isEmpty
    }

    static func trimmed(_ cell: String) -> String {
        cell.trimmingCharacters(in: .whitespaces)
    }
}
