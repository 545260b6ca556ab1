import EmberBackend

/// The matrix product `C = op(A)·op(B)`: a cache-blocked, packed GEMM in the style of BLIS/GotoBLAS.
///
/// Loops, outermost first: columns of C in blocks of `nc` (B block in L3), depth in blocks of `kc` (pack B), tiles of
/// C (rows in blocks of at most `mc`: pack A, stays in L2), then `nr`-wide column panels (a B panel of `kc·nr` stays
/// in L1 while the `mr × nr` tiles of one column run) and `mr`-row tiles through the path's micro-kernel
/// (`GEMMKernel`). The first depth block overwrites C, the others accumulate. Thin and tiny products skip packing
/// (`direct`). On several threads each depth block packs B once, shared, and the threads then claim tiles of C one
/// at a time (`GEMMSchedule`), so a thread that starts late or runs slower takes fewer of them.
enum GEMM {
    /// Most rows of a packed A block (rounded down to a multiple of the micro-tile's rows).
    static let mc = 128
    /// Depth of the packed blocks.
    static let kc = 256
    /// Columns of the packed B block: 8 KiB-wide rows (2048 `Float`s, 1024 `Double`s).
    @inline(__always)
    static func nc<T: SIMDScalar>(_: T.Type) -> Int { 8192 / MemoryLayout<T>.stride }

    /// Bytes of one packed A block (`mc × kc` `Double`s, enough for either scalar type).
    static let packedABytes = mc * kc * MemoryLayout<Double>.stride
    /// Bytes of one packed B block (`kc × nc`, the same for both scalar types).
    static let packedBBytes = kc * 8192

    /// `C = op(A)·op(B)`, or `C += op(A)·op(B)` with `accumulate`, on at most `maxThreads` threads (the
    /// convolution kernels run one product per image on each thread).
    static func multiply<T: SIMDScalar>(_ a: UnsafePointer<T>, _ b: UnsafePointer<T>, _ c: UnsafeMutablePointer<T>,
                                        shape: MatmulShape, path: SIMDKernelPath, buffers: GEMMBuffers,
                                        maxThreads: Int = Threads.count, accumulate: Bool = false) {
        let (m, n, k) = (shape.m, shape.n, shape.k)
        guard m > 0, n > 0 else { return }
        guard k > 0 else {
            if !accumulate { c.update(repeating: 0, count: m * n) }
            return
        }
        let av = shape.transposeA ? MatrixView(base: a, rowStride: 1, columnStride: m)
                                  : MatrixView(base: a, rowStride: k, columnStride: 1)
        let bv = shape.transposeB ? MatrixView(base: b, rowStride: 1, columnStride: k)
                                  : MatrixView(base: b, rowStride: n, columnStride: 1)
        let work = m * n * k
        let dotForm = av.columnStride == 1 && bv.rowStride == 1, axpyForm = bv.columnStride == 1
        if work <= 4096 || (n <= 4 && dotForm) || (m <= 2 && axpyForm) {
            direct(av, bv, c, m: m, n: n, k: k, path: path, maxThreads: maxThreads, accumulate: accumulate)
            return
        }
        let threads = work >= Parallel.matmulThreshold ? maxThreads : 1
        blocked(av, bv, c, m: m, n: n, k: k, kernel: T.Kernels.gemmKernel(path), threads: threads, buffers: buffers,
                accumulate: accumulate)
    }

    /// The packed, blocked product on up to `threads` threads.
    static func blocked<T: SIMDScalar>(_ a: MatrixView<T>, _ b: MatrixView<T>, _ c: UnsafeMutablePointer<T>,
                                       m: Int, n: Int, k: Int, kernel: GEMMKernel<T>, threads: Int,
                                       buffers: GEMMBuffers, accumulate: Bool) {
        let (mr, nr) = (kernel.mr, kernel.nr)
        let ncMax = nc(T.self)
        let progress = GEMMProgress()
        buffers.packedB.withBuffer { rawB in
            let packedB = rawB.assumingMemoryBound(to: T.self)
            for jc in stride(from: 0, to: n, by: ncMax) {
                let ncBlock = Swift.min(ncMax, n - jc)
                let schedule = GEMMSchedule(rows: m, columns: ncBlock, mr: mr, nr: nr, threads: threads)
                let panels = (ncBlock + nr - 1) / nr
                for pc in stride(from: 0, to: k, by: kc) {
                    let kcBlock = Swift.min(kc, k - pc)
                    progress.reset()
                    Threads.parallelFor(chunks: schedule.threads) { _ in
                        // B's panels for this block, packed once by whichever threads are running.
                        progress.forEachPanel(panels) { panel in
                            GEMMPacking.packB(b.offset(row: pc, column: jc + panel * nr), depth: kcBlock,
                                              columns: Swift.min(nr, ncBlock - panel * nr), nr: nr,
                                              into: packedB + panel * nr * kcBlock)
                        }
                        buffers.packedA.withBuffer { rawA in
                            let packedA = rawA.assumingMemoryBound(to: T.self)
                            progress.forEachTask(schedule.tasks) { task in
                                let (rows, columns) = schedule.tile(task)
                                GEMMPacking.packA(a.offset(row: rows.lowerBound, column: pc), rows: rows.count,
                                                  depth: kcBlock, mr: mr, into: packedA)
                                for jr in stride(from: columns.lowerBound, to: columns.upperBound, by: nr) {
                                    let panelB = packedB + jr * kcBlock   // jr is a multiple of nr
                                    for ir in stride(from: 0, to: rows.count, by: mr) {
                                        kernel.run(kcBlock, packedA + ir * kcBlock, panelB,
                                                   c + (rows.lowerBound + ir) * n + jc + jr, n,
                                                   Swift.min(mr, rows.count - ir),
                                                   Swift.min(nr, columns.upperBound - jr), pc > 0 || accumulate)
                                    }
                                }
                            }
                        }
                    }
                }
            }
        }
    }

    /// Unpacked product for tiny or thin shapes, row by row of C: dot products along `k` when a row of op(A) and a
    /// column of op(B) are both contiguous, rows of op(B) scaled and added along `n` when those are, else scalar.
    static func direct<T: SIMDScalar>(_ a: MatrixView<T>, _ b: MatrixView<T>, _ c: UnsafeMutablePointer<T>,
                                      m: Int, n: Int, k: Int, path: SIMDKernelPath, maxThreads: Int,
                                      accumulate: Bool) {
        let threshold = m * n * k >= Parallel.matmulThreshold && maxThreads > 1 ? 0 : Int.max
        Parallel.forEachRange(count: m, threshold: threshold, alignment: 1) { rows in
            for i in rows {
                let row = c + i * n, aRow = a.base + i * a.rowStride
                if a.columnStride == 1 && b.rowStride == 1 {
                    for j in 0..<n {
                        let sum = Level1Kernels.dotRange(aRow, b.base + j * b.columnStride, k, path: path)
                        row[j] = accumulate ? row[j] + sum : sum
                    }
                } else if b.columnStride == 1 {
                    if !accumulate { row.update(repeating: 0, count: n) }
                    for p in 0..<k {
                        Level1Kernels.axpyRange(aRow[p * a.columnStride], b.base + p * b.rowStride, row, n, path: path)
                    }
                } else {
                    for j in 0..<n {
                        var sum: T = 0
                        for p in 0..<k { sum += aRow[p * a.columnStride] * b.base[p * b.rowStride + j * b.columnStride] }
                        row[j] = accumulate ? row[j] + sum : sum
                    }
                }
            }
        }
    }
}
