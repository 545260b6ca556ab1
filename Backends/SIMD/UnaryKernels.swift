import EmberBackend

/// `out[i] = op(x[i])`, one vector at a time; the tail is a partial vector, so every element takes the same path.
enum UnaryKernels {
    static func run<T: SIMDScalar>(_ op: UnaryOp, _ x: UnsafePointer<T>, _ out: UnsafeMutablePointer<T>, count: Int) {
        let cheap = Parallel.cheapThreshold, expensive = Parallel.expensiveThreshold
        switch op {
        case .neg: map(x, out, count, threshold: cheap) { -$0 }
        case .exp: map(x, out, count, threshold: expensive) { $0.exp() }
        case .log: map(x, out, count, threshold: expensive) { $0.log() }
        case .sqrt: map(x, out, count, threshold: cheap) { $0.squareRoot() }
        case .abs: map(x, out, count, threshold: cheap) { $0.magnitude() }
        case .relu: map(x, out, count, threshold: cheap) { $0.relu() }
        case .sigmoid: map(x, out, count, threshold: expensive) { $0.sigmoid() }
        case .tanh: map(x, out, count, threshold: expensive) { $0.tanh() }
        case .sign: map(x, out, count, threshold: cheap) { $0.sign() }
        }
    }

    @inline(__always)
    static func map<T: SIMDScalar>(_ x: UnsafePointer<T>, _ out: UnsafeMutablePointer<T>, _ count: Int,
                                   threshold: Int, _ f: (T.Vector) -> T.Vector) {
        Parallel.forEachRange(count: count, threshold: threshold) { range in
            let w = T.Vector.lanes
            var i = range.lowerBound
            let end = range.upperBound
            while i + w <= end {
                f(T.Vector(loading: x + i)).store(to: out + i)
                i += w
            }
            if i < end {
                f(T.Vector(loading: x + i, count: end - i, padding: 1)).store(to: out + i, stride: 1, count: end - i)
            }
        }
    }
}
