import EmberBackend
import RealModule

/// The kernels BLAS has no routine for: fill, strided copy, unary, binary and reduce, plus a matrix product for
/// dimensions beyond BLAS's `Int32` range.
///
/// These are the reference backend's loops with the same semantics (NaN propagation included); they live here because
/// `EmberCBLAS` depends only on `EmberBackend`. The conformance suite checks them against the reference backend.
enum ElementwiseLoops {
    @inline(__always)
    static func fill<T: TensorScalar>(_ value: T, _ out: UnsafeMutablePointer<T>, _ count: Int) {
        guard count > 0 else { return }
        out.update(repeating: value, count: count)
    }

    static func copyStrided<T: TensorScalar>(_ src: UnsafePointer<T>, _ shape: [Int], _ strides: [Int],
                                             _ out: UnsafeMutablePointer<T>) {
        let count = shape.reduce(1, *)
        guard count > 0 else { return }
        var index = [Int](repeating: 0, count: shape.count)
        var offset = 0
        for o in 0..<count {
            out[o] = src[offset]
            // Odometer increment of the multi-index, keeping `offset` in step.
            var d = shape.count - 1
            while d >= 0 {
                index[d] += 1
                offset += strides[d]
                if index[d] < shape[d] { break }
                offset -= strides[d] * shape[d]
                index[d] = 0
                d -= 1
            }
        }
    }

    @inline(__always)
    static func apply<T: TensorScalar>(_ op: UnaryOp, _ x: T) -> T {
        switch op {
        case .neg: -x
        case .exp: T.exp(x)
        case .log: T.log(x)
        case .sqrt: x.squareRoot()
        case .abs: Swift.abs(x)
        case .relu: x < 0 ? 0 : x          // NaN is not < 0, so it passes through
        case .sigmoid: x >= 0 ? 1 / (1 + T.exp(-x)) : T.exp(x) / (1 + T.exp(x))
        case .tanh: T.tanh(x)
        case .sign: x > 0 ? 1 : (x < 0 ? -1 : x)   // keeps 0, -0 and NaN
        }
    }

    static func unary<T: TensorScalar>(_ op: UnaryOp, _ x: UnsafePointer<T>, _ out: UnsafeMutablePointer<T>,
                                       _ count: Int) {
        for i in 0..<count { out[i] = apply(op, x[i]) }
    }

    @inline(__always)
    static func apply<T: TensorScalar>(_ op: BinaryOp, _ a: T, _ b: T) -> T {
        switch op {
        case .add: a + b
        case .sub: a - b
        case .mul: a * b
        case .div: a / b
        case .pow: T.pow(a, b)
        case .maximum: a.isNaN || b.isNaN ? .nan : Swift.max(a, b)
        case .minimum: a.isNaN || b.isNaN ? .nan : Swift.min(a, b)
        case .greater: a > b ? 1 : 0
        case .equal: a == b ? 1 : 0
        }
    }

    static func binary<T: TensorScalar>(_ op: BinaryOp, _ lhs: UnsafePointer<T>, _ rhs: UnsafePointer<T>,
                                        _ out: UnsafeMutablePointer<T>, _ layout: BroadcastLayout) {
        layout.forEachRow { l, r, o, ls, rs, n in
            for i in 0..<n { out[o + i] = apply(op, lhs[l + i * ls], rhs[r + i * rs]) }
        }
    }

    static func reduce<T: TensorScalar>(_ op: ReduceOp, _ x: UnsafePointer<T>, _ out: UnsafeMutablePointer<T>,
                                        _ shape: ReductionShape) {
        let (outer, length, inner) = (shape.outer, shape.length, shape.inner)
        let initial: T = switch op {
        case .sum: 0
        case .max: -.infinity
        case .min: .infinity
        }
        for o in 0..<outer {
            for i in 0..<inner {
                var acc = initial
                for r in 0..<length {
                    let v = x[(o * length + r) * inner + i]
                    switch op {
                    case .sum: acc += v
                    case .max: acc = v.isNaN || acc.isNaN ? .nan : Swift.max(acc, v)
                    case .min: acc = v.isNaN || acc.isNaN ? .nan : Swift.min(acc, v)
                    }
                }
                out[o * inner + i] = acc
            }
        }
    }

    /// The plain i-p-j product, for matrices whose dimensions do not fit BLAS's `Int32`.
    static func matmul<T: TensorScalar>(_ a: UnsafePointer<T>, _ b: UnsafePointer<T>, _ c: UnsafeMutablePointer<T>,
                                        _ s: MatmulShape) {
        let (m, n, k) = (s.m, s.n, s.k)
        let (aRow, aCol) = s.transposeA ? (1, m) : (k, 1)
        let (bRow, bCol) = s.transposeB ? (1, k) : (n, 1)
        c.update(repeating: 0, count: m * n)
        for i in 0..<m {
            for p in 0..<k {
                let aip = a[i * aRow + p * aCol]
                for j in 0..<n { c[i * n + j] += aip * b[p * bRow + j * bCol] }
            }
        }
    }
}
