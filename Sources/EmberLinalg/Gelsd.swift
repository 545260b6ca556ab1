import CEmberBLAS
import EmberBackend

/// LAPACK's `?gelsd` (least squares by a divide-and-conquer SVD) for `Float` (`sgelsd`) and `Double` (`dgelsd`).
enum Gelsd {
    /// Solves for one right-hand side on column-major storage: `a` is `m × n` with leading dimension `m`, and `b`
    /// holds `y` in its first `m` of `ldb ≥ max(m, n)` elements and receives the solution in its first `n`.
    /// `s` receives `min(m, n)` singular values. Returns LAPACK's `info` and the routine's name, or `nil` for a
    /// scalar type without a routine.
    static func solve<T: TensorScalar>(m: Int32, n: Int32, a: UnsafeMutablePointer<T>, b: UnsafeMutablePointer<T>,
                                       ldb: Int32, s: UnsafeMutablePointer<T>, rcond: T,
                                       rank: inout Int32) -> (info: Int32, routine: String)? {
        // T is exactly Float or Double in each branch, so the memory is already bound to that type.
        if T.self == Float.self {
            let info = LAPACKE_sgelsd(LAPACK_COL_MAJOR, m, n, 1, rebound(a), m, rebound(b), ldb, rebound(s),
                                      Float(rcond), &rank)
            return (info, "sgelsd")
        }
        if T.self == Double.self {
            let info = LAPACKE_dgelsd(LAPACK_COL_MAJOR, m, n, 1, rebound(a), m, rebound(b), ldb, rebound(s),
                                      Double(rcond), &rank)
            return (info, "dgelsd")
        }
        return nil
    }

    @inline(__always)
    private static func rebound<T, U>(_ p: UnsafeMutablePointer<T>) -> UnsafeMutablePointer<U> {
        UnsafeMutableRawPointer(p).assumingMemoryBound(to: U.self)
    }
}
