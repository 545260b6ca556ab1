import CEmberBLAS
import EmberBackend

/// The CBLAS routines of one precision: `Float` routes to the `s` routines and `Double` to the `d` routines, so the
/// matrix and level-1 code is written once, generically, and specialised by the compiler.
///
/// Counts and leading dimensions are `Int32` (`blasint` in this OpenBLAS build); callers check the range first.
/// Row-major, alpha 1 and beta 0 throughout (`c` and `y` are overwritten, never read), except `gemm`'s `beta`, 0 or 1
/// (`C += A·B` for the convolution's weight gradient summed over images).
protocol BLASScalar: TensorScalar {
    static func gemm(_ transA: CBLAS_TRANSPOSE, _ transB: CBLAS_TRANSPOSE, _ m: Int32, _ n: Int32, _ k: Int32,
                     _ a: UnsafePointer<Self>, _ lda: Int32, _ b: UnsafePointer<Self>, _ ldb: Int32,
                     _ c: UnsafeMutablePointer<Self>, _ ldc: Int32, beta: Self)
    static func gemv(_ trans: CBLAS_TRANSPOSE, _ m: Int32, _ n: Int32, _ a: UnsafePointer<Self>, _ lda: Int32,
                     _ x: UnsafePointer<Self>, _ y: UnsafeMutablePointer<Self>)
    static func dot(_ n: Int32, _ x: UnsafePointer<Self>, _ y: UnsafePointer<Self>) -> Self
    static func axpy(_ n: Int32, _ alpha: Self, _ x: UnsafePointer<Self>, _ y: UnsafeMutablePointer<Self>)
    static func scal(_ n: Int32, _ alpha: Self, _ x: UnsafeMutablePointer<Self>)
    static func copy(_ n: Int32, _ x: UnsafePointer<Self>, _ y: UnsafeMutablePointer<Self>)
}

extension Float: BLASScalar {
    @inline(__always)
    static func gemm(_ transA: CBLAS_TRANSPOSE, _ transB: CBLAS_TRANSPOSE, _ m: Int32, _ n: Int32, _ k: Int32,
                     _ a: UnsafePointer<Float>, _ lda: Int32, _ b: UnsafePointer<Float>, _ ldb: Int32,
                     _ c: UnsafeMutablePointer<Float>, _ ldc: Int32, beta: Float) {
        cblas_sgemm(CblasRowMajor, transA, transB, m, n, k, 1, a, lda, b, ldb, beta, c, ldc)
    }
    @inline(__always)
    static func gemv(_ trans: CBLAS_TRANSPOSE, _ m: Int32, _ n: Int32, _ a: UnsafePointer<Float>, _ lda: Int32,
                     _ x: UnsafePointer<Float>, _ y: UnsafeMutablePointer<Float>) {
        cblas_sgemv(CblasRowMajor, trans, m, n, 1, a, lda, x, 1, 0, y, 1)
    }
    @inline(__always)
    static func dot(_ n: Int32, _ x: UnsafePointer<Float>, _ y: UnsafePointer<Float>) -> Float {
        cblas_sdot(n, x, 1, y, 1)
    }
    @inline(__always)
    static func axpy(_ n: Int32, _ alpha: Float, _ x: UnsafePointer<Float>, _ y: UnsafeMutablePointer<Float>) {
        cblas_saxpy(n, alpha, x, 1, y, 1)
    }
    @inline(__always)
    static func scal(_ n: Int32, _ alpha: Float, _ x: UnsafeMutablePointer<Float>) {
        cblas_sscal(n, alpha, x, 1)
    }
    @inline(__always)
    static func copy(_ n: Int32, _ x: UnsafePointer<Float>, _ y: UnsafeMutablePointer<Float>) {
        cblas_scopy(n, x, 1, y, 1)
    }
}

extension Double: BLASScalar {
    @inline(__always)
    static func gemm(_ transA: CBLAS_TRANSPOSE, _ transB: CBLAS_TRANSPOSE, _ m: Int32, _ n: Int32, _ k: Int32,
                     _ a: UnsafePointer<Double>, _ lda: Int32, _ b: UnsafePointer<Double>, _ ldb: Int32,
                     _ c: UnsafeMutablePointer<Double>, _ ldc: Int32, beta: Double) {
        cblas_dgemm(CblasRowMajor, transA, transB, m, n, k, 1, a, lda, b, ldb, beta, c, ldc)
    }
    @inline(__always)
    static func gemv(_ trans: CBLAS_TRANSPOSE, _ m: Int32, _ n: Int32, _ a: UnsafePointer<Double>, _ lda: Int32,
                     _ x: UnsafePointer<Double>, _ y: UnsafeMutablePointer<Double>) {
        cblas_dgemv(CblasRowMajor, trans, m, n, 1, a, lda, x, 1, 0, y, 1)
    }
    @inline(__always)
    static func dot(_ n: Int32, _ x: UnsafePointer<Double>, _ y: UnsafePointer<Double>) -> Double {
        cblas_ddot(n, x, 1, y, 1)
    }
    @inline(__always)
    static func axpy(_ n: Int32, _ alpha: Double, _ x: UnsafePointer<Double>, _ y: UnsafeMutablePointer<Double>) {
        cblas_daxpy(n, alpha, x, 1, y, 1)
    }
    @inline(__always)
    static func scal(_ n: Int32, _ alpha: Double, _ x: UnsafeMutablePointer<Double>) {
        cblas_dscal(n, alpha, x, 1)
    }
    @inline(__always)
    static func copy(_ n: Int32, _ x: UnsafePointer<Double>, _ y: UnsafeMutablePointer<Double>) {
        cblas_dcopy(n, x, 1, y, 1)
    }
}
