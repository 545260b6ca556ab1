import EmberBackend

/// The SIMD backend: every kernel vectorised, a blocked and packed matrix product, and multi-core execution above
/// per-kernel size thresholds (`Threads.count` threads).
///
/// The hot kernels (the matrix product's micro-kernel, contiguous `add`/`sub`/`mul`/`div`, row sums, `dot`, `axpy`)
/// run C code for the CPU's vector units, AVX-512 or AVX2 with FMA, chosen at run time (`SIMDKernelPath`), so a plain
/// `swift build -c release` is as fast as a `-target-cpu native` one; the other kernels, and every kernel on the
/// `baseline` path, are Swift SIMD code.
///
/// Results agree with `ReferenceBackend` up to rounding: vector reductions and the matrix product add in a different
/// order, `exp`/`log`/`tanh`/`sigmoid` are polynomial approximations within a few ulp (see `FloatVector+Math.swift`),
/// and NaN/infinity behave exactly as the reference documents. Select it with `EMBER_BACKEND=simd`.
///
/// ```swift
/// let fast = SIMDBackend()                    // SIMDKernelPath.selected: the CPU's best, or EMBER_SIMD_PATH
/// let portable = SIMDBackend(path: .baseline) // the Swift kernels only
/// ```
public final class SIMDBackend: Backend {
    public let name = "simd"
    /// The instruction set of this backend's C kernels.
    public let path: SIMDKernelPath
    let buffers = GEMMBuffers()
    /// Tile memory of fused runs (`FusedKernels`), reused across calls so a small run allocates nothing.
    let fusionBuffers = PackingBufferPool(byteCount: FusedKernels.pooledBytes)

    /// A backend on `SIMDKernelPath.selected`.
    public init() {
        path = SIMDKernelPath.selected
    }

    /// A backend on `path`, which must be one of `SIMDKernelPath.available` (the program stops otherwise).
    public init(path: SIMDKernelPath) {
        emberPrecondition(path <= SIMDKernelPath.detected,
                     "SIMDBackend(path: .\(path)): this CPU runs at most .\(SIMDKernelPath.detected)")
        self.path = path
    }

    public func fill(_ value: Float, _ out: UnsafeMutablePointer<Float>, count: Int) {
        Level1Kernels.fill(value, out, count: count)
    }
    public func fill(_ value: Double, _ out: UnsafeMutablePointer<Double>, count: Int) {
        Level1Kernels.fill(value, out, count: count)
    }

    public func copyStrided(_ src: UnsafePointer<Float>, shape: [Int], strides: [Int], _ out: UnsafeMutablePointer<Float>) {
        StridedCopy.run(src, shape: shape, strides: strides, out)
    }
    public func copyStrided(_ src: UnsafePointer<Double>, shape: [Int], strides: [Int], _ out: UnsafeMutablePointer<Double>) {
        StridedCopy.run(src, shape: shape, strides: strides, out)
    }

    public func unary(_ op: UnaryOp, _ x: UnsafePointer<Float>, _ out: UnsafeMutablePointer<Float>, count: Int) {
        UnaryKernels.run(op, x, out, count: count)
    }
    public func unary(_ op: UnaryOp, _ x: UnsafePointer<Double>, _ out: UnsafeMutablePointer<Double>, count: Int) {
        UnaryKernels.run(op, x, out, count: count)
    }

    public func binary(_ op: BinaryOp, _ lhs: UnsafePointer<Float>, _ rhs: UnsafePointer<Float>,
                       _ out: UnsafeMutablePointer<Float>, layout: BroadcastLayout) {
        BinaryKernels.run(op, lhs, rhs, out, layout: layout, path: path)
    }
    public func binary(_ op: BinaryOp, _ lhs: UnsafePointer<Double>, _ rhs: UnsafePointer<Double>,
                       _ out: UnsafeMutablePointer<Double>, layout: BroadcastLayout) {
        BinaryKernels.run(op, lhs, rhs, out, layout: layout, path: path)
    }

    public func reduce(_ op: ReduceOp, _ x: UnsafePointer<Float>, _ out: UnsafeMutablePointer<Float>, shape: ReductionShape) {
        ReductionKernels.run(op, x, out, shape: shape, path: path)
    }
    public func reduce(_ op: ReduceOp, _ x: UnsafePointer<Double>, _ out: UnsafeMutablePointer<Double>, shape: ReductionShape) {
        ReductionKernels.run(op, x, out, shape: shape, path: path)
    }

    public func matmul(_ a: UnsafePointer<Float>, _ b: UnsafePointer<Float>, _ c: UnsafeMutablePointer<Float>, shape: MatmulShape) {
        GEMM.multiply(a, b, c, shape: shape, path: path, buffers: buffers)
    }
    public func matmul(_ a: UnsafePointer<Double>, _ b: UnsafePointer<Double>, _ c: UnsafeMutablePointer<Double>, shape: MatmulShape) {
        GEMM.multiply(a, b, c, shape: shape, path: path, buffers: buffers)
    }

    public func copy(_ src: UnsafePointer<Float>, _ out: UnsafeMutablePointer<Float>, count: Int) {
        Level1Kernels.copy(src, out, count: count)
    }
    public func copy(_ src: UnsafePointer<Double>, _ out: UnsafeMutablePointer<Double>, count: Int) {
        Level1Kernels.copy(src, out, count: count)
    }
    public func axpy(_ alpha: Float, _ x: UnsafePointer<Float>, _ y: UnsafeMutablePointer<Float>, count: Int) {
        Level1Kernels.axpy(alpha, x, y, count: count, path: path)
    }
    public func axpy(_ alpha: Double, _ x: UnsafePointer<Double>, _ y: UnsafeMutablePointer<Double>, count: Int) {
        Level1Kernels.axpy(alpha, x, y, count: count, path: path)
    }
    public func scale(_ alpha: Float, _ x: UnsafeMutablePointer<Float>, count: Int) {
        Level1Kernels.scale(alpha, x, count: count, path: path)
    }
    public func scale(_ alpha: Double, _ x: UnsafeMutablePointer<Double>, count: Int) {
        Level1Kernels.scale(alpha, x, count: count, path: path)
    }
    public func dot(_ x: UnsafePointer<Float>, _ y: UnsafePointer<Float>, count: Int) -> Float {
        Level1Kernels.dot(x, y, count: count, path: path)
    }
    public func dot(_ x: UnsafePointer<Double>, _ y: UnsafePointer<Double>, count: Int) -> Double {
        Level1Kernels.dot(x, y, count: count, path: path)
    }
}
