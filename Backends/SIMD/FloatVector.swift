/// Sixteen `Float` lanes: one AVX-512 register with `-target-cpu native`, four SSE registers on baseline x86-64.
///
/// Every operation is written on the concrete `SIMD16<Float>`, so each compiles to a few vector instructions.
/// `DoubleVector` is the same code for `SIMD8<Double>`; keep the two files in step.
struct FloatVector: KernelVector {
    typealias Scalar = Float
    var v: SIMD16<Float>

    static var lanes: Int { 16 }

    @inline(__always) init(_ v: SIMD16<Float>) { self.v = v }
    @inline(__always) init(repeating value: Float) { v = SIMD16(repeating: value) }
    @inline(__always) init(loading pointer: UnsafePointer<Float>) {
        v = UnsafeRawPointer(pointer).loadUnaligned(as: SIMD16<Float>.self)
    }
    @inline(__always) init(loading pointer: UnsafePointer<Float>, count: Int, padding: Float) {
        v = SIMD16(repeating: padding)
        for i in 0..<count { v[i] = pointer[i] }
    }
    @inline(__always) init(gathering pointer: UnsafePointer<Float>, stride: Int, count: Int, padding: Float) {
        v = SIMD16(repeating: padding)
        for i in 0..<count { v[i] = pointer[i * stride] }
    }
    @inline(__always) func store(to pointer: UnsafeMutablePointer<Float>) {
        UnsafeMutableRawPointer(pointer).storeBytes(of: v, as: SIMD16<Float>.self)
    }
    @inline(__always) func store(to pointer: UnsafeMutablePointer<Float>, stride: Int, count: Int) {
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
        Self(unsafeBitCast(unsafeBitCast(v, to: SIMD16<UInt32>.self) & 0x7FFF_FFFF, to: SIMD16<Float>.self))
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
        Self(SIMD16(repeating: 0).replacing(with: 1, where: v .> other.v))
    }
    @inline(__always) func equal(_ other: Self) -> Self {
        Self(SIMD16(repeating: 0).replacing(with: 1, where: v .== other.v))
    }
    @inline(__always) func lanewise(_ other: Self, _ f: (Float, Float) -> Float) -> Self {
        var r = SIMD16<Float>()
        for i in 0..<16 { r[i] = f(v[i], other.v[i]) }
        return Self(r)
    }
    @inline(__always) func folded(_ combine: (Float, Float) -> Float) -> Float {
        var r = v[0]
        for i in 1..<16 { r = combine(r, v[i]) }
        return r
    }
    @inline(__always) func sum() -> Float {
        let h = v.lowHalf + v.highHalf
        let q = h.lowHalf + h.highHalf
        let e = q.lowHalf + q.highHalf
        return e[0] + e[1]
    }
}
