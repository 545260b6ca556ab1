import EmberBackend

extension KernelChecker {
    /// Results fixed by a definition outside Ember, checked on the backend under test without the reference: the
    /// other checks compare against the reference backend, which cannot catch a reference that is itself wrong.
    ///
    /// `pow` follows C's `pow` (C99 Annex F), as `torch.pow` does: a negative base with an integral exponent is
    /// defined, `x⁰ = 1` for every `x`, `1ʸ = 1` for every `y`, and a negative base with a fractional exponent is NaN.
    mutating func checkKnownValues() {
        let pow: [(base: Double, exponent: Double, result: Double)] = [
            (-2, 3, -8), (-2, 2, 4), (-2, -1, -0.5), (-2, -2, 0.25), (-0.5, 4, 0.0625), (-3, 1, -3), (-3, 5, -243),
            (0, 0, 1), (-3, 0, 1), (.nan, 0, 1), (1, .nan, 1), (-1, .infinity, 1), (0, 3, 0), (0, -1, .infinity),
            (-2, 0.5, .nan), (2, 10, 1024), (4, 0.5, 2), (-8, 1, -8),
        ]
        let lhs = pow.map { T($0.base) }, rhs = pow.map { T($0.exponent) }, expected = pow.map { T($0.result) }
        var actual = [T](repeating: Self.sentinel, count: pow.count)
        lhs.withUnsafeBufferPointer { l in
            rhs.withUnsafeBufferPointer { r in
                actual.withUnsafeMutableBufferPointer {
                    backend.binary(.pow, l.baseAddress!, r.baseAddress!, $0.baseAddress!, layout: .elementwise(pow.count))
                }
            }
        }
        report.compare(kernel: "binary.pow", context: "C99 pow special cases (negative bases, zero exponents)",
                       expected: expected, actual: actual, tolerance: .exact,
                       inputs: { "pow(\(describe(pow[$0].base, as: T.self)), \(describe(pow[$0].exponent, as: T.self)))" })
    }
}
