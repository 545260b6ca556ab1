import Foundation
import FoundationXML
import Testing

/// `--plot` and `--loss-plot`: well-formed SVG files holding what they claim.
@Suite(.serialized) struct PlotCommandTests {
    struct SVG {
        let document: XMLDocument

        init(path: String) throws {
            document = try XMLDocument(contentsOf: URL(fileURLWithPath: path), options: [])
        }

        func count(_ xpath: String) throws -> Int { try document.nodes(forXPath: xpath).count }

        /// The elements named `name` in the series labelled `label`.
        func series(_ label: String, _ name: String) throws -> Int {
            try count("//*[@class='series'][@data-label='\(label)']/*[local-name()='\(name)']")
        }

        func texts(_ className: String) throws -> [String] {
            try document.nodes(forXPath: "//*[local-name()='text'][@class='\(className)']").map { $0.stringValue ?? "" }
        }

        var legend: [String] {
            get throws {
                try document.nodes(forXPath: "//*[@class='legend-entry']/*[local-name()='text']").map { $0.stringValue ?? "" }
            }
        }
    }

    @Test func tutorialFigureShowsPointsBothLinesAxesAndLegend() throws {
        let directory = try TemporaryDirectory()
        let plot = directory.path("fit.svg"), loss = directory.path("loss.svg")
        let result = try EmberProcess.run(["linreg", "--log-every", "0", "--plot", plot, "--loss-plot", loss])
        #expect(result.status == 0, "\(result.stderr)")
        let svg = try SVG(path: plot)
        #expect(try svg.series("data", "circle") == 100)
        #expect(try svg.series("SGD", "polyline") == 1)
        #expect(try svg.series("closed form", "polyline") == 1)
        #expect(try svg.legend == ["data", "SGD", "closed form"])
        #expect(try svg.texts("x-tick-label").count >= 3 && svg.texts("y-tick-label").count >= 3)
        #expect(try svg.texts("x-label") == ["x"] && svg.texts("y-label") == ["y"])

        let lossSVG = try SVG(path: loss)
        #expect(try lossSVG.series("train", "polyline") >= 1)
        #expect(try lossSVG.texts("x-label") == ["epoch"])
        let ticks = try lossSVG.texts("y-tick-label").compactMap(Double.init)
        #expect(ticks.count >= 2)
        let ratios = zip(ticks, ticks.dropFirst()).map { $1 / $0 }
        #expect(ratios.allSatisfy { $0 >= 9.99 && $0 <= 10.01 }, "log-scale ticks are powers of ten: \(ticks)")
    }

    @Test func csvLossPlotHasTrainingAndValidationAndOneFeatureFigureHasBothLines() throws {
        let directory = try TemporaryDirectory()
        var random = TestRandom(seed: 4)
        let rows = (0..<200).map { _ -> [Double] in
            let hours = 10 * random.uniform()
            return [hours, 4 * hours + 20 + 3 * random.normal()]
        }
        let csv = try directory.write("scores.csv", csvText(columns: ["hours", "score"], rows: rows))
        let plot = directory.path("fit.svg"), loss = directory.path("loss.svg")
        let result = try EmberProcess.run(["linreg", "--csv", csv, "--target", "score", "--epochs", "300", "--lr", "0.05",
                                           "--log-every", "0", "--plot", plot, "--loss-plot", loss])
        #expect(result.status == 0, "\(result.stderr)")
        let svg = try SVG(path: plot)
        #expect(try svg.series("data", "circle") == 200)
        #expect(try svg.series("Adam", "polyline") == 1 && svg.series("closed form", "polyline") == 1)
        #expect(try svg.texts("x-label") == ["hours"] && svg.texts("y-label") == ["score"])
        let lossSVG = try SVG(path: loss)
        #expect(try lossSVG.legend == ["train", "validation"])
        #expect(try lossSVG.series("validation", "polyline") >= 1)
    }

    @Test func severalFeaturesPlotTheTargetAgainstThePrediction() throws {
        let directory = try TemporaryDirectory()
        let csv = try directory.write("data.csv", csvText(columns: ["a", "b", "c", "y"],
                                                           rows: CSVRegressionTests.linearRows(count: 250, seed: 8)))
        let plot = directory.path("fit.svg")
        let result = try EmberProcess.run(["linreg", "--csv", csv, "--target", "y", "--epochs", "50", "--log-every", "0",
                                           "--val-fraction", "0.2", "--plot", plot])
        #expect(result.status == 0, "\(result.stderr)")
        let svg = try SVG(path: plot)
        #expect(try svg.series("training rows", "circle") == 200 && svg.series("validation rows", "circle") == 50)
        #expect(try svg.series("y = prediction", "polyline") == 1)
        #expect(try svg.texts("x-label") == ["predicted y"])
    }

    @Test func aFailedRunWritesNoPlot() throws {
        let directory = try TemporaryDirectory()
        let plot = directory.path("fit.svg"), loss = directory.path("loss.svg")
        let result = try EmberProcess.run(["linreg", "--epochs", "5", "--log-every", "0", "--plot", plot, "--loss-plot", loss])
        #expect(result.status != 0)
        #expect(try directory.contents().isEmpty)
        expectOneLineError(try EmberProcess.run(["linreg", "--plot", directory.path("missing/fit.svg")]),
                           ["--plot", "does not exist"])
    }
}
