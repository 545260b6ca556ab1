import Testing
@testable import EmberPlot

@Suite struct CommonPlotsTests {
    @Test func regressionPlotShowsDataAndOneLinePerFit() throws {
        let x: [Double] = [1, 2, 3, 4]
        let y: [Double] = [3.1, 4.9, 7.2, 8.8]
        let figure = regressionPlot(x: x, y: y, lines: [(label: "SGD", weight: 2, bias: 1),
                                                        (label: "closed form", weight: 1.94, bias: 1.15)],
                                    title: "Fit")
        let svg = try ParsedSVG(figure)
        #expect(try svg.seriesElements("circle", label: "data").count == 4)
        #expect(try svg.seriesElements("polyline", label: "SGD").count == 1)
        #expect(try svg.seriesElements("polyline", label: "closed form").count == 1)
        #expect(try svg.elements("g", class: "legend-entry").count == 3)
        #expect(try svg.texts(class: "title") == ["Fit"])
        let sgd = figure.series[1]
        #expect(sgd.x == [1, 4])
        #expect(sgd.y == [3, 9])
        #expect(Set(figure.series.compactMap(\.color)).count == 3)
    }

    @Test func regressionLinesSpanTheWidenedAxisWhenXIsConstant() {
        let figure = regressionPlot(x: [3, 3], y: [1, 2], lines: [(label: "fit", weight: 1, bias: 0)])
        #expect(figure.series[1].x == [2.7, 3.3])
        #expect(figure.series[1].y == [2.7, 3.3])
    }

    @Test func lossPlotUsesEpochsFromOneOnALogScale() throws {
        let figure = lossPlot(train: [1, 0.1, 0.01], validation: [2, 0.2, 0.05])
        #expect(figure.yScale == .log10)
        #expect(figure.series.map(\.label) == ["train", "validation"])
        #expect(figure.series[0].x == [1, 2, 3])
        let svg = try ParsedSVG(figure)
        #expect(try svg.texts(class: "y-tick-label") == ["0.01", "0.1", "1"])
        #expect(try svg.texts(class: "x-label") == ["epoch"])
    }

    @Test func lossPlotWithoutValidationHasOneSeries() {
        #expect(lossPlot(train: [3, 2, 1]).series.count == 1)
    }
}
