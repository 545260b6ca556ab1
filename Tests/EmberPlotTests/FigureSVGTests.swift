import Foundation
import Testing
@testable import EmberPlot

@Suite struct FigureSVGTests {
    func sampleFigure() -> Figure {
        var figure = Figure(title: "Sample", xLabel: "x", yLabel: "y")
        figure.add(Series(.scatter, label: "data", x: [0, 1, 2, 3, 4], y: [1, 3, 2, 5, 4]))
        figure.add(Series(.line, label: "fit", x: [0, 4], y: [1, 5]))
        figure.add(Series(.line, label: "other", x: [0, 2, 4], y: [2, 2, 2]))
        return figure
    }

    @Test func documentIsAnSVGRootWithItsSize() throws {
        let svg = try ParsedSVG(sampleFigure())
        #expect(svg.root?.localName == "svg")
        #expect(svg.root?.uri == "http://www.w3.org/2000/svg")
        #expect(svg.root?.double("width") == 720)
        #expect(svg.root?.double("height") == 480)
        #expect(try svg.texts(class: "title") == ["Sample"])
        #expect(try svg.texts(class: "x-label") == ["x"])
        #expect(try svg.texts(class: "y-label") == ["y"])
    }

    @Test func countsPointsLinesAndLegendEntries() throws {
        let svg = try ParsedSVG(sampleFigure())
        #expect(try svg.seriesElements("circle", label: "data").count == 5)
        #expect(try svg.seriesElements("polyline", label: "fit").count == 1)
        #expect(try svg.seriesElements("polyline", label: "other").count == 1)
        let other = try svg.seriesElements("polyline", label: "other")[0]
        #expect(other.value("points")?.split(separator: " ").count == 3)
        #expect(try svg.elements("g", class: "legend-entry").count == 3)
        let legendTexts = try svg.elements("g", class: "legend-entry").map { $0.stringValue ?? "" }
        #expect(legendTexts == ["data", "fit", "other"])
    }

    @Test func seriesWithoutLabelHasNoLegendEntry() throws {
        let figure = Figure(series: [Series(.scatter, label: "", x: [1, 2], y: [1, 2])])
        let svg = try ParsedSVG(figure)
        #expect(try svg.elements("g", class: "legend").isEmpty)
        #expect(try svg.elements("circle").count == 2)
    }

    @Test func tickLabelsAreNiceValuesWithinTheData() throws {
        let figure = Figure(series: [Series(.scatter, label: "", x: [0, 10], y: [0.13, 9.87])])
        let svg = try ParsedSVG(figure)
        #expect(try svg.texts(class: "x-tick-label") == ["0", "2", "4", "6", "8", "10"])
        #expect(try svg.texts(class: "y-tick-label") == ["2", "4", "6", "8"])
    }

    @Test func dataExtremesLieOnThePlotAreaEdges() throws {
        let figure = Figure(series: [Series(.scatter, label: "p", x: [-3, 7, 2], y: [10, -5, 0])])
        let svg = try ParsedSVG(figure)
        let area = try svg.plotArea()
        let circles = try svg.seriesElements("circle", label: "p")
        #expect(circles.count == 3)
        #expect(abs(circles[0].double("cx") - area.left) < 0.01)
        #expect(abs(circles[0].double("cy") - area.top) < 0.01)
        #expect(abs(circles[1].double("cx") - area.right) < 0.01)
        #expect(abs(circles[1].double("cy") - area.bottom) < 0.01)
        let expectedX = area.left + 0.5 * (area.right - area.left)
        let expectedY = area.bottom - (5.0 / 15.0) * (area.bottom - area.top)
        #expect(abs(circles[2].double("cx") - expectedX) < 0.01)
        #expect(abs(circles[2].double("cy") - expectedY) < 0.01)
    }

    @Test func logScaleMapsEqualRatiosToEqualDistances() throws {
        let figure = Figure(yScale: .log10, series: [Series(.scatter, label: "p", x: [1, 2, 3], y: [1, 10, 100])])
        let svg = try ParsedSVG(figure)
        let area = try svg.plotArea()
        let ys = try svg.seriesElements("circle", label: "p").map { $0.double("cy") }
        #expect(abs(ys[0] - area.bottom) < 0.01)
        #expect(abs(ys[1] - (area.top + area.bottom) / 2) < 0.01)
        #expect(abs(ys[2] - area.top) < 0.01)
        #expect(try svg.texts(class: "y-tick-label") == ["1", "10", "100"])
    }

    @Test func escapesTextForXML() throws {
        let title = "a < b & \"c\" > 'd'"
        let figure = Figure(title: title, xLabel: "x&y", series: [Series(.line, label: "<fit>", x: [0, 1], y: [0, 1])])
        let text = figure.svg()
        #expect(text.contains("a &lt; b &amp; &quot;c&quot; &gt; &apos;d&apos;"))
        let svg = try ParsedSVG(text)
        #expect(try svg.texts(class: "title") == [title])
        #expect(try svg.texts(class: "x-label") == ["x&y"])
        #expect(try svg.seriesElements("polyline", label: "<fit>").count == 1)
    }

    @Test func dropsCharactersXMLForbids() {
        #expect("a\u{0}b\u{7}c\td\n".xmlEscaped == "abc\td\n")
        #expect("é→∑".xmlEscaped == "é→∑")
    }

    @Test func sameFigureGivesTheSameBytes() {
        #expect(sampleFigure().svg() == sampleFigure().svg())
    }
}
