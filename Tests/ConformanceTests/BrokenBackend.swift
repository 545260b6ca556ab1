import EmberBackend
import EmberReference

/// A backend that is the reference backend with one deliberate bug, to prove the conformance kit catches it.
final class BrokenBackend: Backend {
    /// The bug, each one a mistake real kernels make.
    enum Fault: String, Sendable, CaseIterable, CustomStringConvertible {
        /// `exp` is 0.1 % off: a poor polynomial approximation.
        case inaccurateExp
        /// `add` gets the last element wrong when the count is not a multiple of 8: a botched SIMD tail.
        case addTailElement
        /// `reduce(.max)` skips NaN instead of propagating it.
        case maxDropsNaN
        /// `reduce(.sum)` drops the last term of rows longer than 16: an unrolled loop's remainder.
        case sumDropsLastTerm
        /// `matmul` reads `B` as not transposed whatever `transposeB` says.
        case ignoresTransposeB
        /// `matmul` writes `C` transposed (column-major): the right values in the wrong order.
        case transposedMatmulOutput
        /// `copyStrided` copies a transposed 2-D view in storage order: the right values in the wrong order.
        case copyStridedIgnoresTranspose
        /// `fill` writes one element past the end of its output.
        case fillWritesPastEnd
        /// `axpy` returns early when `alpha == 0`, like some BLAS, so `0 · inf` never becomes NaN.
        case axpySkipsZeroAlpha
        /// `binary` zeroes its output before reading the operands, which breaks in-place use (`out == lhs`).
        case binaryClobbersInPlace
        /// `dot` ignores the elements after the last multiple of 8.
        case dotDropsTail

        var description: String { rawValue }
    }

    let fault: Fault
    let name: String
    private let reference = ReferenceBackend()

    init(_ fault: Fault) {
        self.fault = fault
        self.name = "broken-\(fault)"
    }

    func fill(_ value: Float, _ out: UnsafeMutablePointer<Float>, count: Int) { brokenFill(value, out, count) }
    func fill(_ value: Double, _ out: UnsafeMutablePointer<Double>, count: Int) { brokenFill(value, out, count) }
    func copyStrided(_ src: UnsafePointer<Float>, shape: [Int], strides: [Int], _ out: UnsafeMutablePointer<Float>) {
        brokenCopyStrided(src, shape, strides, out)
    }
    func copyStrided(_ src: UnsafePointer<Double>, shape: [Int], strides: [Int], _ out: UnsafeMutablePointer<Double>) {
        brokenCopyStrided(src, shape, strides, out)
    }
    func unary(_ op: UnaryOp, _ x: UnsafePointer<Float>, _ out: UnsafeMutablePointer<Float>, count: Int) {
        brokenUnary(op, x, out, count)
    }
    func unary(_ op: UnaryOp, _ x: UnsafePointer<Double>, _ out: UnsafeMutablePointer<Double>, count: Int) {
        brokenUnary(op, x, out, count)
    }
    func binary(_ op: BinaryOp, _ lhs: UnsafePointer<Float>, _ rhs: UnsafePointer<Float>,
                _ out: UnsafeMutablePointer<Float>, layout: BroadcastLayout) {
        brokenBinary(op, lhs, rhs, out, layout)
    }
    func binary(_ op: BinaryOp, _ lhs: UnsafePointer<Double>, _ rhs: UnsafePointer<Double>,
                _ out: UnsafeMutablePointer<Double>, layout: BroadcastLayout) {
        brokenBinary(op, lhs, rhs, out, layout)
    }
    func reduce(_ op: ReduceOp, _ x: UnsafePointer<Float>, _ out: UnsafeMutablePointer<Float>, shape: ReductionShape) {
        brokenReduce(op, x, out, shape)
    }
    func reduce(_ op: ReduceOp, _ x: UnsafePointer<Double>, _ out: UnsafeMutablePointer<Double>, shape: ReductionShape) {
        brokenReduce(op, x, out, shape)
    }
    func matmul(_ a: UnsafePointer<Float>, _ b: UnsafePointer<Float>, _ c: UnsafeMutablePointer<Float>, shape: MatmulShape) {
        brokenMatmul(a, b, c, shape)
    }
    func matmul(_ a: UnsafePointer<Double>, _ b: UnsafePointer<Double>, _ c: UnsafeMutablePointer<Double>,
                shape: MatmulShape) {
        brokenMatmul(a, b, c, shape)
    }
    func axpy(_ alpha: Float, _ x: UnsafePointer<Float>, _ y: UnsafeMutablePointer<Float>, count: Int) {
        brokenAxpy(alpha, x, y, count)
    }
    func axpy(_ alpha: Double, _ x: UnsafePointer<Double>, _ y: UnsafeMutablePointer<Double>, count: Int) {
        brokenAxpy(alpha, x, y, count)
    }
    func dot(_ x: UnsafePointer<Float>, _ y: UnsafePointer<Float>, count: Int) -> Float { brokenDot(x, y, count) }
    func dot(_ x: UnsafePointer<Double>, _ y: UnsafePointer<Double>, count: Int) -> Double { brokenDot(x, y, count) }

    // MARK: The faults, written once for both scalar types

    private func brokenFill<T: TensorScalar>(_ value: T, _ out: UnsafeMutablePointer<T>, _ count: Int) {
        reference.fill(value, out, count: count)
        if fault == .fillWritesPastEnd { out[count] = value }
    }

    private func brokenCopyStrided<T: TensorScalar>(_ src: UnsafePointer<T>, _ shape: [Int], _ strides: [Int],
                                                    _ out: UnsafeMutablePointer<T>) {
        if fault == .copyStridedIgnoresTranspose, shape.count == 2, strides == [1, shape[0]] {
            out.update(from: src, count: shape[0] * shape[1])   // the source holds exactly these elements
            return
        }
        reference.copyStrided(src, shape: shape, strides: strides, out)
    }

    private func brokenUnary<T: TensorScalar>(_ op: UnaryOp, _ x: UnsafePointer<T>, _ out: UnsafeMutablePointer<T>,
                                              _ count: Int) {
        reference.unary(op, x, out, count: count)
        if fault == .inaccurateExp, op == .exp {
            for i in 0..<count { out[i] *= 1.001 }
        }
    }

    private func brokenBinary<T: TensorScalar>(_ op: BinaryOp, _ lhs: UnsafePointer<T>, _ rhs: UnsafePointer<T>,
                                               _ out: UnsafeMutablePointer<T>, _ layout: BroadcastLayout) {
        if fault == .binaryClobbersInPlace, UnsafePointer(out) == lhs, layout.count > 0 {
            reference.fill(T(0), out, count: layout.count)
        }
        reference.binary(op, lhs, rhs, out, layout: layout)
        if fault == .addTailElement, op == .add, layout.count % 8 != 0 { out[layout.count - 1] += 1 }
    }

    private func brokenReduce<T: TensorScalar>(_ op: ReduceOp, _ x: UnsafePointer<T>, _ out: UnsafeMutablePointer<T>,
                                               _ shape: ReductionShape) {
        reference.reduce(op, x, out, shape: shape)
        guard (fault == .maxDropsNaN && op == .max) || (fault == .sumDropsLastTerm && op == .sum) else { return }
        for o in 0..<shape.outer {
            for i in 0..<shape.inner {
                let row = (0..<shape.length).map { x[(o * shape.length + $0) * shape.inner + i] }
                if fault == .maxDropsNaN, op == .max {
                    out[o * shape.inner + i] = row.filter { !$0.isNaN }.max() ?? -.infinity
                }
                if fault == .sumDropsLastTerm, op == .sum, shape.length > 16 {
                    out[o * shape.inner + i] -= row[shape.length - 1]
                }
            }
        }
    }

    private func brokenMatmul<T: TensorScalar>(_ a: UnsafePointer<T>, _ b: UnsafePointer<T>,
                                               _ c: UnsafeMutablePointer<T>, _ shape: MatmulShape) {
        var shape = shape
        if fault == .ignoresTransposeB { shape.transposeB = false }
        reference.matmul(a, b, c, shape: shape)
        if fault == .transposedMatmulOutput {
            let rowMajor = Array(UnsafeBufferPointer(start: c, count: shape.m * shape.n))
            for i in 0..<shape.m {
                for j in 0..<shape.n { c[j * shape.m + i] = rowMajor[i * shape.n + j] }
            }
        }
    }

    private func brokenAxpy<T: TensorScalar>(_ alpha: T, _ x: UnsafePointer<T>, _ y: UnsafeMutablePointer<T>,
                                             _ count: Int) {
        if fault == .axpySkipsZeroAlpha, alpha == 0 { return }
        reference.axpy(alpha, x, y, count: count)
    }

    private func brokenDot<T: TensorScalar>(_ x: UnsafePointer<T>, _ y: UnsafePointer<T>, _ count: Int) -> T {
        reference.dot(x, y, count: fault == .dotDropsTail ? count / 8 * 8 : count)
    }
}
