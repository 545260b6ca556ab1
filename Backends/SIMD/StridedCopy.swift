import EmberBackend

/// `copyStrided`: gathers a strided view into a contiguous buffer.
///
/// The view is first simplified (size-1 dimensions dropped, dimensions that are contiguous with each other merged),
/// then copied row by row: a `memcpy` when the last stride is 1, a fill when it is 0 (expand), a cache-blocked tile
/// transpose when the second-to-last stride is 1 (a transposed matrix), else a strided loop.
enum StridedCopy {
    /// Side of the square tiles of the transpose path: one cache line of `Float`s.
    static let tile = 16

    static func run<T: SIMDScalar>(_ src: UnsafePointer<T>, shape: [Int], strides: [Int], _ out: UnsafeMutablePointer<T>) {
        var count = 1
        for extent in shape { count *= extent }
        guard count > 0 else { return }
        let rank = shape.count
        withUnsafeTemporaryAllocation(of: Int.self, capacity: 2 * rank + 2) { buffer in
            let dims = buffer.baseAddress!, steps = dims + rank + 1
            var r = 0
            for d in 0..<rank where shape[d] != 1 {
                if r > 0 && steps[r - 1] == strides[d] * shape[d] {
                    dims[r - 1] *= shape[d]
                    steps[r - 1] = strides[d]
                } else {
                    dims[r] = shape[d]
                    steps[r] = strides[d]
                    r += 1
                }
            }
            if r == 0 {
                out[0] = src[0]
                return
            }
            let inner = count / dims[0]
            Parallel.forEachRange(count: dims[0], threshold: count >= Parallel.cheapThreshold ? 0 : .max,
                                  alignment: r == 1 ? 64 : 1) { range in
                copy(src + range.lowerBound * steps[0], dims, steps, r, extent0: range.count,
                     out + range.lowerBound * inner)
            }
        }
    }

    /// Copies the view `dims`/`steps` of rank `r`, with its first extent replaced by `extent0`.
    static func copy<T: SIMDScalar>(_ src: UnsafePointer<T>, _ dims: UnsafeMutablePointer<Int>,
                                    _ steps: UnsafeMutablePointer<Int>, _ r: Int, extent0: Int,
                                    _ out: UnsafeMutablePointer<T>) {
        // The buffers are shared by all threads: read extents through `extent`, never write them.
        func extent(_ d: Int) -> Int { d == 0 ? extent0 : dims[d] }
        let n = extent(r - 1), step = steps[r - 1]
        if r >= 2 && steps[r - 2] == 1 && step != 0 && step != 1 {
            let rows = extent(r - 2)
            forEachOuter(dims, steps, r - 2, extent0: extent0) { offset, o in
                transpose(src + offset, rows: rows, columns: n, step: step, out + o * rows * n)
            }
            return
        }
        forEachOuter(dims, steps, r - 1, extent0: extent0) { offset, o in
            let from = src + offset, to = out + o * n
            switch step {
            case 1: to.update(from: from, count: n)
            case 0: to.update(repeating: from[0], count: n)
            default: for j in 0..<n { to[j] = from[j * step] }
            }
        }
    }

    /// `out[i·columns + j] = src[i + j·step]`, in square tiles so both sides stay within a few cache lines.
    @inline(__always)
    static func transpose<T: SIMDScalar>(_ src: UnsafePointer<T>, rows: Int, columns: Int, step: Int,
                                         _ out: UnsafeMutablePointer<T>) {
        var i0 = 0
        while i0 < rows {
            let i1 = Swift.min(rows, i0 + tile)
            var j0 = 0
            while j0 < columns {
                let j1 = Swift.min(columns, j0 + tile)
                for i in i0..<i1 {
                    let from = src + i, to = out + i * columns
                    for j in j0..<j1 { to[j] = from[j * step] }
                }
                j0 = j1
            }
            i0 = i1
        }
    }

    /// Calls `body(sourceOffset, ordinal)` for every index of the first `k` dimensions, in row-major order, with the
    /// first extent taken as `extent0`.
    @inline(__always)
    static func forEachOuter(_ dims: UnsafeMutablePointer<Int>, _ steps: UnsafeMutablePointer<Int>, _ k: Int,
                             extent0: Int, _ body: (Int, Int) -> Void) {
        guard k > 0 else {
            body(0, 0)
            return
        }
        var total = extent0
        for d in 1..<k { total *= dims[d] }
        withUnsafeTemporaryAllocation(of: Int.self, capacity: k) { index in
            index.initialize(repeating: 0)
            var offset = 0
            for o in 0..<total {
                body(offset, o)
                var d = k - 1
                while d >= 0 {
                    index[d] += 1
                    offset += steps[d]
                    let extent = d == 0 ? extent0 : dims[d]
                    if index[d] < extent { break }
                    offset -= steps[d] * extent
                    index[d] = 0
                    d -= 1
                }
            }
        }
    }
}
