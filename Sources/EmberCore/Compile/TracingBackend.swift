import EmberBackend

/// The backend in force while a step is traced: it records every kernel call into its `TraceRecorder` and runs it
/// on `base`, the backend that was in force, so the traced call computes exactly what an eager call would.
///
/// It conforms to `Backend` directly rather than subclassing `ForwardingBackend`: a kernel added to the protocol
/// later and not yet forwarded here then runs as its default, built from the primitives through `self`, and so is
/// still recorded (correct, if slower, and `checkCompiled` shows any bitwise difference). Forwarding a new kernel
/// is one method here and one recording function in `TraceRecorder+Kernels.swift`.
///
/// `dot` returns its value to the host, which a replay cannot repeat: it fails the trace and still runs.
///
/// `@unchecked Sendable`: one task uses it, for the duration of one traced call.
public final class TracingBackend: Backend, @unchecked Sendable {
    public var name: String { base.name }
    /// The backend every kernel runs on.
    public let base: any Backend
    let recorder: TraceRecorder

    init(base: any Backend, recorder: TraceRecorder) {
        self.base = base
        self.recorder = recorder
    }


    public func fill(_ value: Float, _ out: UnsafeMutablePointer<Float>, count: Int) {
        recorder.fill(value, out, count: count)
        base.fill(value, out, count: count)
    }

    public func copyStrided(_ src: UnsafePointer<Float>, shape: [Int], strides: [Int], _ out: UnsafeMutablePointer<Float>) {
        recorder.copyStrided(src, shape: shape, strides: strides, out)
        base.copyStrided(src, shape: shape, strides: strides, out)
    }

    public func unary(_ op: UnaryOp, _ x: UnsafePointer<Float>, _ out: UnsafeMutablePointer<Float>, count: Int) {
        recorder.unary(op, x, out, count: count)
        base.unary(op, x, out, count: count)
    }

    public func binary(_ op: BinaryOp, _ lhs: UnsafePointer<Float>, _ rhs: UnsafePointer<Float>, _ out: UnsafeMutablePointer<Float>, layout: BroadcastLayout) {
        recorder.binary(op, lhs, rhs, out, layout: layout)
        base.binary(op, lhs, rhs, out, layout: layout)
    }

    public func reduce(_ op: ReduceOp, _ x: UnsafePointer<Float>, _ out: UnsafeMutablePointer<Float>, shape: ReductionShape) {
        recorder.reduce(op, x, out, shape: shape)
        base.reduce(op, x, out, shape: shape)
    }

    public func matmul(_ a: UnsafePointer<Float>, _ b: UnsafePointer<Float>, _ c: UnsafeMutablePointer<Float>, shape: MatmulShape) {
        recorder.matmul(a, b, c, shape: shape)
        base.matmul(a, b, c, shape: shape)
    }

    public func gather(_ src: UnsafePointer<Float>, _ indices: UnsafePointer<Int>, _ out: UnsafeMutablePointer<Float>, shape: GatherShape) {
        recorder.gather(src, indices, out, shape: shape)
        base.gather(src, indices, out, shape: shape)
    }

    public func scatterAdd(_ src: UnsafePointer<Float>, _ indices: UnsafePointer<Int>, _ out: UnsafeMutablePointer<Float>, shape: GatherShape) {
        recorder.scatterAdd(src, indices, out, shape: shape)
        base.scatterAdd(src, indices, out, shape: shape)
    }

    public func addStrided(_ src: UnsafePointer<Float>, _ out: UnsafeMutablePointer<Float>, shape: [Int], strides: [Int]) {
        recorder.addStrided(src, out, shape: shape, strides: strides)
        base.addStrided(src, out, shape: shape, strides: strides)
    }

    public func erf(_ x: UnsafePointer<Float>, _ out: UnsafeMutablePointer<Float>, count: Int) {
        recorder.erf(x, out, count: count)
        base.erf(x, out, count: count)
    }

    public func copy(_ src: UnsafePointer<Float>, _ out: UnsafeMutablePointer<Float>, count: Int) {
        recorder.copy(src, out, count: count)
        base.copy(src, out, count: count)
    }

    public func axpy(_ alpha: Float, _ x: UnsafePointer<Float>, _ y: UnsafeMutablePointer<Float>, count: Int) {
        recorder.axpy(alpha, x, y, count: count)
        base.axpy(alpha, x, y, count: count)
    }

    public func scale(_ alpha: Float, _ x: UnsafeMutablePointer<Float>, count: Int) {
        recorder.scale(alpha, x, count: count)
        base.scale(alpha, x, count: count)
    }

    public func dot(_ x: UnsafePointer<Float>, _ y: UnsafePointer<Float>, count: Int) -> Float {
        recorder.fail("dot returns a value to the host")
        return base.dot(x, y, count: count)
    }

    public func fill(_ value: Double, _ out: UnsafeMutablePointer<Double>, count: Int) {
        recorder.fill(value, out, count: count)
        base.fill(value, out, count: count)
    }

    public func copyStrided(_ src: UnsafePointer<Double>, shape: [Int], strides: [Int], _ out: UnsafeMutablePointer<Double>) {
        recorder.copyStrided(src, shape: shape, strides: strides, out)
        base.copyStrided(src, shape: shape, strides: strides, out)
    }

    public func unary(_ op: UnaryOp, _ x: UnsafePointer<Double>, _ out: UnsafeMutablePointer<Double>, count: Int) {
        recorder.unary(op, x, out, count: count)
        base.unary(op, x, out, count: count)
    }

    public func binary(_ op: BinaryOp, _ lhs: UnsafePointer<Double>, _ rhs: UnsafePointer<Double>, _ out: UnsafeMutablePointer<Double>, layout: BroadcastLayout) {
        recorder.binary(op, lhs, rhs, out, layout: layout)
        base.binary(op, lhs, rhs, out, layout: layout)
    }

    public func reduce(_ op: ReduceOp, _ x: UnsafePointer<Double>, _ out: UnsafeMutablePointer<Double>, shape: ReductionShape) {
        recorder.reduce(op, x, out, shape: shape)
        base.reduce(op, x, out, shape: shape)
    }

    public func matmul(_ a: UnsafePointer<Double>, _ b: UnsafePointer<Double>, _ c: UnsafeMutablePointer<Double>, shape: MatmulShape) {
        recorder.matmul(a, b, c, shape: shape)
        base.matmul(a, b, c, shape: shape)
    }

    public func gather(_ src: UnsafePointer<Double>, _ indices: UnsafePointer<Int>, _ out: UnsafeMutablePointer<Double>, shape: GatherShape) {
        recorder.gather(src, indices, out, shape: shape)
        base.gather(src, indices, out, shape: shape)
    }

    public func scatterAdd(_ src: UnsafePointer<Double>, _ indices: UnsafePointer<Int>, _ out: UnsafeMutablePointer<Double>, shape: GatherShape) {
        recorder.scatterAdd(src, indices, out, shape: shape)
        base.scatterAdd(src, indices, out, shape: shape)
    }

    public func addStrided(_ src: UnsafePointer<Double>, _ out: UnsafeMutablePointer<Double>, shape: [Int], strides: [Int]) {
        recorder.addStrided(src, out, shape: shape, strides: strides)
        base.addStrided(src, out, shape: shape, strides: strides)
    }

    public func erf(_ x: UnsafePointer<Double>, _ out: UnsafeMutablePointer<Double>, count: Int) {
        recorder.erf(x, out, count: count)
        base.erf(x, out, count: count)
    }

    public func copy(_ src: UnsafePointer<Double>, _ out: UnsafeMutablePointer<Double>, count: Int) {
        recorder.copy(src, out, count: count)
        base.copy(src, out, count: count)
    }

    public func axpy(_ alpha: Double, _ x: UnsafePointer<Double>, _ y: UnsafeMutablePointer<Double>, count: Int) {
        recorder.axpy(alpha, x, y, count: count)
        base.axpy(alpha, x, y, count: count)
    }

    public func scale(_ alpha: Double, _ x: UnsafeMutablePointer<Double>, count: Int) {
        recorder.scale(alpha, x, count: count)
        base.scale(alpha, x, count: count)
    }

    public func dot(_ x: UnsafePointer<Double>, _ y: UnsafePointer<Double>, count: Int) -> Double {
        recorder.fail("dot returns a value to the host")
        return base.dot(x, y, count: count)
    }
}
