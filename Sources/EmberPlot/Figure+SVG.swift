import Foundation

extension Figure {
    /// The figure as a complete SVG 1.1 document that browsers and `rsvg-convert` display as is.
    ///
    /// Elements carry classes for tools and tests: the plot area is `rect.plot-area`, tick labels are
    /// `text.x-tick-label` / `text.y-tick-label`, each series is a `g.series` with `data-label` holding `circle`s
    /// (scatter) or `polyline`s (line), and each legend entry is a `g.legend-entry`.
    public func svg() -> String {
        let colors = series.enumerated().map { index, item in
            item.color ?? PlotColor.palette[index % PlotColor.palette.count]
        }
        let drawable = series.map { item in
            item.x.indices.map { i in
                AxisRange.canShow(item.x[i], on: .linear) && AxisRange.canShow(item.y[i], on: yScale)
            }
        }
        var xs: [Double] = [], ys: [Double] = []
        for (item, mask) in zip(series, drawable) {
            for i in item.x.indices where mask[i] {
                xs.append(item.x[i])
                ys.append(item.y[i])
            }
        }
        let skipped = series.reduce(0) { $0 + $1.x.count } - xs.count
        let legend = series.indices.filter { !series[$0].label.isEmpty }
        let layout = PlotLayout(figure: self, xRange: AxisRange(covering: xs, scale: .linear),
                                yRange: AxisRange(covering: ys, scale: yScale),
                                legendLabels: legend.map { series[$0].label }, hasNote: skipped > 0)

        var svg = SVGDocument(width: layout.width, height: layout.height)
        drawTitleAndGrid(into: &svg, layout: layout)
        for index in series.indices {
            drawSeries(series[index], drawable: drawable[index], color: colors[index], into: &svg, layout: layout)
        }
        drawAxes(into: &svg, layout: layout)
        drawLegend(entries: legend.map { (series[$0], colors[$0]) }, into: &svg, layout: layout)
        if xs.isEmpty {
            svg.text("No data", x: layout.left + layout.plotWidth / 2, y: layout.top + layout.plotHeight / 2,
                     attributes: ["class": "no-data", "text-anchor": "middle", "font-size": "14", "fill": "#666"])
        }
        if skipped > 0 {
            let reason = yScale == .log10 ? "NaN, infinite or ≤ 0" : "NaN or infinite"
            let noun = skipped == 1 ? "point" : "points"
            svg.text("\(skipped) \(noun) not shown (\(reason))", x: layout.right, y: layout.height - 8,
                     attributes: ["class": "note", "text-anchor": "end", "font-size": "11", "fill": "#666"])
        }
        return svg.finished()
    }

    private func drawTitleAndGrid(into svg: inout SVGDocument, layout: PlotLayout) {
        if !title.isEmpty {
            svg.text(title, x: layout.left + layout.plotWidth / 2, y: 30,
                     attributes: ["class": "title", "text-anchor": "middle", "font-size": "16", "font-weight": "bold"])
        }
        svg.open("g", ["class": "grid", "stroke": "#e6e6e6", "stroke-width": "1"])
        for value in layout.xTicks.values {
            let x = layout.position(x: value, y: layout.yRange.lower).x
            svg.line(x, layout.top, x, layout.bottom)
        }
        for value in layout.yTicks.values {
            let y = layout.position(x: layout.xRange.lower, y: value).y
            svg.line(layout.left, y, layout.right, y)
        }
        svg.close("g")
        svg.element("rect", ["class": "plot-area", "x": svg.number(layout.left), "y": svg.number(layout.top),
                             "width": svg.number(layout.plotWidth), "height": svg.number(layout.plotHeight),
                             "fill": "none", "stroke": "#333", "stroke-width": "1"])
    }

    private func drawSeries(_ item: Series, drawable: [Bool], color: PlotColor, into svg: inout SVGDocument,
                            layout: PlotLayout) {
        svg.open("g", ["class": "series", "data-kind": item.kind == .scatter ? "scatter" : "line",
                       "data-label": item.label, "fill": color.hex])
        switch item.kind {
        case .scatter:
            for i in item.x.indices where drawable[i] {
                svg.circle(layout.position(x: item.x[i], y: item.y[i]), radius: 3.5)
            }
        case .line:
            var run: [(x: Double, y: Double)] = []
            for i in item.x.indices.map({ $0 }) + [item.x.count] {
                if i < item.x.count && drawable[i] {
                    run.append(layout.position(x: item.x[i], y: item.y[i]))
                    continue
                }
                if run.count == 1 {
                    svg.circle(run[0], radius: 2.5)
                } else if run.count > 1 {
                    let points = run.map { "\(svg.number($0.x)),\(svg.number($0.y))" }.joined(separator: " ")
                    svg.element("polyline", ["points": points, "fill": "none", "stroke": color.hex,
                                             "stroke-width": "2", "stroke-linejoin": "round"])
                }
                run = []
            }
        }
        svg.close("g")
    }

    private func drawAxes(into svg: inout SVGDocument, layout: PlotLayout) {
        let font = svg.number(PlotLayout.tickFontSize)
        svg.open("g", ["class": "x-axis", "font-size": font, "text-anchor": "middle"])
        for (value, label) in zip(layout.xTicks.values, layout.xTicks.labels) {
            let x = layout.position(x: value, y: layout.yRange.lower).x
            svg.line(x, layout.bottom, x, layout.bottom + 5, stroke: "#333")
            svg.text(label, x: x, y: layout.bottom + 19, attributes: ["class": "x-tick-label"])
        }
        svg.close("g")
        svg.open("g", ["class": "y-axis", "font-size": font, "text-anchor": "end"])
        for (value, label) in zip(layout.yTicks.values, layout.yTicks.labels) {
            let y = layout.position(x: layout.xRange.lower, y: value).y
            svg.line(layout.left - 5, y, layout.left, y, stroke: "#333")
            svg.text(label, x: layout.left - 8, y: y + 4, attributes: ["class": "y-tick-label"])
        }
        svg.close("g")
        if !xLabel.isEmpty {
            svg.text(xLabel, x: layout.left + layout.plotWidth / 2, y: layout.bottom + 44,
                     attributes: ["class": "x-label", "text-anchor": "middle", "font-size": "14"])
        }
        if !yLabel.isEmpty {
            let x = 12 + PlotLayout.labelFontSize - 2, y = layout.top + layout.plotHeight / 2
            svg.text(yLabel, x: x, y: y, attributes: [
                "class": "y-label", "text-anchor": "middle", "font-size": "14",
                "transform": "rotate(-90 \(svg.number(x)) \(svg.number(y)))",
            ])
        }
    }

    private func drawLegend(entries: [(Series, PlotColor)], into svg: inout SVGDocument, layout: PlotLayout) {
        guard !entries.isEmpty else { return }
        let x = layout.right + 18, rowHeight = PlotLayout.legendRowHeight
        svg.open("g", ["class": "legend", "font-size": svg.number(PlotLayout.tickFontSize)])
        svg.element("rect", ["x": svg.number(x), "y": svg.number(layout.top), "width": svg.number(layout.legendWidth),
                             "height": svg.number(Double(entries.count) * rowHeight + 8), "fill": "white",
                             "stroke": "#ccc", "rx": "3"])
        for (row, (item, color)) in entries.enumerated() {
            let centerY = layout.top + 4 + rowHeight * (Double(row) + 0.5)
            let swatchStart = x + 10, swatchEnd = swatchStart + PlotLayout.legendSwatchWidth
            svg.open("g", ["class": "legend-entry"])
            switch item.kind {
            case .scatter:
                svg.element("circle", ["cx": svg.number((swatchStart + swatchEnd) / 2), "cy": svg.number(centerY),
                                       "r": "3.5", "fill": color.hex])
            case .line:
                svg.line(swatchStart, centerY, swatchEnd, centerY, stroke: color.hex, width: 2)
            }
            svg.text(item.label, x: swatchEnd + 8, y: centerY + 4, attributes: [:])
            svg.close("g")
        }
        svg.close("g")
    }
}
