/// One position in a tensor subscript: an integer (the axis is removed), a range of an axis, the whole axis, or a
/// new size-1 axis, like the items of a PyTorch index expression `x[1, 2:5, :, None]`.
///
/// Integers and Swift ranges are written as they are (`x[1]`, `x[1..<3]`, `x[..<2]`, `x[(-2)...]`); the others are
/// `.all`, `.newAxis` and `.range(_:_:step:)`. Negative positions count from the end; range bounds past either end
/// are clamped, as in PyTorch (`x[5...]` on 3 rows is empty), while an integer out of range stops.
public struct TensorIndex: Sendable, Equatable {
    @usableFromInline
    enum Kind: Sendable, Equatable {
        case at(Int)
        case range(lower: Int?, upper: Int?, step: Int)
        case all
        case newAxis
    }
    @usableFromInline let kind: Kind

    @usableFromInline init(_ kind: Kind) { self.kind = kind }

    /// The whole axis, like `:` in PyTorch.
    public static var all: TensorIndex { TensorIndex(.all) }
    /// A new axis of size 1, like `None` in PyTorch.
    public static var newAxis: TensorIndex { TensorIndex(.newAxis) }
    /// One position (the axis is removed).
    public static func at(_ index: Int) -> TensorIndex { TensorIndex(.at(index)) }
    /// Positions `lower, lower + step, …` below `upper` (`nil` bounds are the ends), like `lower:upper:step`.
    /// - Precondition: `step > 0` (PyTorch has no negative steps either).
    public static func range(_ lower: Int?, _ upper: Int?, step: Int = 1) -> TensorIndex {
        precondition(step > 0, "index: a range step must be positive, got \(step)")
        return TensorIndex(.range(lower: lower, upper: upper, step: step))
    }
}

/// A value that can stand in a tensor subscript: `Int`, Swift's integer ranges, or a `TensorIndex`.
public protocol TensorIndexConvertible {
    var tensorIndex: TensorIndex { get }
}

extension TensorIndexConvertible where Self == TensorIndex {
    /// The whole axis, like `:` in PyTorch.
    public static var all: TensorIndex { TensorIndex(.all) }
    /// A new axis of size 1, like `None` in PyTorch.
    public static var newAxis: TensorIndex { TensorIndex(.newAxis) }
    /// Positions `lower, lower + step, …` below `upper` (`nil` bounds are the ends), like `lower:upper:step`.
    public static func range(_ lower: Int?, _ upper: Int?, step: Int = 1) -> TensorIndex {
        TensorIndex.range(lower, upper, step: step)
    }
}

extension TensorIndex: TensorIndexConvertible {
    public var tensorIndex: TensorIndex { self }
}
extension Int: TensorIndexConvertible {
    public var tensorIndex: TensorIndex { .at(self) }
}
extension Range: TensorIndexConvertible where Bound == Int {
    public var tensorIndex: TensorIndex { .range(lowerBound, upperBound) }
}
extension ClosedRange: TensorIndexConvertible where Bound == Int {
    /// `a...b`; with a negative `b`, up to and including that position from the end (`-1` is the last).
    public var tensorIndex: TensorIndex { .range(lowerBound, upperBound == -1 ? nil : upperBound + 1) }
}
extension PartialRangeFrom: TensorIndexConvertible where Bound == Int {
    public var tensorIndex: TensorIndex { .range(lowerBound, nil) }
}
extension PartialRangeUpTo: TensorIndexConvertible where Bound == Int {
    public var tensorIndex: TensorIndex { .range(nil, upperBound) }
}
extension PartialRangeThrough: TensorIndexConvertible where Bound == Int {
    public var tensorIndex: TensorIndex { .range(nil, upperBound == -1 ? nil : upperBound + 1) }
}
