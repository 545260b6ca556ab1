import EmberBackend

extension KernelChecker {
    /// `fill`, `copy` and `copyStrided`, which round nothing and must match exactly, NaN and infinities included.
    /// `copyStrided` covers permutes (transposes), expands (stride 0), slices (steps), rank 0 and empty shapes, so a
    /// result in the wrong order fails.
    mutating func checkDataMovement() {
        let fillValues: [Double] = [0, -0.0, 1, -2.5, 1e-30, .nan, .infinity, -.infinity]
        for count in Sizes.edges + (includeLarge ? [Sizes.large] : []) {
            let value = T(rng.chance(0.5) ? rng.pick(fillValues) : rng.uniform(-10...10))
            check("fill", "count \(count), value \(value)", count: count) { backend, out in
                backend.fill(value, out, count: count)
            }
            let source = Operand<T>(rng.values(count, .uniform(-10...10), specials: nonFiniteValues, chance: 0.05))
            check("copy", "count \(count)", count: count,
                  inputs: { "src \(describe(source[$0], as: T.self))" }) { backend, out in
                source.withPointer { backend.copy($0, out, count: count) }
            }
        }
        for rows in Sizes.gemm {
            let columns = rng.pick(Sizes.gemm)
            checkCopyStrided(shape: [columns, rows], strides: [1, columns], "transpose of [\(rows), \(columns)]")
        }
        for _ in 0..<150 {
            let (shape, strides) = randomView()
            checkCopyStrided(shape: shape, strides: strides, "random view")
        }
        checkCopyStrided(shape: [], strides: [], "rank 0")
        checkCopyStrided(shape: [3, 0, 4], strides: [4, 4, 1], "empty")
        if includeLarge {
            let rows = 512, columns = Sizes.large / 512 + 1
            checkCopyStrided(shape: [columns, rows], strides: [1, columns], "transpose of [\(rows), \(columns)]")
            checkCopyStrided(shape: [rows, 3, columns], strides: [columns, 0, 1], "expand of [\(rows), 1, \(columns)]")
        }
    }

    private mutating func checkCopyStrided(shape: [Int], strides: [Int], _ kind: String) {
        let count = shape.reduce(1, *)
        // The source holds every element the view reaches.
        let sourceCount = count == 0 ? 0 : zip(shape, strides).reduce(1) { $0 + ($1.0 - 1) * $1.1 }
        let source = Operand<T>(rng.values(sourceCount, .uniform(-10...10), specials: nonFiniteValues, chance: 0.02))
        check("copyStrided", "\(kind): shape \(shape), strides \(strides)", count: count) { backend, out in
            source.withPointer { backend.copyStrided($0, shape: shape, strides: strides, out) }
        }
    }

    /// A view of rank 0…5 over a contiguous buffer: the buffer's strides permuted, some multiplied by a step (a
    /// slice), some set to 0 (an expand), with at most a few thousand elements.
    private mutating func randomView() -> (shape: [Int], strides: [Int]) {
        let rank = rng.int(in: 0...5)
        var shape = (0..<rank).map { _ in rng.pick([1, 2, 3, 4, 5, 7, 8, 9, 16, 17, 31, 33]) }
        while shape.reduce(1, *) > 4000, let largest = shape.indices.max(by: { shape[$0] < shape[$1] }) {
            shape[largest] = rng.pick([1, 2, 3])
        }
        var contiguous = [Int](repeating: 1, count: rank)
        for d in stride(from: rank - 2, through: 0, by: -1) { contiguous[d] = contiguous[d + 1] * shape[d + 1] }
        // Permute: view dimension d walks the buffer dimension order[d].
        let order = rng.shuffled(Array(0..<rank))
        let viewShape = order.map { shape[$0] }
        let viewStrides = order.map { d in
            rng.chance(0.15) ? 0 : contiguous[d] * (rng.chance(0.2) ? rng.pick([2, 3]) : 1)
        }
        return (viewShape, viewStrides)
    }
}
