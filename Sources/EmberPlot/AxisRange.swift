import Foundation

/// The span of data an axis shows and how a value maps to a fraction of the axis length.
struct AxisRange: Equatable {
    var lower: Double
    var upper: Double
    var scale: AxisScale

    /// The range of the finite `values` (positive ones only on a log scale), exactly: the smallest value sits at one
    /// end of the axis and the largest at the other. A zero-width range is widened around its value (±10 %, or ±1
    /// around 0; one decade either side on a log scale), and with no usable value the range is 0...1 (1...10 on a
    /// log scale).
    init(covering values: [Double], scale: AxisScale) {
        self.scale = scale
        let usable = values.filter { AxisRange.canShow($0, on: scale) }
        guard let low = usable.min(), let high = usable.max() else {
            (lower, upper) = scale == .log10 ? (1, 10) : (0, 1)
            return
        }
        if low < high {
            (lower, upper) = (low, high)
        } else if scale == .log10 {
            (lower, upper) = (low / 10, low * 10)
        } else {
            let half = low == 0 ? 1 : abs(low) * 0.1
            (lower, upper) = (low - half, low + half)
        }
    }

    /// Whether `value` has a position on an axis of this scale.
    static func canShow(_ value: Double, on scale: AxisScale) -> Bool {
        value.isFinite && (scale == .linear || value > 0)
    }

    /// Where `value` falls: 0 at `lower`, 1 at `upper`.
    func fraction(of value: Double) -> Double {
        switch scale {
        case .linear: (value - lower) / (upper - lower)
        case .log10:
            (Foundation.log10(value) - Foundation.log10(lower)) / (Foundation.log10(upper) - Foundation.log10(lower))
        }
    }

    var ticks: AxisTicks {
        switch scale {
        case .linear: AxisTicks.linear(lower, upper)
        case .log10: AxisTicks.log10(lower, upper)
        }
    }
}
