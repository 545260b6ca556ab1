/// A colour for a series, written into the SVG as `#rrggbb`.
///
/// ```swift
/// let red = PlotColor(red: 214, green: 39, blue: 40)
/// assert(red.hex == "#d62728")
/// ```
public struct PlotColor: Sendable, Hashable {
    /// Red, green and blue components, each 0...255.
    public let red: UInt8, green: UInt8, blue: UInt8

    public init(red: UInt8, green: UInt8, blue: UInt8) {
        self.red = red
        self.green = green
        self.blue = blue
    }

    /// The colour as a CSS hex string, `#rrggbb`.
    public var hex: String {
        "#" + [red, green, blue].map { byte in
            let digits = String(byte, radix: 16)
            return digits.count == 1 ? "0" + digits : digits
        }.joined()
    }

    /// Ten colours that stay distinguishable side by side (the "tab10" palette); series without a colour take them
    /// in order.
    public static let palette: [PlotColor] = [
        PlotColor(red: 31, green: 119, blue: 180), PlotColor(red: 255, green: 127, blue: 14),
        PlotColor(red: 44, green: 160, blue: 44), PlotColor(red: 214, green: 39, blue: 40),
        PlotColor(red: 148, green: 103, blue: 189), PlotColor(red: 140, green: 86, blue: 75),
        PlotColor(red: 227, green: 119, blue: 194), PlotColor(red: 127, green: 127, blue: 127),
        PlotColor(red: 188, green: 189, blue: 34), PlotColor(red: 23, green: 190, blue: 207),
    ]
}
