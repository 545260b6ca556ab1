import Testing
@testable import EmberPlot

@Suite struct DegenerateDataTests {
    @Test func emptyFigureSaysNoData() throws {
        let svg = try ParsedSVG(Figure(title: "Nothing"))
        #expect(try svg.texts(class: "no-data") == ["No data"])
        #expect(try svg.elements("circle").isEmpty)
        #expect(try svg.texts(class: "x-tick-label").count >= 2)
    }

    @Test func emptySeriesKeepsItsLegendEntry() throws {
        let svg = try ParsedSVG(Figure(series: [Series(.line, label: "train", x: [], y: [])]))
        #expect(try svg.elements("g", class: "legend-entry").count == 1)
        #expect(try svg.elements("polyline").isEmpty)
    }

    @Test func singlePointSitsInTheMiddle() throws {
        let svg = try ParsedSVG(Figure(series: [Series(.scatter, label: "p", x: [3], y: [-2])]))
        let area = try svg.plotArea()
        let circle = try #require(try svg.seriesElements("circle", label: "p").first)
        #expect(abs(circle.double("cx") - (area.left + area.right) / 2) < 0.01)
        #expect(abs(circle.double("cy") - (area.top + area.bottom) / 2) < 0.01)
        #expect(try svg.texts(class: "y-tick-label").count >= 2)
    }

    @Test func constantValuesGetAWidenedRange() {
        let range = AxisRange(covering: [5, 5, 5], scale: .linear)
        #expect(range.lower == 4.5 && range.upper == 5.5)
        let zero = AxisRange(covering: [0], scale: .linear)
        #expect(zero.lower == -1 && zero.upper == 1)
        let log = AxisRange(covering: [2, 2], scale: .log10)
        #expect(log.lower == 0.2 && log.upper == 20)
    }

    @Test func singlePointLineIsDrawnAsADot() throws {
        let svg = try ParsedSVG(lossPlot(train: [0.5]))
        #expect(try svg.seriesElements("circle", label: "train").count == 1)
        #expect(try svg.seriesElements("polyline", label: "train").isEmpty)
    }

    @Test func nonFiniteValuesAreSkippedAndNoted() throws {
        let x: [Double] = [0, 1, 2, 3, 4, 5]
        let y: [Double] = [1, .nan, 2, .infinity, 3, 4]
        let svg = try ParsedSVG(Figure(series: [Series(.scatter, label: "p", x: x, y: y)]))
        #expect(try svg.seriesElements("circle", label: "p").count == 4)
        #expect(try svg.texts(class: "note") == ["2 points not shown (NaN or infinite)"])
        #expect(try svg.texts(class: "y-tick-label").allSatisfy { !$0.contains("nan") && !$0.contains("inf") })
    }

    @Test func lineBreaksAtASkippedPoint() throws {
        let x: [Double] = [0, 1, 2, 3, 4, 5]
        let y: [Double] = [1, 2, 3, .nan, 5, 6]
        let svg = try ParsedSVG(Figure(series: [Series(.line, label: "l", x: x, y: y)]))
        let lines = try svg.seriesElements("polyline", label: "l")
        #expect(lines.map { $0.value("points")?.split(separator: " ").count } == [3, 2])
    }

    @Test func nonPositiveValuesAreSkippedOnALogScale() throws {
        let figure = Figure(yScale: .log10, series: [Series(.scatter, label: "p", x: [1, 2, 3, 4], y: [0, -1, 0.1, 10])])
        let svg = try ParsedSVG(figure)
        #expect(try svg.seriesElements("circle", label: "p").count == 2)
        #expect(try svg.texts(class: "note") == ["2 points not shown (NaN, infinite or ≤ 0)"])
        #expect(try svg.texts(class: "y-tick-label") == ["0.1", "1", "10"])
    }

    @Test func tinyFigureStillHasAPlotArea() throws {
        let svg = try ParsedSVG(Figure(series: [Series(.scatter, label: "a long legend label", x: [1], y: [1])],
                                       width: 10, height: 10))
        let area = try svg.plotArea()
        #expect(area.right - area.left >= 40)
        #expect(area.bottom - area.top >= 40)
    }
}
