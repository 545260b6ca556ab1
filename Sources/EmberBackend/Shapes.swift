/// The shape of a reduction along one axis of a contiguous tensor viewed as `[outer, length, inner]`:
/// `out[o * inner + i] = op over r of x[(o * length + r) * inner + i]`. The output holds `outer * inner` elements.
public struct ReductionShape: Sendable, Equatable, CustomStringConvertible {
    public var outer: Int
    public var length: Int
    public var inner: Int

    public init(outer: Int, length: Int, inner: Int) {
        self.outer = outer
        self.length = length
        self.inner = inner
    }

    /// A reduction of all `count` elements to one.
    public static func all(_ count: Int) -> ReductionShape { ReductionShape(outer: 1, length: count, inner: 1) }

    public var inputCount: Int { outer * length * inner }
    public var outputCount: Int { outer * inner }
    public var description: String { "[outer: \(outer), length: \(length), inner: \(inner)]" }
}

/// The shape of a row-major matrix product `C[m, n] = op(A) · op(B)` where `op(A)` is `[m, k]` and `op(B)` is `[k, n]`.
///
/// With `transposeA`, `A` is stored as `[k, m]`; with `transposeB`, `B` is stored as `[n, k]`.
/// All three matrices are contiguous and row-major; `C` never aliases `A` or `B`.
public struct MatmulShape: Sendable, Equatable, CustomStringConvertible {
    public var m: Int
    public var n: Int
    public var k: Int
    public var transposeA: Bool
    public var transposeB: Bool

    public init(m: Int, n: Int, k: Int, transposeA: Bool = false, transposeB: Bool = false) {
        self.m = m
        self.n = n
        self.k = k
        self.transposeA = transposeA
        self.transposeB = transposeB
    }

    /// Floating-point operations of the product, `2·m·n·k`.
    public var flops: Double { 2 * Double(m) * Double(n) * Double(k) }
    public var description: String {
        "[m: \(m), n: \(n), k: \(k)\(transposeA ? ", Aᵀ" : "")\(transposeB ? ", Bᵀ" : "")]"
    }
}
