/// Why a CSV column cannot be read as class labels. `row` counts data rows from 1; `line` counts text lines from 1
/// (the header).
public enum ClassLabelError: Error, Equatable, CustomStringConvertible {
    /// A label cell is empty.
    case emptyLabel(row: Int, line: Int, column: String)
    /// Every label is a number, but this one is not an integer (a fraction, NaN or an infinity).
    case notAnInteger(row: Int, line: Int, column: String, cell: String)
    /// Some labels are numbers and others names; `number` and `name` are the first of each.
    case mixedLabels(column: String, number: String, numberRow: Int, name: String, nameRow: Int)

    public var description: String {
        switch self {
        case let .emptyLabel(row, line, column):
            "row \(row) (line \(line)), column '\(column)': the class label is empty"
        case let .notAnInteger(row, line, column, cell):
            "row \(row) (line \(line)), column '\(column)': \(cell.debugDescription) is not an integer; class labels "
                + "must be integers or names (a continuous target is a regression: use ember linreg)"
        case let .mixedLabels(column, number, numberRow, name, nameRow):
            "column '\(column)' mixes numbers and names as class labels (\(number.debugDescription) in row "
                + "\(numberRow), \(name.debugDescription) in row \(nameRow)); use integers only or names only"
        }
    }
}
