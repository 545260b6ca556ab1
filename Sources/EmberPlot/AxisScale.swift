/// How data values map to positions along an axis.
///
/// ```swift
/// var figure = Figure(title: "Loss", yScale: .log10)
/// figure.yScale = .linear
/// ```
public enum AxisScale: Sendable, Hashable {
    /// Equal distances for equal differences.
    case linear
    /// Equal distances for equal ratios. Only positive values can be shown; the others are skipped.
    case log10
}
