import Ember
import EmberReference
import Synchronization

/// A backend from "another package": forwards to the reference kernels and counts the calls.
final class CountingBackend: Backend {
    let name = "counting"
    let calls = Mutex(0)
    private let base = ReferenceBackend()

    private func count() { calls.withLock { $0 += 1 } }

    func fill(_ value: Float, _ out: UnsafeMutablePointer<Float>, count n: Int) { count(); base.fill(value, out, count: n) }
    func fill(_ value: Double, _ out: UnsafeMutablePointer<Double>, count n: Int) { count(); base.fill(value, out, count: n) }
    func copyStrided(_ src: UnsafePointer<Float>, shape: [Int], strides: [Int], _ out: UnsafeMutablePointer<Float>) {
        count(); base.copyStrided(src, shape: shape, strides: strides, out)
    }
    func copyStrided(_ src: UnsafePointer<Double>, shape: [Int], strides: [Int], _ out: UnsafeMutablePointer<Double>) {
        count(); base.copyStrided(src, shape: shape, strides: strides, out)
    }
    func unary(_ op: UnaryOp, _ x: UnsafePointer<Float>, _ out: UnsafeMutablePointer<Float>, count n: Int) {
        count(); base.unary(op, x, out, count: n)
    }
    func unary(_ op: UnaryOp, _ x: UnsafePointer<Double>, _ out: UnsafeMutablePointer<Double>, count n: Int) {
        count(); base.unary(op, x, out, count: n)
    }
    func binary(_ op: BinaryOp, _ lhs: UnsafePointer<Float>, _ rhs: UnsafePointer<Float>,
                _ out: UnsafeMutablePointer<Float>, layout: BroadcastLayout) {
        count(); base.binary(op, lhs, rhs, out, layout: layout)
    }
    func binary(_ op: BinaryOp, _ lhs: UnsafePointer<Double>, _ rhs: UnsafePointer<Double>,
                _ out: UnsafeMutablePointer<Double>, layout: BroadcastLayout) {
        count(); base.binary(op, lhs, rhs, out, layout: layout)
    }
    func reduce(_ op: ReduceOp, _ x: UnsafePointer<Float>, _ out: UnsafeMutablePointer<Float>, shape: ReductionShape) {
        count(); base.reduce(op, x, out, shape: shape)
    }
    func reduce(_ op: ReduceOp, _ x: UnsafePointer<Double>, _ out: UnsafeMutablePointer<Double>, shape: ReductionShape) {
        count(); base.reduce(op, x, out, shape: shape)
    }
    func matmul(_ a: UnsafePointer<Float>, _ b: UnsafePointer<Float>, _ c: UnsafeMutablePointer<Float>, shape: MatmulShape) {
        count(); base.matmul(a, b, c, shape: shape)
    }
    func matmul(_ a: UnsafePointer<Double>, _ b: UnsafePointer<Double>, _ c: UnsafeMutablePointer<Double>, shape: MatmulShape) {
        count(); base.matmul(a, b, c, shape: shape)
    }
}
