import EmberBackend

/// The matrix product `C = op(A)·op(B)`: a cache-blocked, packed GEMM in the style of BLIS/GotoBLAS.
///
/// Loops, outermost first: columns of C in blocks of `nc` (B block in L3), depth in blocks of `kc` (pack B), rows of C
/// in blocks of `mc` (pack A, stays in L2), then `nr`-wide column panels (a B panel of `kc·nr` stays in L1 while the
/// `8 × nr` tiles of one column run) and `mr`-row tiles through `GEMMMicroKernel`. The first depth block overwrites C,
/// the others accumulate. Thin and tiny products skip packing (`direct`); large ones give each thread a slab of C.
enum GEMM {
    /// Rows of the packed A block.
    static let mc = 128
    /// Depth of the packed blocks.
    static let kc = 256
    /// Columns of the packed B block: 8 KiB-wide rows (2048 `Float`s, 1024 `Double`s).
    @inline(__always)
    static func nc<T: SIMDScalar>(_: T.Type) -> Int { 8192 / MemoryLayout<T>.stride }

    /// Elements of one packing buffer for scalar type `T`: an A block and a B block.
    @inline(__always)
    static func packingElements<T: SIMDScalar>(_: T.Type) -> Int { mc * kc + kc * nc(T.self) }

    /// Bytes of one packing buffer, enough for either scalar type.
    static let packingBytes = Swift.max(packingElements(Float.self) * MemoryLayout<Float>.stride,
                                        packingElements(Double.self) * MemoryLayout<Double>.stride)

    static func multiply<T: SIMDScalar>(_ a: UnsafePointer<T>, _ b: UnsafePointer<T>, _ c: UnsafeMutablePointer<T>,
                                        shape: MatmulShape, pool: PackingBufferPool) {
        let (m, n, k) = (shape.m, shape.n, shape.k)
        guard m > 0, n > 0 else { return }
        guard k > 0 else {
            c.update(repeating: 0, count: m * n)
            return
        }
        let av = shape.transposeA ? MatrixView(base: a, rowStride: 1, columnStride: m)
                                  : MatrixView(base: a, rowStride: k, columnStride: 1)
        let bv = shape.transposeB ? MatrixView(base: b, rowStride: 1, columnStride: k)
                                  : MatrixView(base: b, rowStride: n, columnStride: 1)
        let work = m * n * k
        let dotForm = av.columnStride == 1 && bv.rowStride == 1, axpyForm = bv.columnStride == 1
        if work <= 4096 || (n <= 4 && dotForm) || (m <= 2 && axpyForm) {
            direct(av, bv, c, m: m, n: n, k: k)
            return
        }
        let threads = work >= Parallel.matmulThreshold ? Threads.count : 1
        if threads == 1 {
            pool.withBuffer { blocked(av, bv, c, ldc: n, m: m, n: n, k: k, buffer: $0.assumingMemoryBound(to: T.self)) }
            return
        }
        // One slab of C per thread, along the longer side, in whole micro-tiles.
        let mr = GEMMMicroKernel.mr, nr = GEMMMicroKernel.nr(T.self)
        let splitRows = m >= n
        let (extent, unit) = splitRows ? (m, mr) : (n, nr)
        let perChunk = ((extent + threads - 1) / threads + unit - 1) / unit * unit
        let chunks = (extent + perChunk - 1) / perChunk
        Threads.parallelFor(chunks: chunks) { chunk in
            let start = chunk * perChunk, size = Swift.min(perChunk, extent - start)
            pool.withBuffer { raw in
                let buffer = raw.assumingMemoryBound(to: T.self)
                if splitRows {
                    blocked(av.offset(row: start, column: 0), bv, c + start * n, ldc: n, m: size, n: n, k: k,
                            buffer: buffer)
                } else {
                    blocked(av, bv.offset(row: 0, column: start), c + start, ldc: n, m: m, n: size, k: k,
                            buffer: buffer)
                }
            }
        }
    }

    /// The packed, blocked product of one slab; `buffer` holds `mc·kc + kc·nc` elements.
    static func blocked<T: SIMDScalar>(_ a: MatrixView<T>, _ b: MatrixView<T>, _ c: UnsafeMutablePointer<T>, ldc: Int,
                                       m: Int, n: Int, k: Int, buffer: UnsafeMutablePointer<T>) {
        let mr = GEMMMicroKernel.mr, nr = GEMMMicroKernel.nr(T.self), ncMax = nc(T.self)
        let packedA = buffer, packedB = buffer + mc * kc
        for jc in stride(from: 0, to: n, by: ncMax) {
            let ncBlock = Swift.min(ncMax, n - jc)
            for pc in stride(from: 0, to: k, by: kc) {
                let kcBlock = Swift.min(kc, k - pc)
                GEMMPacking.packB(b.offset(row: pc, column: jc), depth: kcBlock, columns: ncBlock, into: packedB)
                for ic in stride(from: 0, to: m, by: mc) {
                    let mcBlock = Swift.min(mc, m - ic)
                    GEMMPacking.packA(a.offset(row: ic, column: pc), rows: mcBlock, depth: kcBlock, into: packedA)
                    for jr in stride(from: 0, to: ncBlock, by: nr) {
                        for ir in stride(from: 0, to: mcBlock, by: mr) {
                            GEMMMicroKernel.run(kc: kcBlock, a: packedA + ir * kcBlock, b: packedB + jr * kcBlock,
                                                c: c + (ic + ir) * ldc + jc + jr, ldc: ldc,
                                                rows: Swift.min(mr, mcBlock - ir), columns: Swift.min(nr, ncBlock - jr),
                                                accumulate: pc > 0)
                        }
                    }
                }
            }
        }
    }

    /// Unpacked product for tiny or thin shapes, row by row of C: dot products along `k` when a row of op(A) and a
    /// column of op(B) are both contiguous, rows of op(B) scaled and added along `n` when those are, else scalar.
    static func direct<T: SIMDScalar>(_ a: MatrixView<T>, _ b: MatrixView<T>, _ c: UnsafeMutablePointer<T>,
                                      m: Int, n: Int, k: Int) {
        let threshold = m * n * k >= Parallel.matmulThreshold ? 0 : Int.max
        Parallel.forEachRange(count: m, threshold: threshold, alignment: 1) { rows in
            for i in rows {
                let row = c + i * n, aRow = a.base + i * a.rowStride
                if a.columnStride == 1 && b.rowStride == 1 {
                    for j in 0..<n { row[j] = Level1Kernels.dotRange(aRow, b.base + j * b.columnStride, k) }
                } else if b.columnStride == 1 {
                    row.update(repeating: 0, count: n)
                    for p in 0..<k { Level1Kernels.axpyRange(aRow[p * a.columnStride], b.base + p * b.rowStride, row, n) }
                } else {
                    for j in 0..<n {
                        var sum: T = 0
                        for p in 0..<k { sum += aRow[p * a.columnStride] * b.base[p * b.rowStride + j * b.columnStride] }
                        row[j] = sum
                    }
                }
            }
        }
    }
}
