import EmberBackend

/// A backend that forwards every kernel, composites included, to `base`; test backends subclass it and override
/// only the kernels they break. (`@unchecked Sendable`: a non-final class cannot be checked; its state is immutable.)
class ForwardingBackend: Backend, @unchecked Sendable {
    let name: String
    let base: any Backend

    init(name: String, forwardingTo base: any Backend) {
        self.name = name
        self.base = base
    }

    func fill(_ value: Float, _ out: UnsafeMutablePointer<Float>, count: Int) { base.fill(value, out, count: count) }
    func fill(_ value: Double, _ out: UnsafeMutablePointer<Double>, count: Int) { base.fill(value, out, count: count) }
    func copyStrided(_ src: UnsafePointer<Float>, shape: [Int], strides: [Int], _ out: UnsafeMutablePointer<Float>) {
        base.copyStrided(src, shape: shape, strides: strides, out)
    }
    func copyStrided(_ src: UnsafePointer<Double>, shape: [Int], strides: [Int], _ out: UnsafeMutablePointer<Double>) {
        base.copyStrided(src, shape: shape, strides: strides, out)
    }
    func unary(_ op: UnaryOp, _ x: UnsafePointer<Float>, _ out: UnsafeMutablePointer<Float>, count: Int) {
        base.unary(op, x, out, count: count)
    }
    func unary(_ op: UnaryOp, _ x: UnsafePointer<Double>, _ out: UnsafeMutablePointer<Double>, count: Int) {
        base.unary(op, x, out, count: count)
    }
    func binary(_ op: BinaryOp, _ lhs: UnsafePointer<Float>, _ rhs: UnsafePointer<Float>,
                _ out: UnsafeMutablePointer<Float>, layout: BroadcastLayout) {
        base.binary(op, lhs, rhs, out, layout: layout)
    }
    func binary(_ op: BinaryOp, _ lhs: UnsafePointer<Double>, _ rhs: UnsafePointer<Double>,
                _ out: UnsafeMutablePointer<Double>, layout: BroadcastLayout) {
        base.binary(op, lhs, rhs, out, layout: layout)
    }
    func reduce(_ op: ReduceOp, _ x: UnsafePointer<Float>, _ out: UnsafeMutablePointer<Float>, shape: ReductionShape) {
        base.reduce(op, x, out, shape: shape)
    }
    func reduce(_ op: ReduceOp, _ x: UnsafePointer<Double>, _ out: UnsafeMutablePointer<Double>, shape: ReductionShape) {
        base.reduce(op, x, out, shape: shape)
    }
    func matmul(_ a: UnsafePointer<Float>, _ b: UnsafePointer<Float>, _ c: UnsafeMutablePointer<Float>, shape: MatmulShape) {
        base.matmul(a, b, c, shape: shape)
    }
    func matmul(_ a: UnsafePointer<Double>, _ b: UnsafePointer<Double>, _ c: UnsafeMutablePointer<Double>,
                shape: MatmulShape) {
        base.matmul(a, b, c, shape: shape)
    }
    func copy(_ src: UnsafePointer<Float>, _ out: UnsafeMutablePointer<Float>, count: Int) { base.copy(src, out, count: count) }
    func copy(_ src: UnsafePointer<Double>, _ out: UnsafeMutablePointer<Double>, count: Int) { base.copy(src, out, count: count) }
    func axpy(_ alpha: Float, _ x: UnsafePointer<Float>, _ y: UnsafeMutablePointer<Float>, count: Int) {
        base.axpy(alpha, x, y, count: count)
    }
    func axpy(_ alpha: Double, _ x: UnsafePointer<Double>, _ y: UnsafeMutablePointer<Double>, count: Int) {
        base.axpy(alpha, x, y, count: count)
    }
    func scale(_ alpha: Float, _ x: UnsafeMutablePointer<Float>, count: Int) { base.scale(alpha, x, count: count) }
    func scale(_ alpha: Double, _ x: UnsafeMutablePointer<Double>, count: Int) { base.scale(alpha, x, count: count) }
    func dot(_ x: UnsafePointer<Float>, _ y: UnsafePointer<Float>, count: Int) -> Float { base.dot(x, y, count: count) }
    func dot(_ x: UnsafePointer<Double>, _ y: UnsafePointer<Double>, count: Int) -> Double { base.dot(x, y, count: count) }
}
