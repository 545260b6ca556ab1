import EmberBackend

/// How far a backend's value may be from the reference value and still conform.
///
/// The rule, for an expected (reference) value `x` and an actual value `y`:
/// - NaN matches only NaN, and an infinity matches only the same infinity (exactly, whatever the tolerance);
/// - otherwise `|x − y| ≤ max(relative · max(|x|, |y|), absolute, perMagnitude · magnitude)`.
///
/// The three kinds of checks and why:
/// - **exact** (`fill`, `copy`, `copyStrided`, `neg`, `abs`, `relu`, `sign`, `maximum`, `minimum`, `greater`,
///   `equal`, reduce `max`/`min`): these round nothing, so any difference is a bug. (The sign of a zero is not checked.)
/// - **elementwise** (arithmetic and transcendental `unary`/`binary`, `scale`): one correctly rounded operation or a
///   vectorised approximation of a libm function. Float: `relative` 1e-5 (about 80 ulp, room for polynomial
///   approximations of `exp`, `log`, `tanh`, `pow`), `absolute` 1e-6 (results near zero such as `tanh(1e-4)` computed
///   from `exp`, or `sigmoid(-90)` flushed to 0). Double: `relative` 1e-12, `absolute` 1e-14. Same constants as
///   Burn's rule, tightened per type as in mlx (which uses rel 1e-4 / abs 1e-6 for f32).
/// - **accumulation** over `k` terms (reduce `sum`, `dot`, `matmul`, and `axpy` with k = 2): backends legitimately sum in
///   another order (SIMD lanes, blocks, threads, FMA), and each order has its own rounding error. The difference of
///   two orders grows with `k` and with the size of the terms, not of the result (which may cancel to near zero).
///   Rounding errors behave like a random walk, so the probabilistic bound of Higham and Mary (2019) applies:
///   |error| ≲ λ·√k·u·Σ|termᵢ|, u = ε/2. The kit allows `perMagnitude = 4·ε·√k` times `magnitude = Σ|termᵢ|`
///   (for `matmul`, the Cauchy–Schwarz bound ‖row of A‖·‖column of B‖ ≥ Σ|aᵢₚ·bₚⱼ|), which covers both the
///   reference's plain left-to-right loop and any blocked or pairwise order, while a dropped or doubled term of
///   ordinary size still fails at every length the kit uses in `Double` and up to a few thousand terms in `Float`
///   (the reference's own error in a million-term `Float` sum is about ε·√k·Σ|xᵢ|/6, so no bound can be tighter).
///   `relative` and `absolute` stay as for elementwise checks.
public struct Tolerance: Sendable, Equatable, CustomStringConvertible {
    /// Allowed error relative to the larger magnitude of the two values.
    public var relative: Double
    /// Allowed error near zero.
    public var absolute: Double
    /// Allowed error per unit of `magnitude` (the sum of the absolute values of the accumulated terms).
    public var perMagnitude: Double

    public init(relative: Double, absolute: Double, perMagnitude: Double = 0) {
        self.relative = relative
        self.absolute = absolute
        self.perMagnitude = perMagnitude
    }

    /// No difference allowed (NaN still matches NaN).
    public static let exact = Tolerance(relative: 0, absolute: 0)

    /// For one arithmetic or transcendental operation per element.
    public static func elementwise<T: TensorScalar>(_ type: T.Type) -> Tolerance {
        T.self == Float.self ? Tolerance(relative: 1e-5, absolute: 1e-6) : Tolerance(relative: 1e-12, absolute: 1e-14)
    }

    /// For a sum of `length` terms in an order the backend chooses; pass `magnitude: Σ|termᵢ|` to `accepts`.
    public static func accumulation<T: TensorScalar>(_ type: T.Type, length: Int) -> Tolerance {
        var tolerance = elementwise(type)
        tolerance.perMagnitude = 4 * Double(T.ulpOfOne) * Double(max(length, 1)).squareRoot()
        return tolerance
    }

    /// The largest difference allowed between two finite values.
    public func allowedError(_ expected: Double, _ actual: Double, magnitude: Double = 0) -> Double {
        // Written without the generic `max`/`abs`, which debug builds call slowly, element by element.
        let x = expected < 0 ? -expected : expected, y = actual < 0 ? -actual : actual
        var allowed = relative * (x > y ? x : y)
        if absolute > allowed { allowed = absolute }
        let accumulated = perMagnitude * magnitude
        return accumulated > allowed ? accumulated : allowed
    }

    /// Whether `actual` conforms to `expected` under this tolerance (see the rule above).
    public func accepts(_ expected: Double, _ actual: Double, magnitude: Double = 0) -> Bool {
        if expected.isNaN || actual.isNaN { return expected.isNaN && actual.isNaN }
        if expected.isInfinite || actual.isInfinite { return expected == actual }
        let difference = expected - actual
        return (difference < 0 ? -difference : difference) <= allowedError(expected, actual, magnitude: magnitude)
    }

    public var description: String {
        if self == .exact { return "exact" }
        var text = "rel \(relative), abs \(absolute)"
        if perMagnitude > 0 { text += ", \(perMagnitude)·Σ|terms|" }
        return text
    }
}
