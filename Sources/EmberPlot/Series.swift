import EmberBackend

/// One labelled set of points in a ``Figure``, drawn as dots or as a connected line.
///
/// Points whose x or y is NaN or infinite are not drawn (nor, on a log scale, points with y ≤ 0); a line is broken
/// where such a point falls, and the figure notes how many points it left out.
///
/// ```swift
/// let data = Series(.scatter, label: "data", x: [0, 1, 2], y: [1, 3, 5])
/// let fit = Series(.line, label: "fit", x: [0, 2], y: [1, 5], color: PlotColor.palette[1])
/// ```
public struct Series: Sendable, Hashable {
    /// How a series is drawn.
    public enum Kind: Sendable, Hashable {
        /// One dot per point.
        case scatter
        /// Consecutive points joined by straight segments, in the order given.
        case line
    }

    public var kind: Kind
    /// The legend text; a series with an empty label has no legend entry.
    public var label: String
    /// The colour, or `nil` to take the next colour of ``PlotColor/palette``.
    public var color: PlotColor?
    public private(set) var x: [Double]
    public private(set) var y: [Double]

    /// - Precondition: `x.count == y.count`.
    public init(_ kind: Kind, label: String, x: [Double], y: [Double], color: PlotColor? = nil) {
        emberPrecondition(x.count == y.count, "Series '\(label)': \(x.count) x values but \(y.count) y values")
        self.kind = kind
        self.label = label
        self.color = color
        self.x = x
        self.y = y
    }
}
