import EmberBackend

extension KernelChecker {
    /// `reduce` for every `ReduceOp`: every edge length with random outer and inner sizes, empty inputs and outputs,
    /// NaN/±inf, and large reductions along each of the three positions (whole buffer, rows, columns).
    mutating func checkReduce() {
        for op in ReduceOp.allCases {
            for length in Sizes.edges {
                let shape = ReductionShape(outer: rng.pick([1, 1, 2, 3, 5]), length: length,
                                           inner: rng.pick([1, 1, 2, 3, 4, 7, 8, 9, 17]))
                checkReduce(op, shape, Self.domain(of: op, &rng), "finite")
            }
            let empty = [ReductionShape(outer: 0, length: 5, inner: 3), ReductionShape(outer: 3, length: 5, inner: 0),
                         ReductionShape(outer: 2, length: 0, inner: 3), ReductionShape.all(0)]
            for shape in empty { checkReduce(op, shape, Self.domain(of: op, &rng), "empty") }
            for length in Sizes.few {
                let shape = ReductionShape(outer: rng.pick([1, 2, 3]), length: length, inner: rng.pick([1, 2, 5, 8]))
                checkReduce(op, shape, .uniform(-3...3), "with NaN, ±inf", specials: 0.05)
            }
            if includeLarge {
                let n = Sizes.large
                checkReduce(op, .all(n), Self.domain(of: op, &rng), "finite")
                checkReduce(op, ReductionShape(outer: 512, length: n / 512 + 1, inner: 1), Self.domain(of: op, &rng),
                            "finite")
                checkReduce(op, ReductionShape(outer: 1, length: 513, inner: n / 513 + 1), Self.domain(of: op, &rng),
                            "finite")
                checkReduce(op, .all(n), .uniform(-3...3), "with a few NaN and ±inf", specials: 3.0 / Double(n))
            }
        }
    }

    private mutating func checkReduce(_ op: ReduceOp, _ shape: ReductionShape, _ domain: ValueDomain, _ values: String,
                                      specials: Double = 0) {
        let x = Operand<T>(rng.values(shape.inputCount, domain, specials: specials > 0 ? [.nan, .infinity, -.infinity] : [],
                                      chance: specials))
        let magnitudes = op == .sum ? Self.absoluteSums(x.values, shape) : nil
        let inputs = { (i: Int) -> String in
            magnitudes.map { "\(shape.length) terms, Σ|x| \(describe($0[i], as: T.self))" } ?? "\(shape.length) terms"
        }
        check("reduce.\(op)", "shape \(shape), \(values)", count: shape.outputCount,
              tolerance: op == .sum ? .accumulation(T.self, length: shape.length) : .exact,
              magnitudes: magnitudes, inputs: inputs) { backend, out in
            x.withPointer { backend.reduce(op, $0, out, shape: shape) }
        }
    }

    /// `Σ|x|` over each reduced run: the magnitude the accumulation tolerance scales with.
    private static func absoluteSums(_ x: [Double], _ shape: ReductionShape) -> [Double] {
        var sums = [Double](repeating: 0, count: shape.outputCount)
        x.withUnsafeBufferPointer { x in
            sums.withUnsafeMutableBufferPointer { sums in
                for o in 0..<shape.outer {
                    for r in 0..<shape.length {
                        let row = (o * shape.length + r) * shape.inner
                        for i in 0..<shape.inner {
                            let v = x[row + i]
                            sums[o * shape.inner + i] += v < 0 ? -v : v
                        }
                    }
                }
            }
        }
        return sums
    }

    /// Sums alternate between positive terms (a dropped or repeated block shows) and terms of both signs
    /// (cancellation); `max` and `min` take values of both signs.
    private static func domain(of op: ReduceOp, _ rng: inout SplitMix64) -> ValueDomain {
        switch op {
        case .sum: rng.chance(0.5) ? .uniform(0...1) : .uniform(-1...1)
        case .max, .min: .uniform(-100...100)
        }
    }
}
