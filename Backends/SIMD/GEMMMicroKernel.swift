/// The portable micro-kernel of the matrix product (the `baseline` path; `avx2` and `avx512` run the C kernels of
/// `Backends/CEmberSIMDKernels`): an `8 × 2·lanes` tile of C (8 rows of two vectors, sixteen vector accumulators)
/// updated with `kc` rank-1 products of packed panels.
///
/// Per step `p` it loads two vectors of the packed B panel and broadcasts eight scalars of the packed A panel:
/// sixteen multiply-adds for ten loads.
enum GEMMMicroKernel {
    /// Rows of the C tile.
    static let mr = 8

    /// Columns of the C tile for scalar type `T`: two vectors.
    @inline(__always)
    static func nr<T: SIMDScalar>(_: T.Type) -> Int { 2 * T.Vector.lanes }

    /// `C[0..<rows, 0..<columns] (+)= Ã·B̃` for packed panels `a` (`kc × mr`, row `p` at `a + p·mr`) and `b`
    /// (`kc × nr`, row `p` at `b + p·nr`); `c` has row stride `ldc`. Rows and columns beyond the edge are computed
    /// from the zero padding of the panels and not stored. With `accumulate == false`, C is overwritten.
    @inline(__always)
    static func run<T: SIMDScalar>(kc: Int, a: UnsafePointer<T>, b: UnsafePointer<T>, c: UnsafeMutablePointer<T>,
                                   ldc: Int, rows: Int, columns: Int, accumulate: Bool) {
        typealias V = T.Vector
        let w = V.lanes
        var c00 = V(repeating: 0), c01 = c00, c10 = c00, c11 = c00, c20 = c00, c21 = c00, c30 = c00, c31 = c00
        var c40 = c00, c41 = c00, c50 = c00, c51 = c00, c60 = c00, c61 = c00, c70 = c00, c71 = c00
        var pa = a, pb = b
        for _ in 0..<kc {
            let b0 = V(loading: pb), b1 = V(loading: pb + w)
            var x = V(repeating: pa[0])
            c00 = c00.addingProduct(x, b0); c01 = c01.addingProduct(x, b1)
            x = V(repeating: pa[1])
            c10 = c10.addingProduct(x, b0); c11 = c11.addingProduct(x, b1)
            x = V(repeating: pa[2])
            c20 = c20.addingProduct(x, b0); c21 = c21.addingProduct(x, b1)
            x = V(repeating: pa[3])
            c30 = c30.addingProduct(x, b0); c31 = c31.addingProduct(x, b1)
            x = V(repeating: pa[4])
            c40 = c40.addingProduct(x, b0); c41 = c41.addingProduct(x, b1)
            x = V(repeating: pa[5])
            c50 = c50.addingProduct(x, b0); c51 = c51.addingProduct(x, b1)
            x = V(repeating: pa[6])
            c60 = c60.addingProduct(x, b0); c61 = c61.addingProduct(x, b1)
            x = V(repeating: pa[7])
            c70 = c70.addingProduct(x, b0); c71 = c71.addingProduct(x, b1)
            pa += mr
            pb += 2 * w
        }
        if rows == mr && columns == 2 * w {
            storeRow(c, c00, c01, accumulate)
            storeRow(c + ldc, c10, c11, accumulate)
            storeRow(c + 2 * ldc, c20, c21, accumulate)
            storeRow(c + 3 * ldc, c30, c31, accumulate)
            storeRow(c + 4 * ldc, c40, c41, accumulate)
            storeRow(c + 5 * ldc, c50, c51, accumulate)
            storeRow(c + 6 * ldc, c60, c61, accumulate)
            storeRow(c + 7 * ldc, c70, c71, accumulate)
            return
        }
        storeEdgeRow(c, c00, c01, columns, accumulate)
        if rows > 1 { storeEdgeRow(c + ldc, c10, c11, columns, accumulate) }
        if rows > 2 { storeEdgeRow(c + 2 * ldc, c20, c21, columns, accumulate) }
        if rows > 3 { storeEdgeRow(c + 3 * ldc, c30, c31, columns, accumulate) }
        if rows > 4 { storeEdgeRow(c + 4 * ldc, c40, c41, columns, accumulate) }
        if rows > 5 { storeEdgeRow(c + 5 * ldc, c50, c51, columns, accumulate) }
        if rows > 6 { storeEdgeRow(c + 6 * ldc, c60, c61, columns, accumulate) }
        if rows > 7 { storeEdgeRow(c + 7 * ldc, c70, c71, columns, accumulate) }
    }

    @inline(__always)
    static func storeRow<V: KernelVector>(_ c: UnsafeMutablePointer<V.Scalar>, _ x0: V, _ x1: V, _ accumulate: Bool) {
        let w = V.lanes
        if accumulate {
            (V(loading: c) + x0).store(to: c)
            (V(loading: c + w) + x1).store(to: c + w)
        } else {
            x0.store(to: c)
            x1.store(to: c + w)
        }
    }

    /// Stores the first `columns` lanes of the row `(x0, x1)`.
    static func storeEdgeRow<V: KernelVector>(_ c: UnsafeMutablePointer<V.Scalar>, _ x0: V, _ x1: V, _ columns: Int,
                                              _ accumulate: Bool) {
        let w = V.lanes
        let n0 = Swift.min(columns, w), n1 = columns - n0
        let y0 = accumulate ? x0 + V(loading: c, count: n0, padding: 0) : x0
        y0.store(to: c, stride: 1, count: n0)
        if n1 > 0 {
            let y1 = accumulate ? x1 + V(loading: c + w, count: n1, padding: 0) : x1
            y1.store(to: c + w, stride: 1, count: n1)
        }
    }
}
