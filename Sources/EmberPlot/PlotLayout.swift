/// Where the parts of a figure go: the plot area inside the margins, and the data-to-pixel mapping within it.
///
/// Margins grow with the text they hold (title, axis labels, the widest y tick label, the legend), estimating text
/// width as 0.6 em per character.
struct PlotLayout {
    static let tickFontSize = 12.0
    static let labelFontSize = 14.0
    static let titleFontSize = 16.0
    static let legendRowHeight = 20.0
    static let legendSwatchWidth = 24.0

    var width: Double
    var height: Double
    var xRange: AxisRange
    var yRange: AxisRange
    var xTicks: AxisTicks
    var yTicks: AxisTicks
    /// The plot area: the rectangle the axes span.
    var left: Double, top: Double, plotWidth: Double, plotHeight: Double
    var legendWidth: Double

    init(figure: Figure, xRange: AxisRange, yRange: AxisRange, legendLabels: [String], hasNote: Bool) {
        width = max(figure.width, 240)
        height = max(figure.height, 180)
        self.xRange = xRange
        self.yRange = yRange
        xTicks = xRange.ticks
        yTicks = yRange.ticks

        let widestYTick = yTicks.labels.map { Self.textWidth($0, fontSize: Self.tickFontSize) }.max() ?? 0
        left = 12 + (figure.yLabel.isEmpty ? 0 : Self.labelFontSize + 10) + widestYTick + 10
        let widestLegendLabel = legendLabels.map { Self.textWidth($0, fontSize: Self.tickFontSize) }.max() ?? 0
        legendWidth = legendLabels.isEmpty ? 0 : 10 + Self.legendSwatchWidth + 8 + widestLegendLabel + 10
        let lastXTickHalf = Self.textWidth(xTicks.labels.last ?? "", fontSize: Self.tickFontSize) / 2
        let right = legendLabels.isEmpty ? max(24, lastXTickHalf + 8) : legendWidth + 28
        top = figure.title.isEmpty ? 20 : 48
        let bottom = 30 + (figure.xLabel.isEmpty ? 0 : Self.labelFontSize + 12) + (hasNote ? 18 : 0)
        plotWidth = max(width - left - right, 40)
        plotHeight = max(height - top - bottom, 40)
    }

    var right: Double { left + plotWidth }
    var bottom: Double { top + plotHeight }

    /// The pixel position of a data point; y grows downwards in SVG.
    func position(x: Double, y: Double) -> (x: Double, y: Double) {
        (left + xRange.fraction(of: x) * plotWidth, bottom - yRange.fraction(of: y) * plotHeight)
    }

    /// An estimate of the rendered width of `text` in a sans-serif font.
    static func textWidth(_ text: String, fontSize: Double) -> Double {
        Double(text.count) * fontSize * 0.6
    }
}
