import EmberBackend
import EmberSIMD

/// The OpenBLAS backend: matrix products and level-1 kernels on CBLAS, the remaining kernels on `SIMDBackend`.
///
/// - `matmul` calls `?gemm` (row-major, transposes passed as `CblasTrans` flags, never copied), or `?gemv` when
///   `m` or `n` is 1. `k == 0` gives zeros; `m == 0` or `n == 0` makes no call; a dimension beyond `Int32`
///   runs the `simd` backend's GEMM.
/// - `dot`, `axpy`, `scale` and `copy` call `?dot`, `?axpy`, `?scal` and `?copy`, in chunks when a count exceeds
///   `Int32.max`.
/// - `fill`, `copyStrided`, `unary`, `binary` and `reduce` have no BLAS routine and run the `simd` backend's kernels.
///
/// Before each BLAS call the backend hands `Threads.count` to OpenBLAS if it changed since the last call.
/// OpenBLAS chooses its CPU kernels when the library loads; see `OpenBLASInfo` to check that choice. Creating the
/// backend warns once on standard error when OpenBLAS runs generic kernels on a CPU with AVX2 or AVX-512.
/// Select it with `EMBER_BACKEND=cblas`.
///
/// ```swift
/// let backend: any Backend = CBLASBackend()
/// let a: [Float] = [1, 2, 3, 4], b: [Float] = [5, 6, 7, 8]
/// var c = [Float](repeating: 0, count: 4)
/// backend.matmul(a, b, &c, shape: MatmulShape(m: 2, n: 2, k: 2))   // c == [19, 22, 43, 50]
/// ```
public final class CBLASBackend: Backend {
    public let name = "cblas"
    let simd = SIMDBackend()

    public init() {
        OpenBLASInfo.warnOnceIfGenericCore()
    }

    // MARK: BLAS kernels

    public func matmul(_ a: UnsafePointer<Float>, _ b: UnsafePointer<Float>, _ c: UnsafeMutablePointer<Float>,
                       shape: MatmulShape) {
        if !BLASMatmul.run(a, b, c, shape) { simd.matmul(a, b, c, shape: shape) }
    }
    public func matmul(_ a: UnsafePointer<Double>, _ b: UnsafePointer<Double>, _ c: UnsafeMutablePointer<Double>,
                       shape: MatmulShape) {
        if !BLASMatmul.run(a, b, c, shape) { simd.matmul(a, b, c, shape: shape) }
    }

    public func dot(_ x: UnsafePointer<Float>, _ y: UnsafePointer<Float>, count: Int) -> Float {
        BLASLevel1.dot(x, y, count)
    }
    public func dot(_ x: UnsafePointer<Double>, _ y: UnsafePointer<Double>, count: Int) -> Double {
        BLASLevel1.dot(x, y, count)
    }
    public func axpy(_ alpha: Float, _ x: UnsafePointer<Float>, _ y: UnsafeMutablePointer<Float>, count: Int) {
        BLASLevel1.axpy(alpha, x, y, count)
    }
    public func axpy(_ alpha: Double, _ x: UnsafePointer<Double>, _ y: UnsafeMutablePointer<Double>, count: Int) {
        BLASLevel1.axpy(alpha, x, y, count)
    }
    public func scale(_ alpha: Float, _ x: UnsafeMutablePointer<Float>, count: Int) {
        BLASLevel1.scal(alpha, x, count)
    }
    public func scale(_ alpha: Double, _ x: UnsafeMutablePointer<Double>, count: Int) {
        BLASLevel1.scal(alpha, x, count)
    }
    public func copy(_ src: UnsafePointer<Float>, _ out: UnsafeMutablePointer<Float>, count: Int) {
        BLASLevel1.copy(src, out, count)
    }
    public func copy(_ src: UnsafePointer<Double>, _ out: UnsafeMutablePointer<Double>, count: Int) {
        BLASLevel1.copy(src, out, count)
    }

    // MARK: Kernels without a BLAS routine: Ember's SIMD kernels

    public func fill(_ value: Float, _ out: UnsafeMutablePointer<Float>, count: Int) {
        simd.fill(value, out, count: count)
    }
    public func fill(_ value: Double, _ out: UnsafeMutablePointer<Double>, count: Int) {
        simd.fill(value, out, count: count)
    }
    public func copyStrided(_ src: UnsafePointer<Float>, shape: [Int], strides: [Int],
                            _ out: UnsafeMutablePointer<Float>) {
        simd.copyStrided(src, shape: shape, strides: strides, out)
    }
    public func copyStrided(_ src: UnsafePointer<Double>, shape: [Int], strides: [Int],
                            _ out: UnsafeMutablePointer<Double>) {
        simd.copyStrided(src, shape: shape, strides: strides, out)
    }
    public func unary(_ op: UnaryOp, _ x: UnsafePointer<Float>, _ out: UnsafeMutablePointer<Float>, count: Int) {
        simd.unary(op, x, out, count: count)
    }
    public func unary(_ op: UnaryOp, _ x: UnsafePointer<Double>, _ out: UnsafeMutablePointer<Double>, count: Int) {
        simd.unary(op, x, out, count: count)
    }
    public func binary(_ op: BinaryOp, _ lhs: UnsafePointer<Float>, _ rhs: UnsafePointer<Float>,
                       _ out: UnsafeMutablePointer<Float>, layout: BroadcastLayout) {
        simd.binary(op, lhs, rhs, out, layout: layout)
    }
    public func binary(_ op: BinaryOp, _ lhs: UnsafePointer<Double>, _ rhs: UnsafePointer<Double>,
                       _ out: UnsafeMutablePointer<Double>, layout: BroadcastLayout) {
        simd.binary(op, lhs, rhs, out, layout: layout)
    }
    public func reduce(_ op: ReduceOp, _ x: UnsafePointer<Float>, _ out: UnsafeMutablePointer<Float>,
                       shape: ReductionShape) {
        simd.reduce(op, x, out, shape: shape)
    }
    public func reduce(_ op: ReduceOp, _ x: UnsafePointer<Double>, _ out: UnsafeMutablePointer<Double>,
                       shape: ReductionShape) {
        simd.reduce(op, x, out, shape: shape)
    }
}
