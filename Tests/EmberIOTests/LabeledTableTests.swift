import EmberIO
import Foundation
import Testing

@Suite struct LabeledTableTests {
    func error(_ text: String, label: String = "y") -> (any Error)? {
        do {
            _ = try LabeledTable.parse(text: text, labelColumn: label)
            return nil
        } catch { return error }
    }

    @Test func namesBecomeSortedClassIndices() throws {
        let labeled = try LabeledTable.parse(text: "a,y,b\n1,dog,2\n3, cat ,4\n5,Bird,6\n7,dog,8\n", labelColumn: "y")
        #expect(labeled.classes == ["Bird", "cat", "dog"])   // Unicode order: capitals first, as Python's sorted
        #expect(!labeled.integerLabels)
        let data = try labeled.table.select(target: "y")
        #expect(data.target == [2, 1, 0, 2])
        #expect(data.features == [1, 2, 3, 4, 5, 6, 7, 8] && data.featureNames == ["a", "b"])
    }

    @Test func integersSortNumericallyWhateverTheirOrderInTheFile() throws {
        let labeled = try LabeledTable.parse(text: "x,y\n0,10\n1,-1\n2,2\n3,10.0\n4,2\n", labelColumn: "y")
        #expect(labeled.classes == ["-1", "2", "10"])         // numeric, not text order ("10" < "2")
        #expect(labeled.integerLabels)
        #expect(try labeled.table.select(target: "y").target == [2, 0, 1, 2, 1])
    }

    @Test func badLabelsNameTheRowAndTheCell() {
        #expect(error("x,y\n1,0\n2,1.5\n") as? ClassLabelError
                == .notAnInteger(row: 2, line: 3, column: "y", cell: "1.5"))
        #expect(error("x,y\n1,0\n2,nan\n") as? ClassLabelError
                == .notAnInteger(row: 2, line: 3, column: "y", cell: "nan"))
        #expect(error("x,y\n1,cat\n2,\n") as? ClassLabelError == .emptyLabel(row: 2, line: 3, column: "y"))
        let mixed = error("x,y\n1,cat\n2,3\n") as? ClassLabelError
        #expect(mixed == .mixedLabels(column: "y", number: "3", numberRow: 2, name: "cat", nameRow: 1))
        #expect(mixed.map { "\($0)" }?.contains("mixes numbers and names") == true)
    }

    @Test func featureCellsFollowNumericTableRules() {
        #expect(error("x,y\nabc,cat\n") as? NumericTableError
                == .nonNumericCell(row: 1, line: 2, column: "x", cell: "abc"))
        #expect(error("x,y\nnan,cat\n") as? NumericTableError
                == .nonFiniteValue(row: 1, line: 2, column: "x", cell: "nan"))
        #expect(error("x,y\n,cat\n") as? NumericTableError == .nonNumericCell(row: 1, line: 2, column: "x", cell: ""))
        #expect(error("x,y\n1,cat\n", label: "z") as? NumericTableError
                == .unknownColumn(name: "z", available: ["x", "y"]))
        #expect(error("x,y\n") as? NumericTableError == .headerOnly(columns: ["x", "y"]))
        #expect(error("x,y\n1,cat,2\n") as? NumericTableError == .raggedRow(line: 2, expected: 2, found: 3))
    }

    @Test func loadReadsAFile() throws {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("labeled-\(UUID().uuidString).csv")
        try "x,y\n1,b\n2,a\n".write(to: url, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(at: url) }
        let labeled = try LabeledTable.load(path: url.path, labelColumn: "y")
        #expect(labeled.classes == ["a", "b"] && labeled.table.rows == [[1, 1], [2, 0]])
        #expect(throws: NumericTableError.fileNotFound(path: url.path + ".missing")) {
            try LabeledTable.load(path: url.path + ".missing", labelColumn: "y")
        }
    }
}
