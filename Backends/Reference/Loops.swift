import EmberBackend
import RealModule

/// The reference kernels, written once generically and specialised for `Float` and `Double` by the compiler.
enum Loops {
    @inline(__always)
    static func fill<T: TensorScalar>(_ value: T, _ out: UnsafeMutablePointer<T>, _ count: Int) {
        for i in 0..<count { out[i] = value }
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

    static func unary<T: TensorScalar>(_ op: UnaryOp, _ x: UnsafePointer<T>, _ out: UnsafeMutablePointer<T>, _ count: Int) {
        // One loop per op, so each inner loop is a single expression.
        switch op {
        case .neg: map(x, out, count) { -$0 }
        case .exp: map(x, out, count) { T.exp($0) }
        case .log: map(x, out, count) { T.log($0) }
        case .sqrt: map(x, out, count) { $0.squareRoot() }
        case .abs: map(x, out, count) { Swift.abs($0) }
        case .relu: map(x, out, count) { $0 < 0 ? 0 : $0 }          // NaN is not < 0, so it passes through
        case .sigmoid: map(x, out, count) { $0 >= 0 ? 1 / (1 + T.exp(-$0)) : T.exp($0) / (1 + T.exp($0)) }
        case .tanh: map(x, out, count) { T.tanh($0) }
        case .sign: map(x, out, count) { $0 > 0 ? 1 : ($0 < 0 ? -1 : $0) }   // keeps 0, -0 and NaN
        }
    }

    @inline(__always)
    static func map<T: TensorScalar>(_ x: UnsafePointer<T>, _ out: UnsafeMutablePointer<T>, _ count: Int,
                                     _ f: (T) -> T) {
        for i in 0..<count { out[i] = f(x[i]) }
    }

    static func binary<T: TensorScalar>(_ op: BinaryOp, _ lhs: UnsafePointer<T>, _ rhs: UnsafePointer<T>,
                                        _ out: UnsafeMutablePointer<T>, _ layout: BroadcastLayout) {
        switch op {
        case .add: zip(lhs, rhs, out, layout) { $0 + $1 }
        case .sub: zip(lhs, rhs, out, layout) { $0 - $1 }
        case .mul: zip(lhs, rhs, out, layout) { $0 * $1 }
        case .div: zip(lhs, rhs, out, layout) { $0 / $1 }
        case .pow: zip(lhs, rhs, out, layout) { T.powC($0, $1) }
        case .maximum: zip(lhs, rhs, out, layout) { $0.isNaN || $1.isNaN ? .nan : Swift.max($0, $1) }
        case .minimum: zip(lhs, rhs, out, layout) { $0.isNaN || $1.isNaN ? .nan : Swift.min($0, $1) }
        case .greater: zip(lhs, rhs, out, layout) { $0 > $1 ? 1 : 0 }
        case .equal: zip(lhs, rhs, out, layout) { $0 == $1 ? 1 : 0 }
        }
    }

    /// `out[i] = f(lhs[…], rhs[…])` over a broadcast layout; a scalar operand is read once, before any write.
    @inline(__always)
    static func zip<T: TensorScalar>(_ lhs: UnsafePointer<T>, _ rhs: UnsafePointer<T>, _ out: UnsafeMutablePointer<T>,
                                     _ layout: BroadcastLayout, _ f: (T, T) -> T) {
        let n = layout.count
        switch layout.kind {
        case .elementwise:
            for i in 0..<n { out[i] = f(lhs[i], rhs[i]) }
        case .scalarLHS:
            let a = lhs[0]
            for i in 0..<n { out[i] = f(a, rhs[i]) }
        case .scalarRHS:
            let b = rhs[0]
            for i in 0..<n { out[i] = f(lhs[i], b) }
        case .strided:
            layout.forEachRow { l, r, o, ls, rs, n in
                for i in 0..<n { out[o + i] = f(lhs[l + i * ls], rhs[r + i * rs]) }
            }
        }
    }

    static func reduce<T: TensorScalar>(_ op: ReduceOp, _ x: UnsafePointer<T>, _ out: UnsafeMutablePointer<T>,
                                        _ shape: ReductionShape) {
        switch op {
        case .sum: fold(x, out, shape, initial: 0) { $0 + $1 }
        case .max: fold(x, out, shape, initial: -.infinity) { $0.isNaN || $1.isNaN ? .nan : Swift.max($0, $1) }
        case .min: fold(x, out, shape, initial: .infinity) { $0.isNaN || $1.isNaN ? .nan : Swift.min($0, $1) }
        }
    }

    /// `out[o, i] = f(…f(f(initial, x[o, 0, i]), x[o, 1, i])…)`, in index order.
    @inline(__always)
    static func fold<T: TensorScalar>(_ x: UnsafePointer<T>, _ out: UnsafeMutablePointer<T>, _ shape: ReductionShape,
                                      initial: T, _ f: (T, T) -> T) {
        let (outer, length, inner) = (shape.outer, shape.length, shape.inner)
        if inner == 1 {
            for o in 0..<outer {
                let row = x + o * length
                var acc = initial
                for r in 0..<length { acc = f(acc, row[r]) }
                out[o] = acc
            }
            return
        }
        for o in 0..<outer {
            for i in 0..<inner {
                var acc = initial
                for r in 0..<length { acc = f(acc, x[(o * length + r) * inner + i]) }
                out[o * inner + i] = acc
            }
        }
    }

    static func matmul<T: TensorScalar>(_ a: UnsafePointer<T>, _ b: UnsafePointer<T>, _ c: UnsafeMutablePointer<T>,
                                        _ s: MatmulShape) {
        let (m, n, k) = (s.m, s.n, s.k)
        // Element strides of op(A)[i, p] and op(B)[p, j] in the stored matrices.
        let (aRow, aCol) = s.transposeA ? (1, m) : (k, 1)
        let (bRow, bCol) = s.transposeB ? (1, k) : (n, 1)
        for i in 0..<(m * n) { c[i] = 0 }
        // i-p-j order: the inner loop runs along a row of C and (without transposeB) a row of B.
        for i in 0..<m {
            for p in 0..<k {
                let aip = a[i * aRow + p * aCol]
                for j in 0..<n { c[i * n + j] += aip * b[p * bRow + j * bCol] }
            }
        }
    }

    static func axpy<T: TensorScalar>(_ alpha: T, _ x: UnsafePointer<T>, _ y: UnsafeMutablePointer<T>, _ count: Int) {
        for i in 0..<count { y[i] += alpha * x[i] }
    }

    static func scale<T: TensorScalar>(_ alpha: T, _ x: UnsafeMutablePointer<T>, _ count: Int) {
        for i in 0..<count { x[i] *= alpha }
    }

    static func dot<T: TensorScalar>(_ x: UnsafePointer<T>, _ y: UnsafePointer<T>, _ count: Int) -> T {
        var acc: T = 0
        for i in 0..<count { acc += x[i] * y[i] }
        return acc
    }
}
