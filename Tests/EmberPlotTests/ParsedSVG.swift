import EmberPlot
import Foundation
import FoundationXML

/// An SVG string parsed with FoundationXML, with lookups by element name and class.
struct ParsedSVG {
    let document: XMLDocument

    init(_ figure: Figure) throws {
        try self.init(figure.svg())
    }

    init(_ text: String) throws {
        document = try XMLDocument(xmlString: text, options: [])
    }

    var root: XMLElement? { document.rootElement() }

    /// Elements named `name` (any namespace), optionally only those whose class is `className`.
    func elements(_ name: String, class className: String? = nil) throws -> [XMLElement] {
        let classTest = className.map { "[@class='\($0)']" } ?? ""
        return try document.nodes(forXPath: "//*[local-name()='\(name)']\(classTest)").compactMap { $0 as? XMLElement }
    }

    /// Elements named `name` inside the series group labelled `label`.
    func seriesElements(_ name: String, label: String) throws -> [XMLElement] {
        let path = "//*[@class='series'][@data-label='\(label)']/*[local-name()='\(name)']"
        return try document.nodes(forXPath: path).compactMap { $0 as? XMLElement }
    }

    func texts(class className: String) throws -> [String] {
        try elements("text", class: className).map { $0.stringValue ?? "" }
    }

    /// The plot area as (left, top, right, bottom).
    func plotArea() throws -> (left: Double, top: Double, right: Double, bottom: Double) {
        guard let rect = try elements("rect", class: "plot-area").first else { throw Missing.element("plot-area") }
        let x = rect.double("x"), y = rect.double("y")
        return (x, y, x + rect.double("width"), y + rect.double("height"))
    }

    enum Missing: Error { case element(String) }
}

extension XMLElement {
    /// The value of attribute `name`. (FoundationXML's `attribute(forName:)` finds nothing on elements in the SVG
    /// namespace, so this searches `attributes`.)
    func value(_ name: String) -> String? {
        attributes?.first { $0.name == name }?.stringValue
    }

    func double(_ name: String) -> Double {
        Double(value(name) ?? "") ?? .nan
    }
}
