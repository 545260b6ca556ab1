import CEmberBLAS
import EmberBackend

/// `C = op(A) · op(B)` on OpenBLAS, row-major, with the transposes passed to BLAS as flags (no copies).
enum BLASMatmul {
    /// Runs the product; returns `false`, having done nothing, when a dimension does not fit BLAS's `Int32`.
    /// With `accumulate`, `C += op(A) · op(B)` (one `gemm` with beta 1).
    @inline(__always)
    static func run<T: BLASScalar>(_ a: UnsafePointer<T>, _ b: UnsafePointer<T>, _ c: UnsafeMutablePointer<T>,
                                   _ s: MatmulShape, accumulate: Bool = false) -> Bool {
        let (m, n, k) = (s.m, s.n, s.k)
        guard m > 0, n > 0 else { return true }
        guard k > 0 else {
            if !accumulate { c.update(repeating: 0, count: m * n) }
            return true
        }
        guard let m32 = Int32(exactly: m), let n32 = Int32(exactly: n), let k32 = Int32(exactly: k) else {
            return false
        }
        OpenBLASThreads.sync()
        if accumulate {
            T.gemm(s.transposeA ? CblasTrans : CblasNoTrans, s.transposeB ? CblasTrans : CblasNoTrans,
                   m32, n32, k32, a, s.transposeA ? m32 : k32, b, s.transposeB ? k32 : n32, c, n32, beta: 1)
        } else if n == 1 {
            // c[m] = op(A)[m, k] · b[k]; b is a contiguous vector whether or not it is transposed.
            // A stored [m, k] is used as is; A stored [k, m] is used transposed.
            if s.transposeA {
                T.gemv(CblasTrans, k32, m32, a, m32, b, c)
            } else {
                T.gemv(CblasNoTrans, m32, k32, a, k32, b, c)
            }
        } else if m == 1 {
            // c[n] = a[k] · op(B)[k, n], that is cᵀ = op(B)ᵀ · a; a is a contiguous vector either way.
            // B stored [k, n] is used transposed; B stored [n, k] is used as is.
            if s.transposeB {
                T.gemv(CblasNoTrans, n32, k32, b, k32, a, c)
            } else {
                T.gemv(CblasTrans, k32, n32, b, n32, a, c)
            }
        } else {
            let lda = s.transposeA ? m32 : k32
            let ldb = s.transposeB ? k32 : n32
            T.gemm(s.transposeA ? CblasTrans : CblasNoTrans, s.transposeB ? CblasTrans : CblasNoTrans,
                   m32, n32, k32, a, lda, b, ldb, c, n32, beta: 0)
        }
        return true
    }
}
