import EmberBackend
import EmberIO
import Foundation

/// A grid of coloured cells with row and column labels, such as a confusion matrix, rendered as a standalone SVG
/// document.
///
/// Each cell's colour runs from white (the smallest value, or 0 when all are positive) to the palette's blue (the
/// largest); its text, when given, is written in the cell (white on dark cells). Rows run top to bottom in order, so
/// a confusion matrix reads as printed: actual classes down, predicted classes across.
///
/// ```swift
/// let counts = [[5, 1], [0, 6]]
/// let heatmap = Heatmap(title: "Confusion matrix", rowLabels: ["cat", "dog"], columnLabels: ["cat", "dog"],
///                       values: counts.map { row in row.map(Double.init) },
///                       cellText: counts.map { row in row.map(String.init) },
///                       xLabel: "predicted", yLabel: "actual")
/// let svg = heatmap.svg()
/// ```
public struct Heatmap: Sendable, Hashable {
    public var title: String
    public var rowLabels: [String]
    public var columnLabels: [String]
    /// `values[row][column]`; NaN or infinite cells are drawn grey.
    public var values: [[Double]]
    /// The text of each cell, `cellText[row][column]`; `nil` writes none.
    public var cellText: [[String]]?
    public var xLabel: String
    public var yLabel: String
    /// The size of each cell in SVG user units (pixels).
    public var cellSize: Double

    /// - Precondition: `values` has one row per row label and one value per column label in every row, and so has
    ///   `cellText` when given.
    public init(title: String = "", rowLabels: [String], columnLabels: [String], values: [[Double]],
                cellText: [[String]]? = nil, xLabel: String = "", yLabel: String = "", cellSize: Double = 48) {
        emberPrecondition(values.count == rowLabels.count && values.allSatisfy { $0.count == columnLabels.count },
                     "Heatmap: values must be \(rowLabels.count) rows of \(columnLabels.count) values")
        emberPrecondition(cellText.map { $0.count == rowLabels.count && $0.allSatisfy { $0.count == columnLabels.count } }
                        ?? true, "Heatmap: cellText must be \(rowLabels.count) rows of \(columnLabels.count) texts")
        self.title = title
        self.rowLabels = rowLabels
        self.columnLabels = columnLabels
        self.values = values
        self.cellText = cellText
        self.xLabel = xLabel
        self.yLabel = yLabel
        self.cellSize = cellSize
    }

    /// The heatmap as a complete SVG 1.1 document. Cells are `rect.cell` with `data-row`, `data-column` and
    /// `data-value`; their texts are `text.cell-text`; labels are `text.row-label` and `text.column-label`.
    public func svg() -> String {
        let font = PlotLayout.tickFontSize
        let widestRow = rowLabels.map { PlotLayout.textWidth($0, fontSize: font) }.max() ?? 0
        let left = 12 + (yLabel.isEmpty ? 0 : PlotLayout.labelFontSize + 10) + widestRow + 8
        let top = (title.isEmpty ? 16 : 48) + (xLabel.isEmpty ? 0 : PlotLayout.labelFontSize + 10) + font + 8
        let gridWidth = cellSize * Double(columnLabels.count), gridHeight = cellSize * Double(rowLabels.count)
        let width = max(left + gridWidth + 24, PlotLayout.textWidth(title, fontSize: PlotLayout.titleFontSize) + 24)
        let height = top + gridHeight + 24
        let finite = values.joined().filter(\.isFinite)
        let low = min(0, finite.min() ?? 0), high = finite.max() ?? 1
        let blue = PlotColor.palette[0]

        var svg = SVGDocument(width: width, height: height)
        if !title.isEmpty {
            svg.text(title, x: width / 2, y: 30, attributes: ["class": "title", "text-anchor": "middle",
                                                             "font-size": "16", "font-weight": "bold"])
        }
        if !xLabel.isEmpty {
            svg.text(xLabel, x: left + gridWidth / 2, y: top - font - 14,
                     attributes: ["class": "x-label", "text-anchor": "middle", "font-size": "14"])
        }
        if !yLabel.isEmpty {
            let x = 12 + PlotLayout.labelFontSize - 2, y = top + gridHeight / 2
            svg.text(yLabel, x: x, y: y, attributes: ["class": "y-label", "text-anchor": "middle", "font-size": "14",
                                                      "transform": "rotate(-90 \(svg.number(x)) \(svg.number(y)))"])
        }
        svg.open("g", ["font-size": svg.number(font)])
        for (column, label) in columnLabels.enumerated() {
            svg.text(label, x: left + cellSize * (Double(column) + 0.5), y: top - 8,
                     attributes: ["class": "column-label", "text-anchor": "middle"])
        }
        for (row, label) in rowLabels.enumerated() {
            let y = top + cellSize * Double(row)
            svg.text(label, x: left - 8, y: y + cellSize / 2 + 4, attributes: ["class": "row-label", "text-anchor": "end"])
            for column in columnLabels.indices {
                let value = values[row][column], x = left + cellSize * Double(column)
                let share = value.isFinite ? (high > low ? (value - low) / (high - low) : 0) : .nan
                let fill = share.isNaN ? "#cccccc" : Self.mix(blue, share).hex
                svg.element("rect", ["class": "cell", "x": svg.number(x), "y": svg.number(y),
                                     "width": svg.number(cellSize), "height": svg.number(cellSize), "fill": fill,
                                     "stroke": "white", "data-row": "\(row)", "data-column": "\(column)",
                                     "data-value": "\(value)"])
                if let text = cellText?[row][column] {
                    svg.text(text, x: x + cellSize / 2, y: y + cellSize / 2 + 4, attributes: [
                        "class": "cell-text", "text-anchor": "middle", "fill": share > 0.6 ? "white" : "#222"])
                }
            }
        }
        svg.close("g")
        return svg.finished()
    }

    /// White blended towards `color` by `share` in [0, 1].
    private static func mix(_ color: PlotColor, _ share: Double) -> PlotColor {
        func channel(_ c: UInt8) -> UInt8 { UInt8((255 - (255 - Double(c)) * share).rounded()) }
        return PlotColor(red: channel(color.red), green: channel(color.green), blue: channel(color.blue))
    }
}

/// A confusion matrix as a heatmap: actual classes down, predicted classes across, each cell coloured by the share of
/// its row (the recall of the diagonal) and labelled with its count.
///
/// ```swift
/// let heatmap = confusionMatrixPlot(counts: [[5, 1], [0, 6]], classes: ["cat", "dog"])
/// let svg = heatmap.svg()
/// ```
/// - Parameters:
///   - counts: `counts[actual][predicted]`, square, one row per class.
///   - classes: the class names.
///   - title: the figure title.
public func confusionMatrixPlot(counts: [[Int]], classes: [String], title: String = "Confusion matrix") -> Heatmap {
    let shares = counts.map { row in
        let total = row.reduce(0, +)
        return row.map { total == 0 ? 0 : Double($0) / Double(total) }
    }
    return Heatmap(title: title, rowLabels: classes, columnLabels: classes, values: shares,
                   cellText: counts.map { $0.map(String.init) }, xLabel: "predicted", yLabel: "actual")
}
