/// A CSV table whose label column holds class labels (integers or names) and whose other columns hold numbers,
/// read by ``load(path:labelColumn:)`` or ``parse(text:labelColumn:)``.
///
/// The labels become class indices `0..<classes.count`, stored as numbers in the label column of ``table``, so that
/// ``NumericTable/select(target:features:)`` gives the features and the class index of each row. The class order is
/// sorted, whatever the row order:
/// - when every label is an integer (`-1`, `0`, `7`, or `7.0`; spaces ignored), the classes are the distinct
///   integers in increasing numeric order, named by their decimal text (`["-1", "0", "7"]`);
/// - otherwise every label must be a name (text that is not a number), and the classes are the distinct names in
///   increasing order of their Unicode scalars, as Python's `sorted` and NumPy's `unique` order them (`["Iris-setosa",
///   "Iris-versicolor", …]`; `"B" < "a"`).
///
/// A label that is empty, a number that is not an integer, or a mixture of numbers and names is a
/// ``ClassLabelError``; the other columns follow ``NumericTable``'s rules.
///
/// ```swift
/// let labeled = try LabeledTable.parse(text: "x,species\n1.5,cat\n2.5,dog\n0.5,cat\n", labelColumn: "species")
/// assert(labeled.classes == ["cat", "dog"] && !labeled.integerLabels)
/// let data = try labeled.table.select(target: "species")
/// assert(data.target == [0, 1, 0] && data.features == [1.5, 2.5, 0.5])
/// ```
public struct LabeledTable: Sendable, Hashable {
    /// Every column, the label column holding each row's class index (0, 1, …) as a number.
    public let table: NumericTable
    /// The label column's name.
    public let labelColumn: String
    /// The class names, in class-index order.
    public let classes: [String]
    /// Whether the labels were integers (else names).
    public let integerLabels: Bool

    /// Reads and parses the CSV file at `path`.
    ///
    /// - Throws: ``NumericTableError/fileNotFound(path:)``, ``NumericTableError/unreadableFile(path:reason:)``, or
    ///   any error of ``parse(text:labelColumn:)``.
    public static func load(path: String, labelColumn: String) throws -> LabeledTable {
        try parse(text: NumericTable.readText(path: path), labelColumn: labelColumn)
    }

    /// Parses CSV text: a header row of column names, then rows of numbers with a class label in `labelColumn`.
    ///
    /// - Throws: ``NumericTableError`` as ``NumericTable/parse(text:)`` does (`.unknownColumn` when `labelColumn`
    ///   is not in the header), or ``ClassLabelError`` for the labels.
    public static func parse(text: String, labelColumn: String) throws -> LabeledTable {
        let records = try NumericTable.records(in: text)
        guard let headerIndex = records.firstIndex(where: { !NumericTable.isBlank($0) }) else {
            throw NumericTableError.empty
        }
        let header = records[headerIndex].map(NumericTable.trimmed)
        try NumericTable.validate(header: header)
        guard let labelIndex = header.firstIndex(of: labelColumn) else {
            throw NumericTableError.unknownColumn(name: labelColumn, available: header)
        }
        var rows: [[Double]] = [], labels: [(text: String, line: Int)] = []
        for index in records.indices where index > headerIndex && !NumericTable.isBlank(records[index]) {
            let line = index + 1, cells = records[index]
            guard cells.count == header.count else {
                throw NumericTableError.raggedRow(line: line, expected: header.count, found: cells.count)
            }
            var row: [Double] = []
            row.reserveCapacity(cells.count)
            for (position, (column, cell)) in zip(header, cells).enumerated() {
                if position == labelIndex {
                    let label = NumericTable.trimmed(cell)
                    guard !label.isEmpty else {
                        throw ClassLabelError.emptyLabel(row: rows.count + 1, line: line, column: labelColumn)
                    }
                    labels.append((label, line))
                    row.append(0)
                } else {
                    row.append(try NumericTable.value(of: cell, row: rows.count + 1, line: line, column: column))
                }
            }
            rows.append(row)
        }
        guard !rows.isEmpty else { throw NumericTableError.headerOnly(columns: header) }
        let (classes, integers, indices) = try encode(labels, column: labelColumn)
        for i in rows.indices { rows[i][labelIndex] = Double(indices[i]) }
        return LabeledTable(table: NumericTable(checkedColumns: header, rows: rows), labelColumn: labelColumn,
                            classes: classes, integerLabels: integers)
    }

    /// The sorted classes, whether they are integers, and each label's class index.
    private static func encode(_ labels: [(text: String, line: Int)], column: String)
        throws -> (classes: [String], integers: Bool, indices: [Int]) {
        let numberRow = labels.firstIndex { Double($0.text) != nil }
        let nameRow = labels.firstIndex { Double($0.text) == nil }
        if let numberRow, let nameRow {
            throw ClassLabelError.mixedLabels(column: column, number: labels[numberRow].text, numberRow: numberRow + 1,
                                              name: labels[nameRow].text, nameRow: nameRow + 1)
        }
        if numberRow != nil {
            var values: [Int] = []
            for (row, label) in labels.enumerated() {
                guard let value = Double(label.text), value == value.rounded(), abs(value) < 0x1p53 else {
                    throw ClassLabelError.notAnInteger(row: row + 1, line: label.line, column: column, cell: label.text)
                }
                values.append(Int(value))
            }
            let classes = Array(Set(values)).sorted()
            let index = Dictionary(uniqueKeysWithValues: classes.enumerated().map { ($1, $0) })
            return (classes.map(String.init), true, values.map { index[$0]! })
        }
        let classes = Array(Set(labels.map(\.text))).sorted { $0.unicodeScalars.lexicographicallyPrecedes($1.unicodeScalars) }
        let index = Dictionary(uniqueKeysWithValues: classes.enumerated().map { ($1, $0) })
        return (classes, false, labels.map { index[$0.text]! })
    }
}
