/// Eight `Double` lanes: one AVX-512 register with `-target-cpu native`, four SSE registers on baseline x86-64.
///
/// Every operation is written on the concrete `SIMD8<Double>`, so each compiles to a few vector instructions.
/// `FloatVector` is the same code for `SIMD16<Float>`; keep the two files in step.
struct DoubleVector: KernelVector {
    typealias Scalar = Double
    var v: SIMD8<Double>

    static var lanes: Int { 8 }

    @inline(__always) init(_ v: SIMD8<Double>) { self.v = v }
    @inline(__always) init(repeating value: Double) { v = SIMD8(repeating: value) }
    @inline(__always) init(loading pointer: UnsafePointer<Double>) {
        v = UnsafeRawPointer(pointer).loadUnaligned(as: SIMD8<Double>.self)
    }
    @inline(__always) init(loading pointer: UnsafePointer<Double>, count: Int, padding: Double) {
        v = SIMD8(repeating: padding)
        for i in 0..<count { v[i] = pointer[i] }
    }
    @inline(__always) init(gathering pointer: UnsafePointer<Double>, stride: Int, count: Int, padding: Double) {
        v = SIMD8(repeating: padding)
        for i in 0..<count { v[i] = pointer[i * stride] }
    }
    @inline(__always) func store(to pointer: UnsafeMutablePointer<Double>) {
        UnsafeMutableRawPointer(pointer).storeBytes(of: v, as: SIMD8<Double>.self)
    }
    @inline(__always) func store(to pointer: UnsafeMutablePointer<Double>, stride: Int, count: Int) {
        for i in 0..<count { pointer[i * stride] = v[i] }
    }

    @inline(__always) static func + (lhs: Self, rhs: Self) -> Self { Self(lhs.v + rhs.v) }
    @inline(__always) static func - (lhs: Self, rhs: Self) -> Self { Self(lhs.v - rhs.v) }
    @inline(__always) static func * (lhs: Self, rhs: Self) -> Self { Self(lhs.v * rhs.v) }
    @inline(__always) static func / (lhs: Self, rhs: Self) -> Self { Self(lhs.v / rhs.v) }
    @inline(__always) static prefix func - (operand: Self) -> Self { Self(-operand.v) }
    @inline(__always) func addingProduct(_ a: Self, _ b: Self) -> Self { Self(v.multiplyAdd(a.v, b.v)) }
    @inline(__always) func squareRoot() -> Self { Self(v.squareRoot()) }
    @inline(__always) func magnitude() -> Self {
        Self(unsafeBitCast(unsafeBitCast(v, to: SIMD8<UInt64>.self) & 0x7FFF_FFFF_FFFF_FFFF, to: SIMD8<Double>.self))
    }
    @inline(__always) func relu() -> Self { Self(v.replacing(with: 0, where: v .< 0)) }
    @inline(__always) func sign() -> Self {
        var r = v
        r.replace(with: 1, where: v .> 0)
        r.replace(with: -1, where: v .< 0)
        return Self(r)
    }
    @inline(__always) func maximum(_ other: Self) -> Self {
        Self(v.replacing(with: other.v, where: (other.v .>= v) .| (other.v .!= other.v)))
    }
    @inline(__always) func minimum(_ other: Self) -> Self {
        Self(v.replacing(with: other.v, where: (other.v .< v) .| (other.v .!= other.v)))
    }
    @inline(__always) func greater(_ other: Self) -> Self {
        Self(SIMD8(repeating: 0).replacing(with: 1, where: v .> other.v))
    }
    @inline(__always) func equal(_ other: Self) -> Self {
        Self(SIMD8(repeating: 0).replacing(with: 1, where: v .== other.v))
    }
    @inline(__always) func lanewise(_ other: Self, _ f: (Double, Double) -> Double) -> Self {
        var r = SIMD8<Double>()
        for i in 0..<8 { r[i] = f(v[i], other.v[i]) }
        return Self(r)
    }
    @inline(__always) func folded(_ combine: (Double, Double) -> Double) -> Double {
        var r = v[0]
        for i in 1..<8 { r = combine(r, v[i]) }
        return r
    }
    @inline(__always) func sum() -> Double {
        let h = v.lowHalf + v.highHalf
        let q = h.lowHalf + h.highHalf
        return q[0] + q[1]
    }
}
