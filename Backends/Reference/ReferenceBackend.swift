import EmberBackend

/// The reference backend: plain Swift loops, one obvious loop per kernel.
///
/// It is the definition of every kernel and the oracle every other backend is tested against, so clarity wins over
/// speed here; the loops are still tight enough for small tensors, where per-operation overhead dominates.
/// Select it with `EMBER_BACKEND=reference`.
public final class ReferenceBackend: Backend {
    public let name = "reference"

    public init() {}

    public func fill(_ value: Float, _ out: UnsafeMutablePointer<Float>, count: Int) { Loops.fill(value, out, count) }
    public func fill(_ value: Double, _ out: UnsafeMutablePointer<Double>, count: Int) { Loops.fill(value, out, count) }

    public func copyStrided(_ src: UnsafePointer<Float>, shape: [Int], strides: [Int], _ out: UnsafeMutablePointer<Float>) {
        Loops.copyStrided(src, shape, strides, out)
    }
    public func copyStrided(_ src: UnsafePointer<Double>, shape: [Int], strides: [Int], _ out: UnsafeMutablePointer<Double>) {
        Loops.copyStrided(src, shape, strides, out)
    }

    public func unary(_ op: UnaryOp, _ x: UnsafePointer<Float>, _ out: UnsafeMutablePointer<Float>, count: Int) {
        Loops.unary(op, x, out, count)
    }
    public func unary(_ op: UnaryOp, _ x: UnsafePointer<Double>, _ out: UnsafeMutablePointer<Double>, count: Int) {
        Loops.unary(op, x, out, count)
    }

    public func binary(_ op: BinaryOp, _ lhs: UnsafePointer<Float>, _ rhs: UnsafePointer<Float>,
                       _ out: UnsafeMutablePointer<Float>, layout: BroadcastLayout) {
        Loops.binary(op, lhs, rhs, out, layout)
    }
    public func binary(_ op: BinaryOp, _ lhs: UnsafePointer<Double>, _ rhs: UnsafePointer<Double>,
                       _ out: UnsafeMutablePointer<Double>, layout: BroadcastLayout) {
        Loops.binary(op, lhs, rhs, out, layout)
    }

    public func reduce(_ op: ReduceOp, _ x: UnsafePointer<Float>, _ out: UnsafeMutablePointer<Float>, shape: ReductionShape) {
        Loops.reduce(op, x, out, shape)
    }
    public func reduce(_ op: ReduceOp, _ x: UnsafePointer<Double>, _ out: UnsafeMutablePointer<Double>, shape: ReductionShape) {
        Loops.reduce(op, x, out, shape)
    }

    public func matmul(_ a: UnsafePointer<Float>, _ b: UnsafePointer<Float>, _ c: UnsafeMutablePointer<Float>, shape: MatmulShape) {
        Loops.matmul(a, b, c, shape)
    }
    public func matmul(_ a: UnsafePointer<Double>, _ b: UnsafePointer<Double>, _ c: UnsafeMutablePointer<Double>, shape: MatmulShape) {
        Loops.matmul(a, b, c, shape)
    }

    // Plain loops for the composites too, so the per-op cost on small tensors stays a single pass.
    public func copy(_ src: UnsafePointer<Float>, _ out: UnsafeMutablePointer<Float>, count: Int) {
        out.update(from: src, count: count)
    }
    public func copy(_ src: UnsafePointer<Double>, _ out: UnsafeMutablePointer<Double>, count: Int) {
        out.update(from: src, count: count)
    }
    public func axpy(_ alpha: Float, _ x: UnsafePointer<Float>, _ y: UnsafeMutablePointer<Float>, count: Int) {
        Loops.axpy(alpha, x, y, count)
    }
    public func axpy(_ alpha: Double, _ x: UnsafePointer<Double>, _ y: UnsafeMutablePointer<Double>, count: Int) {
        Loops.axpy(alpha, x, y, count)
    }
    public func scale(_ alpha: Float, _ x: UnsafeMutablePointer<Float>, count: Int) { Loops.scale(alpha, x, count) }
    public func scale(_ alpha: Double, _ x: UnsafeMutablePointer<Double>, count: Int) { Loops.scale(alpha, x, count) }
    public func dot(_ x: UnsafePointer<Float>, _ y: UnsafePointer<Float>, count: Int) -> Float { Loops.dot(x, y, count) }
    public func dot(_ x: UnsafePointer<Double>, _ y: UnsafePointer<Double>, count: Int) -> Double { Loops.dot(x, y, count) }
}
