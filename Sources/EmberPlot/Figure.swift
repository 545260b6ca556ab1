import EmberIO
import Foundation

/// A two-dimensional chart — title, axis labels, series and legend — rendered as a standalone SVG document.
///
/// The x axis is linear; the y axis is linear or log10. Each axis spans its data exactly (the smallest value at one
/// edge of the plot area, the largest at the other) and carries "nice" ticks at 1, 2 or 5 times a power of ten. The
/// legend sits to the right of the plot area, so it never hides data.
///
/// Degenerate data never fails: an empty figure shows "No data", a single point or constant values get a widened
/// range, and NaN or infinite values (and values ≤ 0 on a log scale) are skipped with a note under the plot that says
/// how many were left out.
///
/// ```swift
/// var figure = Figure(title: "y = 2x + 1", xLabel: "x", yLabel: "y")
/// figure.add(Series(.scatter, label: "data", x: [0, 1, 2], y: [1.1, 2.9, 5.2]))
/// figure.add(Series(.line, label: "fit", x: [0, 2], y: [1, 5]))
/// let svg = figure.svg()
/// ```
public struct Figure: Sendable, Hashable {
    public var title: String
    public var xLabel: String
    public var yLabel: String
    public var yScale: AxisScale
    public var series: [Series]
    /// The size of the picture in SVG user units (pixels); at least 240 × 180 is used.
    public var width: Double
    public var height: Double

    public init(title: String = "", xLabel: String = "", yLabel: String = "", yScale: AxisScale = .linear,
                series: [Series] = [], width: Double = 720, height: Double = 480) {
        self.title = title
        self.xLabel = xLabel
        self.yLabel = yLabel
        self.yScale = yScale
        self.series = series
        self.width = width
        self.height = height
    }

    /// Appends `series`, drawn on top of those added before.
    public mutating func add(_ series: Series) {
        self.series.append(series)
    }
}
