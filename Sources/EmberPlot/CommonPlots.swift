/// The figure of the PyTorch linear-regression tutorial: the data as points and one straight line
/// `y = weight·x + bias` per fitted model (for example the SGD fit and the closed-form least-squares fit), drawn
/// across the data's x range.
///
/// ```swift
/// let figure = regressionPlot(x: [1, 2, 3], y: [2.1, 3.9, 6.2],
///                             lines: [(label: "SGD", weight: 2.0, bias: 0.1),
///                                     (label: "least squares", weight: 2.05, bias: 0)],
///                             title: "Linear regression")
/// try figure.write(to: "regression.svg")
/// ```
///
/// - Parameters:
///   - x: The input of each sample.
///   - y: The target of each sample; `y.count == x.count`.
///   - lines: The fitted lines, each with its legend label.
///   - title: The figure title.
/// - Returns: A figure with x label "x" and y label "y"; its lines span the finite x values (widened like an axis
///   when they are all equal; 0...1 with none).
public func regressionPlot(x: [Double], y: [Double], lines: [(label: String, weight: Double, bias: Double)],
                           title: String = "Linear regression") -> Figure {
    var figure = Figure(title: title, xLabel: "x", yLabel: "y")
    figure.add(Series(.scatter, label: "data", x: x, y: y, color: PlotColor.palette[0]))
    let xRange = AxisRange(covering: x, scale: .linear)
    for (index, line) in lines.enumerated() {
        let ends = [xRange.lower, xRange.upper]
        figure.add(Series(.line, label: line.label, x: ends, y: ends.map { line.weight * $0 + line.bias },
                          color: PlotColor.palette[(index + 1) % PlotColor.palette.count]))
    }
    return figure
}

/// Loss per epoch on a log10 y axis, for the training loss and optionally the validation loss.
///
/// Epochs are numbered from 1. Losses that are NaN, infinite or ≤ 0 are skipped (the figure notes how many), so a
/// diverging run still plots.
///
/// ```swift
/// let figure = lossPlot(train: [1.2, 0.5, 0.1], validation: [1.3, 0.6, 0.2], title: "Training")
/// let svg = figure.svg()
/// ```
///
/// - Parameters:
///   - train: The training loss after each epoch.
///   - validation: The validation loss after each epoch, if any.
///   - title: The figure title.
public func lossPlot(train: [Double], validation: [Double]? = nil, title: String = "Loss") -> Figure {
    var figure = Figure(title: title, xLabel: "epoch", yLabel: "loss", yScale: .log10)
    figure.add(Series(.line, label: "train", x: train.indices.map { Double($0 + 1) }, y: train))
    if let validation {
        figure.add(Series(.line, label: "validation", x: validation.indices.map { Double($0 + 1) }, y: validation))
    }
    return figure
}
