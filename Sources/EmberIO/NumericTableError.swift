/// Why a CSV file could not become a ``NumericTable``, or a column selection failed.
///
/// Each description is one line of plain text: names and cells from the file are escaped (a newline shows as `\n`,
/// a terminal escape as `\u{1B}`) and cut when absurdly long, and long column lists are shortened.
public enum NumericTableError: Error, Equatable, CustomStringConvertible {
    /// No file exists at the path.
    case fileNotFound(path: String)
    /// The file exists but could not be read as UTF-8 text.
    case unreadableFile(path: String, reason: String)
    /// The input holds no header row at all.
    case empty
    /// A header row but no data rows.
    case headerOnly(columns: [String])
    /// The CSV syntax is broken (for example an unterminated quote).
    case malformedCSV(reason: String)
    /// A header cell is empty; `position` counts columns from 1.
    case emptyColumnName(position: Int)
    /// Two header cells have the same name.
    case duplicateColumn(name: String)
    /// A data row has a different number of cells than the header. `line` counts text lines from 1 (the header).
    case raggedRow(line: Int, expected: Int, found: Int)
    /// A cell is not a decimal number. `row` counts data rows from 1; `line` counts text lines from 1 (the header).
    case nonNumericCell(row: Int, line: Int, column: String, cell: String)
    /// A cell holds NaN or an infinity, which no model can fit.
    case nonFiniteValue(row: Int, line: Int, column: String, cell: String)
    /// A requested column does not exist.
    case unknownColumn(name: String, available: [String])
    /// The target column is also in the feature list.
    case targetIsFeature(name: String)
    /// A feature column is listed twice.
    case duplicateFeature(name: String)
    /// No feature columns are left once the target is taken out.
    case noFeatures(target: String)

    public var description: String {
        switch self {
        case let .fileNotFound(path):
            "no file at \(MessageText.quoted(path, limit: 1000))"
        case let .unreadableFile(path, reason):
            "cannot read \(MessageText.quoted(path, limit: 1000)) as UTF-8 text: \(MessageText.escaped(reason))"
        case .empty:
            "the CSV is empty: expected a header row of column names followed by rows of numbers"
        case let .headerOnly(columns):
            "the CSV has a header (\(MessageText.list(columns))) but no data rows"
        case let .malformedCSV(reason):
            "the CSV is malformed: \(MessageText.shortened(reason))"
        case let .emptyColumnName(position):
            "column \(position) of the header has no name"
        case let .duplicateColumn(name):
            "the header names column \(MessageText.quoted(name)) more than once"
        case let .raggedRow(line, expected, found):
            "line \(line) has \(found) cells but the header has \(expected) columns"
        case let .nonNumericCell(row, line, column, cell):
            "row \(row) (line \(line)), column \(MessageText.quoted(column)): \(MessageText.quoted(cell, quote: "\"")) "
                + "is not a number"
        case let .nonFiniteValue(row, line, column, cell):
            "row \(row) (line \(line)), column \(MessageText.quoted(column)): \(MessageText.quoted(cell, quote: "\"")) "
                + "is not finite; NaN and infinity are not allowed"
        case let .unknownColumn(name, available):
            "no column named \(MessageText.quoted(name)); the columns are \(MessageText.list(available))"
        case let .targetIsFeature(name):
            "column \(MessageText.quoted(name)) is the target, so it cannot also be a feature"
        case let .duplicateFeature(name):
            "feature column \(MessageText.quoted(name)) is listed more than once"
        case let .noFeatures(target):
            "no feature columns: the table has only the target column \(MessageText.quoted(target))"
        }
    }
}
