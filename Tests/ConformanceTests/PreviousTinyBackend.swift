// The "Writing a backend" article's TinyBackend as it stood before the kernel contract grew (classification kernels,
// C's pow), verbatim but for the type names: a backend written against the previous protocol must keep compiling,
// and `PreviousTinyBackendTests` checks what the conformance kit says of it.
import Ember

/// Every Ember kernel in plain Swift loops.
public final class PreviousTinyBackend: Backend {
    public let name = "tiny"
    public init() {}

    public func fill(_ value: Float, _ out: UnsafeMutablePointer<Float>, count: Int) {
        out.update(repeating: value, count: count)
    }
    public func fill(_ value: Double, _ out: UnsafeMutablePointer<Double>, count: Int) {
        out.update(repeating: value, count: count)
    }

    public func copyStrided(_ src: UnsafePointer<Float>, shape: [Int], strides: [Int],
                            _ out: UnsafeMutablePointer<Float>) {
        PreviousTinyKernels.copyStrided(src, shape, strides, out)
    }
    public func copyStrided(_ src: UnsafePointer<Double>, shape: [Int], strides: [Int],
                            _ out: UnsafeMutablePointer<Double>) {
        PreviousTinyKernels.copyStrided(src, shape, strides, out)
    }

    public func unary(_ op: UnaryOp, _ x: UnsafePointer<Float>, _ out: UnsafeMutablePointer<Float>, count: Int) {
        for i in 0..<count { out[i] = PreviousTinyKernels.apply(op, x[i]) }
    }
    public func unary(_ op: UnaryOp, _ x: UnsafePointer<Double>, _ out: UnsafeMutablePointer<Double>, count: Int) {
        for i in 0..<count { out[i] = PreviousTinyKernels.apply(op, x[i]) }
    }

    public func binary(_ op: BinaryOp, _ lhs: UnsafePointer<Float>, _ rhs: UnsafePointer<Float>,
                       _ out: UnsafeMutablePointer<Float>, layout: BroadcastLayout) {
        PreviousTinyKernels.binary(op, lhs, rhs, out, layout)
    }
    public func binary(_ op: BinaryOp, _ lhs: UnsafePointer<Double>, _ rhs: UnsafePointer<Double>,
                       _ out: UnsafeMutablePointer<Double>, layout: BroadcastLayout) {
        PreviousTinyKernels.binary(op, lhs, rhs, out, layout)
    }

    public func reduce(_ op: ReduceOp, _ x: UnsafePointer<Float>, _ out: UnsafeMutablePointer<Float>,
                       shape: ReductionShape) {
        PreviousTinyKernels.reduce(op, x, out, shape)
    }
    public func reduce(_ op: ReduceOp, _ x: UnsafePointer<Double>, _ out: UnsafeMutablePointer<Double>,
                       shape: ReductionShape) {
        PreviousTinyKernels.reduce(op, x, out, shape)
    }

    public func matmul(_ a: UnsafePointer<Float>, _ b: UnsafePointer<Float>, _ c: UnsafeMutablePointer<Float>,
                       shape: MatmulShape) {
        PreviousTinyKernels.matmul(a, b, c, shape)
    }
    public func matmul(_ a: UnsafePointer<Double>, _ b: UnsafePointer<Double>, _ c: UnsafeMutablePointer<Double>,
                       shape: MatmulShape) {
        PreviousTinyKernels.matmul(a, b, c, shape)
    }
}

enum PreviousTinyKernels {
    /// Walks `shape` in row-major order like an odometer, keeping the source offset in step.
    static func copyStrided<T: TensorScalar>(_ src: UnsafePointer<T>, _ shape: [Int], _ strides: [Int],
                                             _ out: UnsafeMutablePointer<T>) {
        let count = shape.reduce(1, *)
        var index = [Int](repeating: 0, count: shape.count)
        var offset = 0
        for o in 0..<count {
            out[o] = src[offset]
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

    static func apply<T: TensorScalar>(_ op: UnaryOp, _ x: T) -> T {
        switch op {
        case .neg: -x
        case .exp: T.exp(x)
        case .log: T.log(x)
        case .sqrt: x.squareRoot()
        case .abs: x.magnitude
        case .relu: x < 0 ? 0 : x                        // NaN is not < 0, so it passes through
        case .sigmoid: x >= 0 ? 1 / (1 + T.exp(-x)) : T.exp(x) / (1 + T.exp(x))   // no overflow
        case .tanh: T.tanh(x)
        case .sign: x > 0 ? 1 : (x < 0 ? -1 : x)         // keeps 0 and NaN
        }
    }

    static func apply<T: TensorScalar>(_ op: BinaryOp, _ a: T, _ b: T) -> T {
        switch op {
        case .add: a + b
        case .sub: a - b
        case .mul: a * b
        case .div: a / b
        case .pow: T.pow(a, b)
        case .maximum: a.isNaN || b.isNaN ? .nan : max(a, b)
        case .minimum: a.isNaN || b.isNaN ? .nan : min(a, b)
        case .greater: a > b ? 1 : 0
        case .equal: a == b ? 1 : 0
        }
    }

    /// One loop for all four layout kinds: `forEachRow` gives each run's offsets and strides.
    static func binary<T: TensorScalar>(_ op: BinaryOp, _ lhs: UnsafePointer<T>, _ rhs: UnsafePointer<T>,
                                        _ out: UnsafeMutablePointer<T>, _ layout: BroadcastLayout) {
        layout.forEachRow { l, r, o, lhsStride, rhsStride, n in
            for i in 0..<n { out[o + i] = apply(op, lhs[l + i * lhsStride], rhs[r + i * rhsStride]) }
        }
    }

    static func reduce<T: TensorScalar>(_ op: ReduceOp, _ x: UnsafePointer<T>, _ out: UnsafeMutablePointer<T>,
                                        _ shape: ReductionShape) {
        let identity: T = switch op {
        case .sum: 0
        case .max: -.infinity
        case .min: .infinity
        }
        for o in 0..<shape.outer {
            for i in 0..<shape.inner {
                var acc = identity
                for r in 0..<shape.length {
                    let v = x[(o * shape.length + r) * shape.inner + i]
                    switch op {
                    case .sum: acc += v
                    case .max: acc = acc.isNaN || v.isNaN ? .nan : max(acc, v)
                    case .min: acc = acc.isNaN || v.isNaN ? .nan : min(acc, v)
                    }
                }
                out[o * shape.inner + i] = acc
            }
        }
    }

    static func matmul<T: TensorScalar>(_ a: UnsafePointer<T>, _ b: UnsafePointer<T>, _ c: UnsafeMutablePointer<T>,
                                        _ s: MatmulShape) {
        // Element strides of op(A)[i, p] and op(B)[p, j] in the stored matrices.
        let (aRow, aCol) = s.transposeA ? (1, s.m) : (s.k, 1)
        let (bRow, bCol) = s.transposeB ? (1, s.k) : (s.n, 1)
        for i in 0..<s.m {
            for j in 0..<s.n {
                var sum: T = 0
                for p in 0..<s.k { sum += a[i * aRow + p * aCol] * b[p * bRow + j * bCol] }
                c[i * s.n + j] = sum
            }
        }
    }
}

extension PreviousTinyBackend {
    public func dot(_ x: UnsafePointer<Float>, _ y: UnsafePointer<Float>, count: Int) -> Float {
        PreviousTinyKernels.dot(x, y, count)
    }
    public func dot(_ x: UnsafePointer<Double>, _ y: UnsafePointer<Double>, count: Int) -> Double {
        PreviousTinyKernels.dot(x, y, count)
    }
}

extension PreviousTinyKernels {
    static func dot<T: TensorScalar>(_ x: UnsafePointer<T>, _ y: UnsafePointer<T>, _ count: Int) -> T {
        var sum: T = 0
        for i in 0..<count { sum += x[i] * y[i] }
        return sum
    }
}
