import Foundation

/// A minimal SVG writer: elements with escaped attributes and text, numbers with at most two decimals.
struct SVGDocument {
    private var text: String

    init(width: Double, height: Double) {
        text = """
            <?xml version="1.0" encoding="UTF-8"?>
            <svg xmlns="http://www.w3.org/2000/svg" version="1.1" width="\(Self.number(width))" \
            height="\(Self.number(height))" viewBox="0 0 \(Self.number(width)) \(Self.number(height))" \
            font-family="DejaVu Sans, Helvetica, Arial, sans-serif">
            <rect class="background" width="100%" height="100%" fill="white"/>

            """
    }

    /// `value` with at most two decimals and no trailing zeros: `12.5`, `3`, `-0.25`.
    static func number(_ value: Double) -> String {
        var result = String(format: "%.2f", value)
        while result.hasSuffix("0") { result.removeLast() }
        if result.hasSuffix(".") { result.removeLast() }
        return result == "-0" ? "0" : result
    }

    func number(_ value: Double) -> String { Self.number(value) }

    mutating func element(_ name: String, _ attributes: [String: String]) {
        text += "<\(name)\(Self.attributeText(attributes))/>\n"
    }

    mutating func open(_ name: String, _ attributes: [String: String]) {
        text += "<\(name)\(Self.attributeText(attributes))>\n"
    }

    mutating func close(_ name: String) {
        text += "</\(name)>\n"
    }

    mutating func text(_ content: String, x: Double, y: Double, attributes: [String: String]) {
        var all = attributes
        all["x"] = number(x)
        all["y"] = number(y)
        text += "<text\(Self.attributeText(all))>\(content.xmlEscaped)</text>\n"
    }

    mutating func line(_ x1: Double, _ y1: Double, _ x2: Double, _ y2: Double, stroke: String? = nil,
                       width: Double? = nil) {
        var attributes = ["x1": number(x1), "y1": number(y1), "x2": number(x2), "y2": number(y2)]
        attributes["stroke"] = stroke
        attributes["stroke-width"] = width.map(number)
        element("line", attributes)
    }

    mutating func circle(_ center: (x: Double, y: Double), radius: Double) {
        element("circle", ["cx": number(center.x), "cy": number(center.y), "r": number(radius)])
    }

    func finished() -> String {
        text + "</svg>\n"
    }

    /// Attributes in a fixed (sorted) order so the same figure always gives the same bytes.
    private static func attributeText(_ attributes: [String: String]) -> String {
        attributes.keys.sorted().map { " \($0)=\"\(attributes[$0]!.xmlEscaped)\"" }.joined()
    }
}
