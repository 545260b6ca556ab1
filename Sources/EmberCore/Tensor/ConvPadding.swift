import EmberBackend

/// The padding of a convolution, like the `padding` argument of `torch.nn.functional.conv2d`: an integer (the same
/// on every side), `.explicit(height, width)`, `.valid` (none) or `.same` (the output keeps the input's size).
///
/// `.same` pads `dilation·(kernel − 1)` in all along each axis, half of it (rounded down) before and the rest after,
/// as PyTorch does, so an even kernel pads one more element at the bottom and right; like PyTorch it needs stride 1.
///
/// ```swift
/// let x = Tensor<Float>.randn([1, 1, 5, 5])
/// let w = Tensor<Float>.randn([2, 1, 4, 4])
/// let same = x.conv2d(w, padding: .same)        // [1, 2, 5, 5]: 1 row above, 2 below
/// let one = x.conv2d(w, padding: 1)              // [1, 2, 4, 4]
/// let tall = x.conv2d(w, padding: .explicit(2, 0))   // [1, 2, 6, 2]
/// ```
public struct ConvPadding: Sendable, Hashable, ExpressibleByIntegerLiteral, CustomStringConvertible {
    /// The padding above and below (`nil` for `.same`).
    public let height: Int?
    /// The padding left and right (`nil` for `.same`).
    public let width: Int?

    /// Pads the input so that the output keeps its size (stride 1 only), like `padding="same"`.
    public static let same = ConvPadding(height: nil, width: nil)
    /// No padding, like `padding="valid"`.
    public static let valid = ConvPadding(height: 0, width: 0)

    /// `height` elements above and below, `width` left and right, like `padding=(height, width)`.
    public static func explicit(_ height: Int, _ width: Int) -> ConvPadding { ConvPadding(height: height, width: width) }

    /// `value` elements on every side, like `padding=value`.
    public init(integerLiteral value: Int) { self.init(value) }

    /// `value` elements on every side, like `padding=value`.
    public init(_ value: Int) { self.init(height: value, width: value) }

    private init(height: Int?, width: Int?) {
        self.height = height
        self.width = width
    }

    /// Whether this is `.same`.
    public var isSame: Bool { height == nil }

    public var description: String {
        guard let height, let width else { return "same" }
        return height == width ? "\(height)" : "(\(height), \(width))"
    }

    /// The padding (before, after) of one axis with kernel size `kernel` and dilation `dilation`.
    func amounts(_ explicit: Int?, kernel: Int, dilation: Int) -> (before: Int, after: Int) {
        if let explicit { return (explicit, explicit) }
        let total = dilation * (kernel - 1)
        return (total / 2, total - total / 2)
    }
}
