/// A backend that forwards every kernel, composites included, to `base`: subclass it and override only the kernels
/// you implement, and the others run on `base` (the reference backend, `simd`, or any other).
///
/// `@unchecked Sendable`: an open class cannot be checked; its own state is immutable, and a subclass that adds
/// state must keep it thread-safe.
///
/// ```swift
/// final class FastExp: ForwardingBackend, @unchecked Sendable {
///     init() { super.init(name: "fast-exp", forwardingTo: ReferenceBackend()) }
///     override func unary(_ op: UnaryOp, _ x: UnsafePointer<Float>, _ out: UnsafeMutablePointer<Float>,
///                         count: Int) {
///         guard op == .exp else { return super.unary(op, x, out, count: count) }
///         for i in 0..<count { out[i] = Float.exp(x[i]) }
///     }
/// }
/// ```
open class ForwardingBackend: Backend, @unchecked Sendable {
    public let name: String
    /// The backend every kernel not overridden runs on.
    public let base: any Backend

    /// - Parameters:
    ///   - name: the name `EMBER_BACKEND` selects it by, once registered.
    ///   - base: the backend to forward to.
    public init(name: String, forwardingTo base: any Backend) {
        self.name = name
        self.base = base
    }

    open func fill(_ value: Float, _ out: UnsafeMutablePointer<Float>, count: Int) {
        base.fill(value, out, count: count)
    }
    open func fill(_ value: Double, _ out: UnsafeMutablePointer<Double>, count: Int) {
        base.fill(value, out, count: count)
    }
    open func copyStrided(_ src: UnsafePointer<Float>, shape: [Int], strides: [Int],
                          _ out: UnsafeMutablePointer<Float>) {
        base.copyStrided(src, shape: shape, strides: strides, out)
    }
    open func copyStrided(_ src: UnsafePointer<Double>, shape: [Int], strides: [Int],
                          _ out: UnsafeMutablePointer<Double>) {
        base.copyStrided(src, shape: shape, strides: strides, out)
    }
    open func unary(_ op: UnaryOp, _ x: UnsafePointer<Float>, _ out: UnsafeMutablePointer<Float>, count: Int) {
        base.unary(op, x, out, count: count)
    }
    open func unary(_ op: UnaryOp, _ x: UnsafePointer<Double>, _ out: UnsafeMutablePointer<Double>, count: Int) {
        base.unary(op, x, out, count: count)
    }
    open func binary(_ op: BinaryOp, _ lhs: UnsafePointer<Float>, _ rhs: UnsafePointer<Float>,
                     _ out: UnsafeMutablePointer<Float>, layout: BroadcastLayout) {
        base.binary(op, lhs, rhs, out, layout: layout)
    }
    open func binary(_ op: BinaryOp, _ lhs: UnsafePointer<Double>, _ rhs: UnsafePointer<Double>,
                     _ out: UnsafeMutablePointer<Double>, layout: BroadcastLayout) {
        base.binary(op, lhs, rhs, out, layout: layout)
    }
    open func reduce(_ op: ReduceOp, _ x: UnsafePointer<Float>, _ out: UnsafeMutablePointer<Float>,
                     shape: ReductionShape) {
        base.reduce(op, x, out, shape: shape)
    }
    open func reduce(_ op: ReduceOp, _ x: UnsafePointer<Double>, _ out: UnsafeMutablePointer<Double>,
                     shape: ReductionShape) {
        base.reduce(op, x, out, shape: shape)
    }
    open func matmul(_ a: UnsafePointer<Float>, _ b: UnsafePointer<Float>, _ c: UnsafeMutablePointer<Float>,
                     shape: MatmulShape) {
        base.matmul(a, b, c, shape: shape)
    }
    open func matmul(_ a: UnsafePointer<Double>, _ b: UnsafePointer<Double>, _ c: UnsafeMutablePointer<Double>,
                     shape: MatmulShape) {
        base.matmul(a, b, c, shape: shape)
    }
    open func gather(_ src: UnsafePointer<Float>, _ indices: UnsafePointer<Int>, _ out: UnsafeMutablePointer<Float>,
                     shape: GatherShape) {
        base.gather(src, indices, out, shape: shape)
    }
    open func gather(_ src: UnsafePointer<Double>, _ indices: UnsafePointer<Int>, _ out: UnsafeMutablePointer<Double>,
                     shape: GatherShape) {
        base.gather(src, indices, out, shape: shape)
    }
    open func scatterAdd(_ src: UnsafePointer<Float>, _ indices: UnsafePointer<Int>,
                         _ out: UnsafeMutablePointer<Float>, shape: GatherShape) {
        base.scatterAdd(src, indices, out, shape: shape)
    }
    open func scatterAdd(_ src: UnsafePointer<Double>, _ indices: UnsafePointer<Int>,
                         _ out: UnsafeMutablePointer<Double>, shape: GatherShape) {
        base.scatterAdd(src, indices, out, shape: shape)
    }
    open func addStrided(_ src: UnsafePointer<Float>, _ out: UnsafeMutablePointer<Float>, shape: [Int],
                         strides: [Int]) {
        base.addStrided(src, out, shape: shape, strides: strides)
    }
    open func addStrided(_ src: UnsafePointer<Double>, _ out: UnsafeMutablePointer<Double>, shape: [Int],
                         strides: [Int]) {
        base.addStrided(src, out, shape: shape, strides: strides)
    }
    open func erf(_ x: UnsafePointer<Float>, _ out: UnsafeMutablePointer<Float>, count: Int) {
        base.erf(x, out, count: count)
    }
    open func erf(_ x: UnsafePointer<Double>, _ out: UnsafeMutablePointer<Double>, count: Int) {
        base.erf(x, out, count: count)
    }
    open func conv2d(_ input: UnsafePointer<Float>, _ weight: UnsafePointer<Float>, _ out: UnsafeMutablePointer<Float>,
                     shape: Conv2dShape) {
        base.conv2d(input, weight, out, shape: shape)
    }
    open func conv2d(_ input: UnsafePointer<Double>, _ weight: UnsafePointer<Double>,
                     _ out: UnsafeMutablePointer<Double>, shape: Conv2dShape) {
        base.conv2d(input, weight, out, shape: shape)
    }
    open func conv2dBackwardInput(_ gradOutput: UnsafePointer<Float>, _ weight: UnsafePointer<Float>,
                                  _ gradInput: UnsafeMutablePointer<Float>, shape: Conv2dShape) {
        base.conv2dBackwardInput(gradOutput, weight, gradInput, shape: shape)
    }
    open func conv2dBackwardInput(_ gradOutput: UnsafePointer<Double>, _ weight: UnsafePointer<Double>,
                                  _ gradInput: UnsafeMutablePointer<Double>, shape: Conv2dShape) {
        base.conv2dBackwardInput(gradOutput, weight, gradInput, shape: shape)
    }
    open func conv2dBackwardWeight(_ input: UnsafePointer<Float>, _ gradOutput: UnsafePointer<Float>,
                                   _ gradWeight: UnsafeMutablePointer<Float>, shape: Conv2dShape) {
        base.conv2dBackwardWeight(input, gradOutput, gradWeight, shape: shape)
    }
    open func conv2dBackwardWeight(_ input: UnsafePointer<Double>, _ gradOutput: UnsafePointer<Double>,
                                   _ gradWeight: UnsafeMutablePointer<Double>, shape: Conv2dShape) {
        base.conv2dBackwardWeight(input, gradOutput, gradWeight, shape: shape)
    }
    open func maxPool2d(_ x: UnsafePointer<Float>, _ out: UnsafeMutablePointer<Float>,
                        _ indices: UnsafeMutablePointer<Int>, shape: Pool2dShape) {
        base.maxPool2d(x, out, indices, shape: shape)
    }
    open func maxPool2d(_ x: UnsafePointer<Double>, _ out: UnsafeMutablePointer<Double>,
                        _ indices: UnsafeMutablePointer<Int>, shape: Pool2dShape) {
        base.maxPool2d(x, out, indices, shape: shape)
    }
    open func maxPool2dBackward(_ gradOutput: UnsafePointer<Float>, _ indices: UnsafePointer<Int>,
                                _ gradInput: UnsafeMutablePointer<Float>, shape: Pool2dShape) {
        base.maxPool2dBackward(gradOutput, indices, gradInput, shape: shape)
    }
    open func maxPool2dBackward(_ gradOutput: UnsafePointer<Double>, _ indices: UnsafePointer<Int>,
                                _ gradInput: UnsafeMutablePointer<Double>, shape: Pool2dShape) {
        base.maxPool2dBackward(gradOutput, indices, gradInput, shape: shape)
    }
    open func avgPool2d(_ x: UnsafePointer<Float>, _ out: UnsafeMutablePointer<Float>, shape: Pool2dShape,
                        countIncludePad: Bool) {
        base.avgPool2d(x, out, shape: shape, countIncludePad: countIncludePad)
    }
    open func avgPool2d(_ x: UnsafePointer<Double>, _ out: UnsafeMutablePointer<Double>, shape: Pool2dShape,
                        countIncludePad: Bool) {
        base.avgPool2d(x, out, shape: shape, countIncludePad: countIncludePad)
    }
    open func avgPool2dBackward(_ gradOutput: UnsafePointer<Float>, _ gradInput: UnsafeMutablePointer<Float>,
                                shape: Pool2dShape, countIncludePad: Bool) {
        base.avgPool2dBackward(gradOutput, gradInput, shape: shape, countIncludePad: countIncludePad)
    }
    open func avgPool2dBackward(_ gradOutput: UnsafePointer<Double>, _ gradInput: UnsafeMutablePointer<Double>,
                                shape: Pool2dShape, countIncludePad: Bool) {
        base.avgPool2dBackward(gradOutput, gradInput, shape: shape, countIncludePad: countIncludePad)
    }
    open func copy(_ src: UnsafePointer<Float>, _ out: UnsafeMutablePointer<Float>, count: Int) {
        base.copy(src, out, count: count)
    }
    open func copy(_ src: UnsafePointer<Double>, _ out: UnsafeMutablePointer<Double>, count: Int) {
        base.copy(src, out, count: count)
    }
    open func axpy(_ alpha: Float, _ x: UnsafePointer<Float>, _ y: UnsafeMutablePointer<Float>, count: Int) {
        base.axpy(alpha, x, y, count: count)
    }
    open func axpy(_ alpha: Double, _ x: UnsafePointer<Double>, _ y: UnsafeMutablePointer<Double>, count: Int) {
        base.axpy(alpha, x, y, count: count)
    }
    open func scale(_ alpha: Float, _ x: UnsafeMutablePointer<Float>, count: Int) { base.scale(alpha, x, count: count) }
    open func scale(_ alpha: Double, _ x: UnsafeMutablePointer<Double>, count: Int) {
        base.scale(alpha, x, count: count)
    }
    open func dot(_ x: UnsafePointer<Float>, _ y: UnsafePointer<Float>, count: Int) -> Float {
        base.dot(x, y, count: count)
    }
    open func dot(_ x: UnsafePointer<Double>, _ y: UnsafePointer<Double>, count: Int) -> Double {
        base.dot(x, y, count: count)
    }
}
