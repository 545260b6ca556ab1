import EmberBackend

/// Shape arithmetic: PyTorch's broadcasting rules and axis normalisation.
@usableFromInline
enum Shape {
    /// The shape two operands broadcast to (dimensions aligned from the right; each pair equal, or one of them 1).
    /// Stops with a message naming `op` and both shapes when they do not broadcast.
    @inlinable
    static func broadcast(_ a: [Int], _ b: [Int], op: String) -> [Int] {
        if a == b { return a }
        // A one-element operand of no higher rank broadcasts to the other's shape (no new array).
        if a.count <= b.count && a.allSatisfy({ $0 == 1 }) { return b }
        if b.count <= a.count && b.allSatisfy({ $0 == 1 }) { return a }
        let rank = Swift.max(a.count, b.count)
        var out = [Int](repeating: 1, count: rank)
        for i in 0..<rank {
            let da = i < a.count ? a[a.count - 1 - i] : 1
            let db = i < b.count ? b[b.count - 1 - i] : 1
            guard da == db || da == 1 || db == 1 else {
                preconditionFailure("\(op): shapes \(a) and \(b) cannot be broadcast together "
                    + "(dimension \(rank - 1 - i): \(da) vs \(db))")
            }
            out[rank - 1 - i] = da == 1 ? db : da
        }
        return out
    }

    /// `axis` made non-negative (`-1` is the last axis); stops with a message naming `op` when out of range.
    @inlinable
    static func normalize(axis: Int, rank: Int, op: String) -> Int {
        let resolved = axis < 0 ? axis + rank : axis
        precondition(resolved >= 0 && resolved < Swift.max(rank, 1),
                     "\(op): axis \(axis) is out of range for a tensor of rank \(rank)")
        return resolved
    }

    /// Row-major element strides of `shape`.
    @inlinable
    static func strides(_ shape: [Int]) -> [Int] {
        var strides = [Int](repeating: 1, count: shape.count)
        var stride = 1
        for d in shape.indices.reversed() {
            strides[d] = stride
            stride *= shape[d]
        }
        return strides
    }

    /// Checks that every dimension is non-negative and that the element count fits in `Int`.
    @inlinable
    static func validate(_ shape: [Int], op: String) {
        precondition(shape.allSatisfy { $0 >= 0 }, "\(op): shape \(shape) has a negative dimension")
        _ = Allocator.elementCount(shape, op: op)
    }
}
