import RealModule
import Glibc

/// The element types tensors and backends support: `Float` and `Double`.
///
/// Generic code calls a backend's kernels through the generic `Backend` methods below; each scalar type routes them
/// to the backend's requirement for that type, so the call is one direct witness-table call with no type test.
public protocol TensorScalar: Real, BinaryFloatingPoint, LosslessStringConvertible, Sendable
where RawSignificand: FixedWidthInteger {
    /// A short name for messages and file formats: `"Float32"` or `"Float64"`.
    static var typeName: String { get }
    /// `x` raised to `y` with the C library's `pow` semantics (C99 Annex F), which `torch.pow` follows: a negative
    /// base with an integral exponent is defined (`powC(-2, 3) == -8`), `powC(x, 0) == 1` for every `x` (NaN
    /// included), and a negative base with a fractional exponent is NaN. RealModule's `pow` differs: it is NaN for
    /// every negative base.
    static func powC(_ x: Self, _ y: Self) -> Self
    static func _fill(_ b: any Backend, _ value: Self, _ out: UnsafeMutablePointer<Self>, count: Int)
    static func _copyStrided(_ b: any Backend, _ src: UnsafePointer<Self>, shape: [Int], strides: [Int],
                             _ out: UnsafeMutablePointer<Self>)
    static func _unary(_ b: any Backend, _ op: UnaryOp, _ x: UnsafePointer<Self>, _ out: UnsafeMutablePointer<Self>,
                       count: Int)
    static func _binary(_ b: any Backend, _ op: BinaryOp, _ lhs: UnsafePointer<Self>, _ rhs: UnsafePointer<Self>,
                        _ out: UnsafeMutablePointer<Self>, layout: BroadcastLayout)
    static func _reduce(_ b: any Backend, _ op: ReduceOp, _ x: UnsafePointer<Self>, _ out: UnsafeMutablePointer<Self>,
                        shape: ReductionShape)
    static func _matmul(_ b: any Backend, _ a: UnsafePointer<Self>, _ bm: UnsafePointer<Self>,
                        _ c: UnsafeMutablePointer<Self>, shape: MatmulShape)
    static func _copy(_ b: any Backend, _ src: UnsafePointer<Self>, _ out: UnsafeMutablePointer<Self>, count: Int)
    static func _axpy(_ b: any Backend, _ alpha: Self, _ x: UnsafePointer<Self>, _ y: UnsafeMutablePointer<Self>,
                      count: Int)
    static func _scale(_ b: any Backend, _ alpha: Self, _ x: UnsafeMutablePointer<Self>, count: Int)
    static func _runFused(_ b: any FusingBackend, _ run: FusedRun<Self>) -> Bool
    static func _dot(_ b: any Backend, _ x: UnsafePointer<Self>, _ y: UnsafePointer<Self>, count: Int) -> Self
    static func _gather(_ b: any Backend, _ src: UnsafePointer<Self>, _ indices: UnsafePointer<Int>,
                        _ out: UnsafeMutablePointer<Self>, shape: GatherShape)
    static func _scatterAdd(_ b: any Backend, _ src: UnsafePointer<Self>, _ indices: UnsafePointer<Int>,
                            _ out: UnsafeMutablePointer<Self>, shape: GatherShape)
    static func _addStrided(_ b: any Backend, _ src: UnsafePointer<Self>, _ out: UnsafeMutablePointer<Self>,
                            shape: [Int], strides: [Int])
    static func _erf(_ b: any Backend, _ x: UnsafePointer<Self>, _ out: UnsafeMutablePointer<Self>, count: Int)
    // Convolution and pooling (`TensorScalar+Convolution.swift`).
    static func _conv2d(_ b: any Backend, _ input: UnsafePointer<Self>, _ weight: UnsafePointer<Self>,
                        _ out: UnsafeMutablePointer<Self>, shape: Conv2dShape)
    static func _conv2dBackwardInput(_ b: any Backend, _ gradOutput: UnsafePointer<Self>, _ weight: UnsafePointer<Self>,
                                     _ gradInput: UnsafeMutablePointer<Self>, shape: Conv2dShape)
    static func _conv2dBackwardWeight(_ b: any Backend, _ input: UnsafePointer<Self>, _ gradOutput: UnsafePointer<Self>,
                                      _ gradWeight: UnsafeMutablePointer<Self>, shape: Conv2dShape)
    static func _maxPool2d(_ b: any Backend, _ x: UnsafePointer<Self>, _ out: UnsafeMutablePointer<Self>,
                           _ indices: UnsafeMutablePointer<Int>, shape: Pool2dShape)
    static func _maxPool2dBackward(_ b: any Backend, _ gradOutput: UnsafePointer<Self>, _ indices: UnsafePointer<Int>,
                                   _ gradInput: UnsafeMutablePointer<Self>, shape: Pool2dShape)
    static func _avgPool2d(_ b: any Backend, _ x: UnsafePointer<Self>, _ out: UnsafeMutablePointer<Self>,
                           shape: Pool2dShape, countIncludePad: Bool)
    static func _avgPool2dBackward(_ b: any Backend, _ gradOutput: UnsafePointer<Self>,
                                   _ gradInput: UnsafeMutablePointer<Self>, shape: Pool2dShape, countIncludePad: Bool)
}

extension Float: TensorScalar {
    public static var typeName: String { "Float32" }
    @inlinable public static func powC(_ x: Float, _ y: Float) -> Float { powf(x, y) }
    @inlinable public static func _fill(_ b: any Backend, _ value: Float, _ out: UnsafeMutablePointer<Float>, count: Int) {
        b.fill(value, out, count: count)
    }
    @inlinable public static func _copyStrided(_ b: any Backend, _ src: UnsafePointer<Float>, shape: [Int], strides: [Int],
                                               _ out: UnsafeMutablePointer<Float>) {
        b.copyStrided(src, shape: shape, strides: strides, out)
    }
    @inlinable public static func _unary(_ b: any Backend, _ op: UnaryOp, _ x: UnsafePointer<Float>,
                                         _ out: UnsafeMutablePointer<Float>, count: Int) {
        b.unary(op, x, out, count: count)
    }
    @inlinable public static func _binary(_ b: any Backend, _ op: BinaryOp, _ lhs: UnsafePointer<Float>,
                                          _ rhs: UnsafePointer<Float>, _ out: UnsafeMutablePointer<Float>,
                                          layout: BroadcastLayout) {
        b.binary(op, lhs, rhs, out, layout: layout)
    }
    @inlinable public static func _reduce(_ b: any Backend, _ op: ReduceOp, _ x: UnsafePointer<Float>,
                                          _ out: UnsafeMutablePointer<Float>, shape: ReductionShape) {
        b.reduce(op, x, out, shape: shape)
    }
    @inlinable public static func _matmul(_ b: any Backend, _ a: UnsafePointer<Float>, _ bm: UnsafePointer<Float>,
                                          _ c: UnsafeMutablePointer<Float>, shape: MatmulShape) {
        b.matmul(a, bm, c, shape: shape)
    }
    @inlinable public static func _copy(_ b: any Backend, _ src: UnsafePointer<Float>, _ out: UnsafeMutablePointer<Float>,
                                        count: Int) {
        b.copy(src, out, count: count)
    }
    @inlinable public static func _axpy(_ b: any Backend, _ alpha: Float, _ x: UnsafePointer<Float>,
                                        _ y: UnsafeMutablePointer<Float>, count: Int) {
        b.axpy(alpha, x, y, count: count)
    }
    @inlinable public static func _runFused(_ b: any FusingBackend, _ run: FusedRun<Float>) -> Bool {
        b.runFused(run)
    }
    @inlinable public static func _scale(_ b: any Backend, _ alpha: Float, _ x: UnsafeMutablePointer<Float>, count: Int) {
        b.scale(alpha, x, count: count)
    }
    @inlinable public static func _dot(_ b: any Backend, _ x: UnsafePointer<Float>, _ y: UnsafePointer<Float>,
                                       count: Int) -> Float {
        b.dot(x, y, count: count)
    }
    @inlinable public static func _gather(_ b: any Backend, _ src: UnsafePointer<Float>, _ indices: UnsafePointer<Int>,
                                          _ out: UnsafeMutablePointer<Float>, shape: GatherShape) {
        b.gather(src, indices, out, shape: shape)
    }
    @inlinable public static func _scatterAdd(_ b: any Backend, _ src: UnsafePointer<Float>, _ indices: UnsafePointer<Int>,
                                              _ out: UnsafeMutablePointer<Float>, shape: GatherShape) {
        b.scatterAdd(src, indices, out, shape: shape)
    }
    @inlinable public static func _addStrided(_ b: any Backend, _ src: UnsafePointer<Float>, _ out: UnsafeMutablePointer<Float>,
                                              shape: [Int], strides: [Int]) {
        b.addStrided(src, out, shape: shape, strides: strides)
    }
    @inlinable public static func _erf(_ b: any Backend, _ x: UnsafePointer<Float>, _ out: UnsafeMutablePointer<Float>,
                                       count: Int) {
        b.erf(x, out, count: count)
    }
}

extension Double: TensorScalar {
    public static var typeName: String { "Float64" }
    @inlinable public static func powC(_ x: Double, _ y: Double) -> Double { Glibc.pow(x, y) }
    @inlinable public static func _fill(_ b: any Backend, _ value: Double, _ out: UnsafeMutablePointer<Double>, count: Int) {
        b.fill(value, out, count: count)
    }
    @inlinable public static func _copyStrided(_ b: any Backend, _ src: UnsafePointer<Double>, shape: [Int], strides: [Int],
                                               _ out: UnsafeMutablePointer<Double>) {
        b.copyStrided(src, shape: shape, strides: strides, out)
    }
    @inlinable public static func _unary(_ b: any Backend, _ op: UnaryOp, _ x: UnsafePointer<Double>,
                                         _ out: UnsafeMutablePointer<Double>, count: Int) {
        b.unary(op, x, out, count: count)
    }
    @inlinable public static func _binary(_ b: any Backend, _ op: BinaryOp, _ lhs: UnsafePointer<Double>,
                                          _ rhs: UnsafePointer<Double>, _ out: UnsafeMutablePointer<Double>,
                                          layout: BroadcastLayout) {
        b.binary(op, lhs, rhs, out, layout: layout)
    }
    @inlinable public static func _reduce(_ b: any Backend, _ op: ReduceOp, _ x: UnsafePointer<Double>,
                                          _ out: UnsafeMutablePointer<Double>, shape: ReductionShape) {
        b.reduce(op, x, out, shape: shape)
    }
    @inlinable public static func _matmul(_ b: any Backend, _ a: UnsafePointer<Double>, _ bm: UnsafePointer<Double>,
                                          _ c: UnsafeMutablePointer<Double>, shape: MatmulShape) {
        b.matmul(a, bm, c, shape: shape)
    }
    @inlinable public static func _copy(_ b: any Backend, _ src: UnsafePointer<Double>, _ out: UnsafeMutablePointer<Double>,
                                        count: Int) {
        b.copy(src, out, count: count)
    }
    @inlinable public static func _axpy(_ b: any Backend, _ alpha: Double, _ x: UnsafePointer<Double>,
                                        _ y: UnsafeMutablePointer<Double>, count: Int) {
        b.axpy(alpha, x, y, count: count)
    }
    @inlinable public static func _runFused(_ b: any FusingBackend, _ run: FusedRun<Double>) -> Bool {
        b.runFused(run)
    }
    @inlinable public static func _scale(_ b: any Backend, _ alpha: Double, _ x: UnsafeMutablePointer<Double>, count: Int) {
        b.scale(alpha, x, count: count)
    }
    @inlinable public static func _dot(_ b: any Backend, _ x: UnsafePointer<Double>, _ y: UnsafePointer<Double>,
                                       count: Int) -> Double {
        b.dot(x, y, count: count)
    }
    @inlinable public static func _gather(_ b: any Backend, _ src: UnsafePointer<Double>, _ indices: UnsafePointer<Int>,
                                          _ out: UnsafeMutablePointer<Double>, shape: GatherShape) {
        b.gather(src, indices, out, shape: shape)
    }
    @inlinable public static func _scatterAdd(_ b: any Backend, _ src: UnsafePointer<Double>, _ indices: UnsafePointer<Int>,
                                              _ out: UnsafeMutablePointer<Double>, shape: GatherShape) {
        b.scatterAdd(src, indices, out, shape: shape)
    }
    @inlinable public static func _addStrided(_ b: any Backend, _ src: UnsafePointer<Double>, _ out: UnsafeMutablePointer<Double>,
                                              shape: [Int], strides: [Int]) {
        b.addStrided(src, out, shape: shape, strides: strides)
    }
    @inlinable public static func _erf(_ b: any Backend, _ x: UnsafePointer<Double>, _ out: UnsafeMutablePointer<Double>,
                                       count: Int) {
        b.erf(x, out, count: count)
    }
}

// MARK: - Generic entry points: `backend.binary(op, lhs, rhs, out, layout:)` for any `TensorScalar`.

extension Backend {
    @inlinable public func fill<T: TensorScalar>(_ value: T, _ out: UnsafeMutablePointer<T>, count: Int) {
        T._fill(self, value, out, count: count)
    }
    @inlinable public func copyStrided<T: TensorScalar>(_ src: UnsafePointer<T>, shape: [Int], strides: [Int],
                                                         _ out: UnsafeMutablePointer<T>) {
        T._copyStrided(self, src, shape: shape, strides: strides, out)
    }
    @inlinable public func unary<T: TensorScalar>(_ op: UnaryOp, _ x: UnsafePointer<T>, _ out: UnsafeMutablePointer<T>,
                                                   count: Int) {
        T._unary(self, op, x, out, count: count)
    }
    @inlinable public func binary<T: TensorScalar>(_ op: BinaryOp, _ lhs: UnsafePointer<T>, _ rhs: UnsafePointer<T>,
                                                    _ out: UnsafeMutablePointer<T>, layout: BroadcastLayout) {
        T._binary(self, op, lhs, rhs, out, layout: layout)
    }
    @inlinable public func reduce<T: TensorScalar>(_ op: ReduceOp, _ x: UnsafePointer<T>, _ out: UnsafeMutablePointer<T>,
                                                    shape: ReductionShape) {
        T._reduce(self, op, x, out, shape: shape)
    }
    @inlinable public func matmul<T: TensorScalar>(_ a: UnsafePointer<T>, _ b: UnsafePointer<T>,
                                                    _ c: UnsafeMutablePointer<T>, shape: MatmulShape) {
        T._matmul(self, a, b, c, shape: shape)
    }
    @inlinable public func copy<T: TensorScalar>(_ src: UnsafePointer<T>, _ out: UnsafeMutablePointer<T>, count: Int) {
        T._copy(self, src, out, count: count)
    }
    @inlinable public func axpy<T: TensorScalar>(_ alpha: T, _ x: UnsafePointer<T>, _ y: UnsafeMutablePointer<T>,
                                                  count: Int) {
        T._axpy(self, alpha, x, y, count: count)
    }
    @inlinable public func scale<T: TensorScalar>(_ alpha: T, _ x: UnsafeMutablePointer<T>, count: Int) {
        T._scale(self, alpha, x, count: count)
    }
    @inlinable public func dot<T: TensorScalar>(_ x: UnsafePointer<T>, _ y: UnsafePointer<T>, count: Int) -> T {
        T._dot(self, x, y, count: count)
    }
    @inlinable public func gather<T: TensorScalar>(_ src: UnsafePointer<T>, _ indices: UnsafePointer<Int>,
                                                    _ out: UnsafeMutablePointer<T>, shape: GatherShape) {
        T._gather(self, src, indices, out, shape: shape)
    }
    @inlinable public func scatterAdd<T: TensorScalar>(_ src: UnsafePointer<T>, _ indices: UnsafePointer<Int>,
                                                        _ out: UnsafeMutablePointer<T>, shape: GatherShape) {
        T._scatterAdd(self, src, indices, out, shape: shape)
    }
    @inlinable public func addStrided<T: TensorScalar>(_ src: UnsafePointer<T>, _ out: UnsafeMutablePointer<T>,
                                                        shape: [Int], strides: [Int]) {
        T._addStrided(self, src, out, shape: shape, strides: strides)
    }
    @inlinable public func erf<T: TensorScalar>(_ x: UnsafePointer<T>, _ out: UnsafeMutablePointer<T>, count: Int) {
        T._erf(self, x, out, count: count)
    }
}
