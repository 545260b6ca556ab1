import CEmberSIMDKernels
import EmberBackend
import RealModule

/// An elementwise operation of two vectors, as a type (see `UnaryVectorOperation`).
protocol BinaryVectorOperation {
    static func apply<V: KernelVector>(_ a: V, _ b: V) -> V
    /// The operation's `EMBER_BINARY_*` code when the C kernels have it.
    static var nativeCode: Int32? { get }
}

extension BinaryVectorOperation {
    static var nativeCode: Int32? { nil }
}

/// `out[i] = op(lhs[…], rhs[…])` for the four broadcast layouts, one vector at a time.
///
/// Every run along the last dimension goes through `row`, which has vector loops for the stride pairs that occur in
/// practice (1/1, 1/0, 0/1) and gathers lanes otherwise, so all elements see the same vector operation. On the
/// `avx2` and `avx512` paths, `add`, `sub`, `mul` and `div` with those stride pairs run the C kernels.
enum BinaryKernels {
    static func run<T: SIMDScalar>(_ op: BinaryOp, _ lhs: UnsafePointer<T>, _ rhs: UnsafePointer<T>,
                                   _ out: UnsafeMutablePointer<T>, layout: BroadcastLayout, path: SIMDKernelPath) {
        let cheap = Parallel.cheapThreshold
        switch op {
        case .add: apply(lhs, rhs, out, layout, threshold: cheap, path: path, Add.self)
        case .sub: apply(lhs, rhs, out, layout, threshold: cheap, path: path, Sub.self)
        case .mul: apply(lhs, rhs, out, layout, threshold: cheap, path: path, Mul.self)
        case .div: apply(lhs, rhs, out, layout, threshold: cheap, path: path, Div.self)
        case .pow: apply(lhs, rhs, out, layout, threshold: Parallel.expensiveThreshold, path: path, Pow.self)
        case .maximum: apply(lhs, rhs, out, layout, threshold: cheap, path: path, Maximum.self)
        case .minimum: apply(lhs, rhs, out, layout, threshold: cheap, path: path, Minimum.self)
        case .greater: apply(lhs, rhs, out, layout, threshold: cheap, path: path, Greater.self)
        case .equal: apply(lhs, rhs, out, layout, threshold: cheap, path: path, Equal.self)
        }
    }

    enum Add: BinaryVectorOperation {
        @inline(__always) static func apply<V: KernelVector>(_ a: V, _ b: V) -> V { a + b }
        static var nativeCode: Int32? { EMBER_BINARY_ADD }
    }
    enum Sub: BinaryVectorOperation {
        @inline(__always) static func apply<V: KernelVector>(_ a: V, _ b: V) -> V { a - b }
        static var nativeCode: Int32? { EMBER_BINARY_SUB }
    }
    enum Mul: BinaryVectorOperation {
        @inline(__always) static func apply<V: KernelVector>(_ a: V, _ b: V) -> V { a * b }
        static var nativeCode: Int32? { EMBER_BINARY_MUL }
    }
    enum Div: BinaryVectorOperation {
        @inline(__always) static func apply<V: KernelVector>(_ a: V, _ b: V) -> V { a / b }
        static var nativeCode: Int32? { EMBER_BINARY_DIV }
    }
    /// No vector pow: the same C library call as the reference, lane by lane.
    enum Pow: BinaryVectorOperation {
        @inline(__always) static func apply<V: KernelVector>(_ a: V, _ b: V) -> V { a.lanewise(b) { V.Scalar.powC($0, $1) } }
    }
    enum Maximum: BinaryVectorOperation {
        @inline(__always) static func apply<V: KernelVector>(_ a: V, _ b: V) -> V { a.maximum(b) }
    }
    enum Minimum: BinaryVectorOperation {
        @inline(__always) static func apply<V: KernelVector>(_ a: V, _ b: V) -> V { a.minimum(b) }
    }
    enum Greater: BinaryVectorOperation {
        @inline(__always) static func apply<V: KernelVector>(_ a: V, _ b: V) -> V { a.greater(b) }
    }
    enum Equal: BinaryVectorOperation { @inline(__always) static func apply<V: KernelVector>(_ a: V, _ b: V) -> V { a.equal(b) } }

    @inline(__always)
    static func apply<T: SIMDScalar, Op: BinaryVectorOperation>(
        _ lhs: UnsafePointer<T>, _ rhs: UnsafePointer<T>, _ out: UnsafeMutablePointer<T>, _ layout: BroadcastLayout,
        threshold: Int, path: SIMDKernelPath, _ f: Op.Type
    ) {
        switch layout.kind {
        case .elementwise:
            Parallel.forEachRange(count: layout.count, threshold: threshold) { r in
                row(lhs + r.lowerBound, 1, rhs + r.lowerBound, 1, out + r.lowerBound, r.count, path, f)
            }
        case .scalarLHS:
            Parallel.forEachRange(count: layout.count, threshold: threshold) { r in
                row(lhs, 0, rhs + r.lowerBound, 1, out + r.lowerBound, r.count, path, f)
            }
        case .scalarRHS:
            Parallel.forEachRange(count: layout.count, threshold: threshold) { r in
                row(lhs + r.lowerBound, 1, rhs, 0, out + r.lowerBound, r.count, path, f)
            }
        case .strided:
            guard layout.count > 0 else { return }
            let n = layout.shape[layout.shape.count - 1]
            let rows = layout.count / n
            if layout.count < threshold || rows == 1 {
                layout.forEachRow { l, r, o, ls, rs, n in row(lhs + l, ls, rhs + r, rs, out + o, n, path, f) }
            } else {
                Parallel.forEachRange(count: rows, threshold: 0, alignment: 1) { range in
                    layout.forEachRow(rows: range) { l, r, o, ls, rs, n in
                        row(lhs + l, ls, rhs + r, rs, out + o, n, path, f)
                    }
                }
            }
        }
    }

    /// `out[i] = f(a[i·sa], b[i·sb])` for `i` in `0..<n`.
    @inline(__always)
    static func row<T: SIMDScalar, Op: BinaryVectorOperation>(_ a: UnsafePointer<T>, _ sa: Int, _ b: UnsafePointer<T>,
                                                              _ sb: Int, _ out: UnsafeMutablePointer<T>, _ n: Int,
                                                              _ path: SIMDKernelPath, _ f: Op.Type) {
        if let code = Op.nativeCode, (sa == 1 && (sb == 0 || sb == 1)) || (sa == 0 && sb == 1),
           T.Kernels.binary(path, code, a, sa, b, sb, out, n) {
            return
        }
        typealias V = T.Vector
        let w = V.lanes
        var i = 0
        switch (sa, sb) {
        case (1, 1):
            while i + w <= n {
                Op.apply(V(loading: a + i), V(loading: b + i)).store(to: out + i)
                i += w
            }
        case (1, 0):
            let bv = V(repeating: b[0])
            while i + w <= n {
                Op.apply(V(loading: a + i), bv).store(to: out + i)
                i += w
            }
        case (0, 1):
            let av = V(repeating: a[0])
            while i + w <= n {
                Op.apply(av, V(loading: b + i)).store(to: out + i)
                i += w
            }
        default:
            while i + w <= n {
                let av = V(gathering: a + i * sa, stride: sa, count: w, padding: 1)
                let bv = V(gathering: b + i * sb, stride: sb, count: w, padding: 1)
                Op.apply(av, bv).store(to: out + i)
                i += w
            }
        }
        if i < n {
            let av = V(gathering: a + i * sa, stride: sa, count: n - i, padding: 1)
            let bv = V(gathering: b + i * sb, stride: sb, count: n - i, padding: 1)
            Op.apply(av, bv).store(to: out + i, stride: 1, count: n - i)
        }
    }
}
