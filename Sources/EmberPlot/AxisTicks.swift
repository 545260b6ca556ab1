import Foundation

/// Tick positions and their labels for one axis.
///
/// Linear axes step by 1, 2 or 5 times a power of ten; log axes put ticks at powers of ten (every few decades when the
/// range is wide), or at 1, 2, 5 times a power of ten when it spans less than two decades.
struct AxisTicks: Equatable {
    var values: [Double]
    var labels: [String]

    /// About `target` ticks within `lower...upper` (both finite, `lower < upper`), at multiples of a 1-2-5 step.
    static func linear(_ lower: Double, _ upper: Double, target: Int = 6) -> AxisTicks {
        let step = niceStep(for: (upper - lower) / Double(max(target, 1)))
        let first = (lower / step - 1e-9).rounded(.up)
        let last = (upper / step + 1e-9).rounded(.down)
        var values: [Double] = []
        var k = first
        while k <= last {
            let value = k * step
            values.append(abs(value) < step * 1e-9 ? 0 : value)
            k += 1
        }
        return AxisTicks(values: values, labels: values.map { formatTick($0, step: step) })
    }

    /// Ticks within `lower...upper` (both positive, `lower < upper`) for a log10 axis.
    static func log10(_ lower: Double, _ upper: Double) -> AxisTicks {
        let lowDecade = Int((Foundation.log10(lower) - 1e-9).rounded(.up))
        let highDecade = Int((Foundation.log10(upper) + 1e-9).rounded(.down))
        if highDecade - lowDecade + 1 >= 2 {
            let every = max(1, (highDecade - lowDecade + 8) / 8)
            let values = stride(from: lowDecade, through: highDecade, by: every).map { pow(10, Double($0)) }
            return AxisTicks(values: values, labels: values.map { formatTick($0, step: $0) })
        }
        var values: [Double] = []
        for decade in (lowDecade - 1)...(highDecade + 1) {
            for mantissa in [1.0, 2.0, 5.0] {
                let value = mantissa * pow(10, Double(decade))
                if value >= lower * (1 - 1e-9) && value <= upper * (1 + 1e-9) { values.append(value) }
            }
        }
        if values.count >= 2 {
            return AxisTicks(values: values, labels: values.map { formatTick($0, step: $0) })
        }
        return linear(lower, upper, target: 4)
    }

    /// The smallest of 1, 2, 5 or 10 times a power of ten that is at least about `raw`.
    static func niceStep(for raw: Double) -> Double {
        guard raw.isFinite, raw > 0 else { return 1 }
        let magnitude = pow(10, Foundation.log10(raw).rounded(.down))
        let residual = raw / magnitude
        let factor: Double = residual < 1.5 ? 1 : residual < 3 ? 2 : residual < 7 ? 5 : 10
        return factor * magnitude
    }

    /// `value` written with as many decimals as `step` needs; scientific notation outside 1e-4...1e6.
    static func formatTick(_ value: Double, step: Double) -> String {
        if value == 0 { return "0" }
        let magnitude = abs(value)
        if magnitude >= 1e6 || magnitude < 1e-4 {
            let exponent = Int(Foundation.log10(magnitude).rounded(.down))
            let mantissa = value / pow(10, Double(exponent))
            let mantissaText = trimmedDecimal(String(format: "%.3f", mantissa))
            return "\(mantissaText)e\(exponent)"
        }
        let decimals = min(10, max(0, Int(-Foundation.log10(step).rounded(.down))))
        return String(format: "%.\(decimals)f", value)
    }

    /// `"2.500"` → `"2.5"`, `"3.000"` → `"3"`.
    private static func trimmedDecimal(_ text: String) -> String {
        guard text.contains(".") else { return text }
        var trimmed = text
        while trimmed.hasSuffix("0") { trimmed.removeLast() }
        if trimmed.hasSuffix(".") { trimmed.removeLast() }
        return trimmed
    }
}
