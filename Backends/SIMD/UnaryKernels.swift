import EmberBackend

/// An elementwise operation of one vector. Operations are types rather than closures so that every kernel is
/// specialised on its operation: closures handed through the threading helpers end up called once per vector.
protocol UnaryVectorOperation {
    static func apply<V: KernelVector>(_ x: V) -> V
}

/// `out[i] = op(x[i])`, one vector at a time; the tail is a partial vector, so every element takes the same path.
enum UnaryKernels {
    static func run<T: SIMDScalar>(_ op: UnaryOp, _ x: UnsafePointer<T>, _ out: UnsafeMutablePointer<T>, count: Int) {
        let cheap = Parallel.cheapThreshold, expensive = Parallel.expensiveThreshold
        switch op {
        case .neg: map(x, out, count, threshold: cheap, Neg.self)
        case .exp: map(x, out, count, threshold: expensive, Exp.self)
        case .log: map(x, out, count, threshold: expensive, Log.self)
        case .sqrt: map(x, out, count, threshold: cheap, Sqrt.self)
        case .abs: map(x, out, count, threshold: cheap, Abs.self)
        case .relu: map(x, out, count, threshold: cheap, Relu.self)
        case .sigmoid: map(x, out, count, threshold: expensive, Sigmoid.self)
        case .tanh: map(x, out, count, threshold: expensive, Tanh.self)
        case .sign: map(x, out, count, threshold: cheap, Sign.self)
        }
    }

    @inline(__always)
    static func map<T: SIMDScalar, Op: UnaryVectorOperation>(_ x: UnsafePointer<T>, _ out: UnsafeMutablePointer<T>,
                                                             _ count: Int, threshold: Int, _: Op.Type) {
        Parallel.forEachRange(count: count, threshold: threshold) { range in
            let w = T.Vector.lanes
            var i = range.lowerBound
            let end = range.upperBound
            while i + w <= end {
                Op.apply(T.Vector(loading: x + i)).store(to: out + i)
                i += w
            }
            if i < end {
                Op.apply(T.Vector(loading: x + i, count: end - i, padding: 1)).store(to: out + i, stride: 1, count: end - i)
            }
        }
    }

    enum Neg: UnaryVectorOperation { @inline(__always) static func apply<V: KernelVector>(_ x: V) -> V { -x } }
    enum Exp: UnaryVectorOperation { @inline(__always) static func apply<V: KernelVector>(_ x: V) -> V { x.exp() } }
    enum Log: UnaryVectorOperation { @inline(__always) static func apply<V: KernelVector>(_ x: V) -> V { x.log() } }
    enum Sqrt: UnaryVectorOperation { @inline(__always) static func apply<V: KernelVector>(_ x: V) -> V { x.squareRoot() } }
    enum Abs: UnaryVectorOperation { @inline(__always) static func apply<V: KernelVector>(_ x: V) -> V { x.magnitude() } }
    enum Relu: UnaryVectorOperation { @inline(__always) static func apply<V: KernelVector>(_ x: V) -> V { x.relu() } }
    enum Sigmoid: UnaryVectorOperation { @inline(__always) static func apply<V: KernelVector>(_ x: V) -> V { x.sigmoid() } }
    enum Tanh: UnaryVectorOperation { @inline(__always) static func apply<V: KernelVector>(_ x: V) -> V { x.tanh() } }
    enum Sign: UnaryVectorOperation { @inline(__always) static func apply<V: KernelVector>(_ x: V) -> V { x.sign() } }
}
