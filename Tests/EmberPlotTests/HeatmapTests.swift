import EmberPlot
import Foundation
import Testing

@Suite struct HeatmapTests {
    @Test func confusionMatrixCellsCarryCountsAndRowShares() throws {
        let heatmap = confusionMatrixPlot(counts: [[8, 2, 0], [1, 9, 0], [0, 0, 0]], classes: ["a", "b", "c & d"])
        let svg = try ParsedSVG(heatmap.svg())
        let cells = try svg.elements("rect", class: "cell")
        #expect(cells.count == 9)
        // Row-major, actual classes down: the cell (row 0, column 1) holds 2 of row 0's 10 samples.
        let cell = try #require(cells.first { $0.value("data-row") == "0" && $0.value("data-column") == "1" })
        #expect(cell.double("data-value") == 0.2)
        #expect(try svg.texts(class: "cell-text") == ["8", "2", "0", "1", "9", "0", "0", "0", "0"])
        #expect(try svg.texts(class: "row-label") == ["a", "b", "c & d"])   // escaped in the file, parsed back
        #expect(try svg.texts(class: "column-label") == ["a", "b", "c & d"])
        #expect(try svg.texts(class: "x-label") == ["predicted"] && svg.texts(class: "y-label") == ["actual"])
        // The largest share is the darkest (the palette's blue), an empty row white.
        let fills = Dictionary(uniqueKeysWithValues: cells.map { ("\($0.value("data-row")!)\($0.value("data-column")!)",
                                                                  $0.value("fill")!) })
        #expect(fills["11"] == PlotColor.palette[0].hex)
        #expect(fills["22"] == "#ffffff")
        #expect(fills["00"] != fills["01"])
    }

    @Test func nonFiniteCellsAreGreyAndTheFileIsWritten() throws {
        let heatmap = Heatmap(rowLabels: ["r"], columnLabels: ["x", "y"], values: [[.nan, 1]])
        let cells = try ParsedSVG(heatmap.svg()).elements("rect", class: "cell")
        #expect(cells.map { $0.value("fill") } == ["#cccccc", PlotColor.palette[0].hex])
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("heatmap-\(UUID().uuidString).svg").path
        defer { try? FileManager.default.removeItem(atPath: path) }
        try heatmap.write(to: path)
        #expect(try String(contentsOfFile: path, encoding: .utf8) == heatmap.svg())
        #expect(throws: PlotError.self) { try heatmap.write(to: "/nonexistent-directory/h.svg") }
    }
}
