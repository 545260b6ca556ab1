import EmberBackend

extension KernelChecker {
    /// The composites `axpy`, `scale` and `dot` (BLAS level 1), whether a backend inherits their defaults or
    /// overrides them: every edge length, NaN/±inf with `alpha` 0 (`0 · inf` is NaN, so no early exit on
    /// `alpha == 0` may skip it), and a large count.
    mutating func checkBLASLevel1() {
        for count in Sizes.edges + (includeLarge ? [Sizes.large] : []) {
            let alpha = rng.chance(0.3) ? rng.pick([0, 1, -1]) : rng.uniform(-3...3)
            checkLevel1(count: count, alpha: alpha, .uniform(-10...10), "finite")
        }
        for count in Sizes.few {
            for alpha in [0, 1, -2.5] {
                checkLevel1(count: count, alpha: alpha, .uniform(-3...3), "with NaN, ±inf", specials: nonFiniteValues)
            }
        }
    }

    private mutating func checkLevel1(count: Int, alpha alphaValue: Double, _ domain: ValueDomain, _ values: String,
                                      specials: [Double] = []) {
        let x = Operand<T>(rng.values(count, domain, specials: specials, chance: 0.2))
        let y = Operand<T>(rng.values(count, domain, specials: specials, chance: 0.2))
        let alpha = T(alphaValue)
        let describeXY = { (i: Int) -> String in
            "x \(describe(x[i], as: T.self)), y \(describe(y[i], as: T.self))"
        }
        let context = "count \(count), alpha \(alpha), \(values)"

        // axpy: y + alpha·x is a sum of two terms, rounded once or twice (FMA or not).
        let axpyMagnitudes = (0..<count).map { Swift.abs(y[$0]) + Swift.abs(alphaValue * x[$0]) }
        check("axpy", context, count: count, tolerance: .accumulation(T.self, length: 2), magnitudes: axpyMagnitudes,
              initial: y.scalars, inputs: describeXY) { backend, out in
            x.withPointer { backend.axpy(alpha, $0, out, count: count) }
        }
        check("scale", context, count: count, tolerance: .elementwise(T.self), initial: x.scalars,
              inputs: { "x \(describe(x[$0], as: T.self))" }) { backend, out in
            backend.scale(alpha, out, count: count)
        }
        let dotMagnitude = (0..<count).reduce(0.0) { $0 + Swift.abs(x[$1] * y[$1]) }
        check("dot", "count \(count), \(values)", count: 1, tolerance: .accumulation(T.self, length: count),
              magnitudes: [dotMagnitude], inputs: { _ in "\(count) terms, Σ|x·y| \(dotMagnitude)" }) { backend, out in
            x.withPointer { x in y.withPointer { y in out[0] = backend.dot(x, y, count: count) } }
        }
    }
}
