import EmberBackend

extension KernelChecker {
    /// `gather`, `scatterAdd`, `addStrided` and `erf`. The index kernels move or add values without rounding
    /// anything but one addition per element (`scatterAdd` adds repeated indices in order), so they must match
    /// exactly except for `scatterAdd`'s repeated sums; each is checked over random shapes with the three index
    /// layouts Ember uses (`torch.gather`, `index_select`, one index per row), empty shapes, outputs that already
    /// hold values, and a large case.
    mutating func checkIndexing() {
        for _ in 0..<80 { checkGatherAndScatter(randomGatherShape()) }
        for empty in [(0, 3, 2, 4), (2, 3, 0, 4), (2, 3, 2, 0)] {
            checkGatherAndScatter(GatherShape(outer: empty.0, length: empty.1, indexLength: empty.2, inner: empty.3,
                                              indexStrides: (empty.2 * empty.3, empty.3, 1)))
        }
        for _ in 0..<80 { checkAddStrided(randomDistinctView()) }
        checkAddStrided((shape: [], strides: []))
        checkAddStrided((shape: [3, 0, 2], strides: [2, 2, 1]))
        for count in Sizes.few {
            let values = rng.values(count, .uniform(-4...4), specials: nonFiniteValues + [0, -0.0], chance: 0.2)
            let x = Operand<T>(values)
            check("erf", "count \(count)", count: count, tolerance: .elementwise(T.self),
                  inputs: { "x \(describe(x[$0], as: T.self))" }) { backend, out in
                x.withPointer { backend.erf($0, out, count: count) }
            }
        }
        if includeLarge {
            checkGatherAndScatter(GatherShape(outer: 1, length: 1000, indexLength: Sizes.large / 64, inner: 64,
                                              indexStrides: (0, 1, 0)))
            checkAddStrided((shape: [Sizes.large / 512, 512], strides: [1024, 1]))
        }
    }

    private mutating func randomGatherShape() -> GatherShape {
        let outer = rng.pick([1, 2, 3, 5]), length = rng.pick([1, 2, 3, 7, 16, 17])
        let indexLength = rng.pick([1, 2, 5, 9, 33]), inner = rng.pick([1, 2, 3, 8, 17])
        let strides: (Int, Int, Int)
        switch rng.int(in: 0...2) {
        case 0: strides = (indexLength * inner, inner, 1)   // torch.gather
        case 1: strides = (0, 1, 0)                        // index_select
        default: strides = (indexLength, 1, 0)             // one index per row
        }
        return GatherShape(outer: outer, length: length, indexLength: indexLength, inner: inner, indexStrides: strides)
    }

    private mutating func checkGatherAndScatter(_ s: GatherShape) {
        let indexCount = s.gatheredCount == 0 ? 1 : s.indexOffset(s.outer - 1, s.indexLength - 1, s.inner - 1) + 1
        let indices = (0..<indexCount).map { _ in rng.int(in: 0...(Swift.max(s.length, 1) - 1)) }
        let indexed = Operand<T>(rng.values(s.indexedCount, .uniform(-10...10), specials: nonFiniteValues, chance: 0.02))
        check("gather", "\(s)", count: s.gatheredCount) { backend, out in
            indices.withUnsafeBufferPointer { i in indexed.withPointer { backend.gather($0, i.baseAddress!, out, shape: s) } }
        }
        let gathered = Operand<T>(rng.values(s.gatheredCount, .uniform(-10...10)))
        let initial: [T] = convert(rng.values(s.indexedCount, .uniform(-10...10)))
        // A position receives up to `indexLength` additions (one per repeated index), summed in order of `j`.
        check("scatterAdd", "\(s), into values", count: s.indexedCount,
              tolerance: .accumulation(T.self, length: s.indexLength + 1), initial: initial) { backend, out in
            indices.withUnsafeBufferPointer { i in
                gathered.withPointer { backend.scatterAdd($0, i.baseAddress!, out, shape: s) }
            }
        }
    }

    /// A view of rank 1…4 whose elements are distinct: a contiguous buffer's strides permuted and some multiplied
    /// by a step (a slice), never 0.
    private mutating func randomDistinctView() -> (shape: [Int], strides: [Int]) {
        let rank = rng.int(in: 1...4)
        let shape = (0..<rank).map { _ in rng.pick([1, 2, 3, 4, 5, 8, 9, 17, 33]) }
        let steps = (0..<rank).map { _ in rng.chance(0.3) ? rng.pick([2, 3]) : 1 }
        var contiguous = [Int](repeating: 1, count: rank)
        for d in stride(from: rank - 2, through: 0, by: -1) {
            contiguous[d] = contiguous[d + 1] * shape[d + 1] * steps[d + 1]
        }
        let order = rng.shuffled(Array(0..<rank))
        return (order.map { shape[$0] }, order.map { contiguous[$0] * steps[$0] })
    }

    private mutating func checkAddStrided(_ view: (shape: [Int], strides: [Int])) {
        let count = view.shape.reduce(1, *)
        let span = count == 0 ? 0 : zip(view.shape, view.strides).reduce(1) { $0 + ($1.0 - 1) * $1.1 }
        let source = Operand<T>(rng.values(count, .uniform(-10...10), specials: nonFiniteValues, chance: 0.02))
        let initial: [T] = convert(rng.values(span, .uniform(-10...10)))
        check("addStrided", "shape \(view.shape), strides \(view.strides), into values", count: span,
              initial: initial) { backend, out in
            source.withPointer { backend.addStrided($0, out, shape: view.shape, strides: view.strides) }
        }
    }
}
