// Composite kernels built from the primitives. A backend inherits these and overrides one only to make it faster;
// each default is written once, generically, and routed to by the two scalar types.

extension Backend {
    public func copy(_ src: UnsafePointer<Float>, _ out: UnsafeMutablePointer<Float>, count: Int) {
        defaultCopy(src, out, count: count)
    }
    public func copy(_ src: UnsafePointer<Double>, _ out: UnsafeMutablePointer<Double>, count: Int) {
        defaultCopy(src, out, count: count)
    }
    public func axpy(_ alpha: Float, _ x: UnsafePointer<Float>, _ y: UnsafeMutablePointer<Float>, count: Int) {
        defaultAxpy(alpha, x, y, count: count)
    }
    public func axpy(_ alpha: Double, _ x: UnsafePointer<Double>, _ y: UnsafeMutablePointer<Double>, count: Int) {
        defaultAxpy(alpha, x, y, count: count)
    }
    public func scale(_ alpha: Float, _ x: UnsafeMutablePointer<Float>, count: Int) {
        defaultScale(alpha, x, count: count)
    }
    public func scale(_ alpha: Double, _ x: UnsafeMutablePointer<Double>, count: Int) {
        defaultScale(alpha, x, count: count)
    }
    public func dot(_ x: UnsafePointer<Float>, _ y: UnsafePointer<Float>, count: Int) -> Float {
        defaultDot(x, y, count: count)
    }
    public func dot(_ x: UnsafePointer<Double>, _ y: UnsafePointer<Double>, count: Int) -> Double {
        defaultDot(x, y, count: count)
    }
}

extension Backend {
    /// `copy` as a strided copy with unit stride.
    @inlinable
    public func defaultCopy<T: TensorScalar>(_ src: UnsafePointer<T>, _ out: UnsafeMutablePointer<T>, count: Int) {
        guard count > 0 else { return }
        copyStrided(src, shape: [count], strides: [1], out)
    }

    /// `axpy` as `y = y + alpha * x`: a scalar multiply into a scratch buffer, then an in-place add.
    @inlinable
    public func defaultAxpy<T: TensorScalar>(_ alpha: T, _ x: UnsafePointer<T>, _ y: UnsafeMutablePointer<T>, count: Int) {
        guard count > 0 else { return }
        let scratch = UnsafeMutablePointer<T>.allocate(capacity: count)
        defer { scratch.deallocate() }
        withUnsafePointer(to: alpha) { a in
            binary(.mul, x, a, scratch, layout: .scalarRHS(count))
        }
        binary(.add, UnsafePointer(y), UnsafePointer(scratch), y, layout: .elementwise(count))
    }

    /// `scale` as an in-place multiply by a broadcast scalar.
    @inlinable
    public func defaultScale<T: TensorScalar>(_ alpha: T, _ x: UnsafeMutablePointer<T>, count: Int) {
        guard count > 0 else { return }
        withUnsafePointer(to: alpha) { a in
            binary(.mul, UnsafePointer(x), a, x, layout: .scalarRHS(count))
        }
    }

    /// `dot` as an elementwise product followed by a sum reduction.
    @inlinable
    public func defaultDot<T: TensorScalar>(_ x: UnsafePointer<T>, _ y: UnsafePointer<T>, count: Int) -> T {
        guard count > 0 else { return 0 }
        let scratch = UnsafeMutablePointer<T>.allocate(capacity: count)
        defer { scratch.deallocate() }
        binary(.mul, x, y, scratch, layout: .elementwise(count))
        var result: T = 0
        reduce(.sum, UnsafePointer(scratch), &result, shape: .all(count))
        return result
    }
}
