import EmberBackend

/// Operand shapes for `binary`: random shapes that broadcast, and where each operand element sits in a layout.
extension SplitMix64 {
    /// An output shape of rank 1…5 with at most `maxCount` elements (sometimes none), and two operand shapes that
    /// broadcast to it: each operand keeps or sets to 1 each dimension independently, and sometimes drops leading
    /// dimensions, so size-1 dimensions appear in every position.
    mutating func broadcastShapes(maxCount: Int) -> (lhs: [Int], rhs: [Int], out: [Int]) {
        let dims = [1, 1, 2, 3, 4, 5, 7, 8, 9, 15, 16, 17, 31, 32, 33, 64, 65]
        var out = (0..<int(in: 1...5)).map { _ in pick(dims) }
        while out.reduce(1, *) > maxCount, let largest = out.indices.max(by: { out[$0] < out[$1] }) {
            out[largest] = pick([1, 2, 3, 5])
        }
        if chance(0.04) { out[int(in: 0...(out.count - 1))] = 0 }
        return (operandShape(broadcastingTo: out), operandShape(broadcastingTo: out), out)
    }

    private mutating func operandShape(broadcastingTo out: [Int]) -> [Int] {
        var shape = out.map { chance(0.35) ? 1 : $0 }
        if chance(0.3) { shape.removeFirst(int(in: 0...(shape.count - 1))) }
        return shape
    }
}

extension BroadcastLayout {
    /// The element offsets in the left and right operands of output element `index`.
    func operandOffsets(ofOutput index: Int) -> (lhs: Int, rhs: Int) {
        switch kind {
        case .elementwise: return (index, index)
        case .scalarLHS: return (0, index)
        case .scalarRHS: return (index, 0)
        case .strided:
            var rest = index, lhs = 0, rhs = 0
            for d in shape.indices.reversed() {
                let i = rest % shape[d]
                rest /= shape[d]
                lhs += i * lhsStrides[d]
                rhs += i * rhsStrides[d]
            }
            return (lhs, rhs)
        }
    }
}
