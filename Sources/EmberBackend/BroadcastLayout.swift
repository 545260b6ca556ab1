/// How the two operands of a binary kernel map onto its contiguous output.
///
/// The core computes a layout once per operation (PyTorch broadcasting rules, adjacent dimensions merged),
/// so kernels see one of four cases:
/// - `elementwise`: both operands are contiguous with `count` elements, like the output;
/// - `scalarLHS` / `scalarRHS`: that operand is a single element used for every output element;
/// - `strided`: the general case, described by `shape` and the element strides of each operand
///   (stride 0 along a broadcast dimension). `forEachRow` walks it as runs along the last dimension.
public struct BroadcastLayout: Sendable, Equatable, CustomStringConvertible {
    public enum Kind: Sendable, Equatable { case elementwise, scalarLHS, scalarRHS, strided }

    public let kind: Kind
    /// Number of output elements.
    public let count: Int
    /// Output shape after merging; empty unless `kind == .strided`.
    public let shape: [Int]
    /// Element strides of the left operand over `shape`; empty unless `kind == .strided`.
    public let lhsStrides: [Int]
    /// Element strides of the right operand over `shape`; empty unless `kind == .strided`.
    public let rhsStrides: [Int]

    public static func elementwise(_ count: Int) -> BroadcastLayout {
        BroadcastLayout(kind: .elementwise, count: count, shape: [], lhsStrides: [], rhsStrides: [])
    }
    public static func scalarLHS(_ count: Int) -> BroadcastLayout {
        BroadcastLayout(kind: .scalarLHS, count: count, shape: [], lhsStrides: [], rhsStrides: [])
    }
    public static func scalarRHS(_ count: Int) -> BroadcastLayout {
        BroadcastLayout(kind: .scalarRHS, count: count, shape: [], lhsStrides: [], rhsStrides: [])
    }

    /// A layout for operands of shapes `lhs` and `rhs` broadcast to `out`, choosing the simplest kind that fits.
    /// The caller has checked that the shapes broadcast to `out`.
    public init(lhs: [Int], rhs: [Int], out: [Int]) {
        let count = out.reduce(1, *)
        let lhsCount = lhs.reduce(1, *), rhsCount = rhs.reduce(1, *)
        if lhsCount == count && rhsCount == count {
            self = .elementwise(count)
            return
        }
        if lhsCount == 1 && rhsCount == count {
            self = .scalarLHS(count)
            return
        }
        if rhsCount == 1 && lhsCount == count {
            self = .scalarRHS(count)
            return
        }
        // General case: strides over `out`, then merge adjacent dimensions that stay contiguous for both operands.
        let lhsStrides = Self.broadcastStrides(of: lhs, to: out)
        let rhsStrides = Self.broadcastStrides(of: rhs, to: out)
        var shape: [Int] = [], ls: [Int] = [], rs: [Int] = []
        for d in out.indices where out[d] != 1 {
            if let last = shape.indices.last,
               ls[last] == lhsStrides[d] * out[d], rs[last] == rhsStrides[d] * out[d] {
                shape[last] *= out[d]
                ls[last] = lhsStrides[d]
                rs[last] = rhsStrides[d]
            } else {
                shape.append(out[d])
                ls.append(lhsStrides[d])
                rs.append(rhsStrides[d])
            }
        }
        self.init(kind: .strided, count: count, shape: shape, lhsStrides: ls, rhsStrides: rs)
    }

    init(kind: Kind, count: Int, shape: [Int], lhsStrides: [Int], rhsStrides: [Int]) {
        self.kind = kind
        self.count = count
        self.shape = shape
        self.lhsStrides = lhsStrides
        self.rhsStrides = rhsStrides
    }

    /// Row-major element strides of `shape` broadcast (right-aligned) to `out`: 0 where a dimension is broadcast.
    public static func broadcastStrides(of shape: [Int], to out: [Int]) -> [Int] {
        var strides = [Int](repeating: 0, count: out.count)
        var stride = 1
        for i in 0..<shape.count {
            let d = shape.count - 1 - i, o = out.count - 1 - i
            strides[o] = shape[d] == 1 ? 0 : stride
            stride *= shape[d]
        }
        return strides
    }

    /// Calls `body(lhsOffset, rhsOffset, outOffset, lhsStride, rhsStride, length)` for each run along the last
    /// dimension of a strided layout, in output order. Works for every kind (a non-strided kind is one run).
    @inlinable
    public func forEachRow(_ body: (_ lhs: Int, _ rhs: Int, _ out: Int, _ lhsStride: Int, _ rhsStride: Int, _ n: Int) -> Void) {
        switch kind {
        case .elementwise: body(0, 0, 0, 1, 1, count)
        case .scalarLHS: body(0, 0, 0, 0, 1, count)
        case .scalarRHS: body(0, 0, 0, 1, 0, count)
        case .strided:
            guard count > 0 else { return }
            forEachRow(rows: 0..<(count / shape[shape.count - 1]), body)
        }
    }

    /// The runs of `rows` only (rows along the last dimension of a `.strided` layout, in output order), so that
    /// threads can each take a slice of `forEachRow`.
    @inlinable
    public func forEachRow(rows: Range<Int>,
                           _ body: (_ lhs: Int, _ rhs: Int, _ out: Int, _ lhsStride: Int, _ rhsStride: Int, _ n: Int) -> Void) {
        emberPrecondition(kind == .strided, "forEachRow(rows:) walks a strided layout")
        let rank = shape.count, n = shape[rank - 1]
        let lastL = lhsStrides[rank - 1], lastR = rhsStrides[rank - 1]
        withUnsafeTemporaryAllocation(of: Int.self, capacity: rank) { index in
            // The multi-index of the first row, and the operands' offsets there.
            var l = 0, r = 0, remaining = rows.lowerBound
            for d in stride(from: rank - 1, through: 0, by: -1) {
                index[d] = d == rank - 1 ? 0 : remaining % shape[d]
                if d < rank - 1 { remaining /= shape[d] }
                l += index[d] * lhsStrides[d]
                r += index[d] * rhsStrides[d]
            }
            for row in rows {
                body(l, r, row * n, lastL, lastR, n)
                // Advance the multi-index over the outer dimensions.
                var d = rank - 2
                while d >= 0 {
                    index[d] += 1
                    l += lhsStrides[d]
                    r += rhsStrides[d]
                    if index[d] < shape[d] { break }
                    l -= lhsStrides[d] * shape[d]
                    r -= rhsStrides[d] * shape[d]
                    index[d] = 0
                    d -= 1
                }
            }
        }
    }

    public var description: String {
        switch kind {
        case .elementwise: "elementwise(\(count))"
        case .scalarLHS: "scalarLHS(\(count))"
        case .scalarRHS: "scalarRHS(\(count))"
        case .strided: "strided(shape: \(shape), lhsStrides: \(lhsStrides), rhsStrides: \(rhsStrides))"
        }
    }
}
