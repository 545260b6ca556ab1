import Testing
import EmberIO

@Suite struct NumericTableSelectionTests {
    let table: NumericTable

    init() throws {
        table = try NumericTable.parse(text: "a,y,b\n1,10,2\n3,20,4\n5,30,6\n")
    }

    func error(_ body: () throws -> Void) -> NumericTableError? {
        do {
            try body()
            return nil
        } catch {
            return error as? NumericTableError
        }
    }

    @Test func defaultFeaturesAreAllOtherColumnsInFileOrder() throws {
        let data = try table.select(target: "y")
        #expect(data.featureNames == ["a", "b"])
        #expect(data.features == [1, 2, 3, 4, 5, 6])
        #expect(data.rowCount == 3)
        #expect(data.featureCount == 2)
        #expect(data.target == [10, 20, 30])
        #expect(data.targetName == "y")
    }

    @Test func explicitFeaturesKeepTheirOrder() throws {
        let data = try table.select(target: "a", features: ["b", "y"])
        #expect(data.features == [2, 10, 4, 20, 6, 30])
        #expect(data.target == [1, 3, 5])
    }

    @Test func unknownTargetListsTheColumns() {
        let failure = error { _ = try table.select(target: "z") }
        #expect(failure == .unknownColumn(name: "z", available: ["a", "y", "b"]))
        #expect(failure?.description == "no column named 'z'; the columns are 'a', 'y', 'b'")
    }

    @Test func unknownFeatureListsTheColumns() {
        #expect(error { _ = try table.select(target: "y", features: ["a", "c"]) }
                == .unknownColumn(name: "c", available: ["a", "y", "b"]))
    }

    @Test func targetCannotBeAFeature() {
        let failure = error { _ = try table.select(target: "y", features: ["a", "y"]) }
        #expect(failure == .targetIsFeature(name: "y"))
        #expect(failure?.description == "column 'y' is the target, so it cannot also be a feature")
    }

    @Test func featureListedTwice() {
        #expect(error { _ = try table.select(target: "y", features: ["a", "a"]) } == .duplicateFeature(name: "a"))
    }

    @Test func noFeaturesLeft() throws {
        let single = try NumericTable.parse(text: "y\n1\n2\n")
        #expect(error { _ = try single.select(target: "y") } == .noFeatures(target: "y"))
        #expect(error { _ = try table.select(target: "y", features: []) } == .noFeatures(target: "y"))
    }

    /// Issue 9, item 11: selection is linear in the number of columns (it was quadratic: about 20 s for 100,000
    /// columns); this checks the result on such a table, the CLI measurement is in the closing note.
    @Test func aHundredThousandColumnsSelectInOrder() throws {
        let count = 100_000
        let columns = (0..<count).map { "c\($0)" }
        let rows = (0..<3).map { row in (0..<count).map { Double(row * count + $0) } }
        let wide = try NumericTable(columns: columns, rows: rows)
        let data = try wide.select(target: "c500")
        #expect(data.featureCount == count - 1 && data.rowCount == 3)
        #expect(data.featureNames.first == "c0" && data.featureNames[500] == "c501" && data.featureNames.last == "c99999")
        #expect(data.target == [500, Double(count + 500), Double(2 * count + 500)])
        #expect(data.features[(count - 1) + 499] == Double(count + 499) && data.features[(count - 1) + 500] == Double(count + 501))
        let reversed = Array(columns.reversed().dropLast())
        #expect(try wide.select(target: "c0", features: reversed).features.prefix(2) == [99_999, 99_998])
        #expect(error { _ = try wide.select(target: "c0", features: ["c7", "c99999", "c7"]) } == .duplicateFeature(name: "c7"))
    }
}
