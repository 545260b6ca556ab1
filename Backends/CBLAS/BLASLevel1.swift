import EmberBackend

/// Level-1 BLAS (`dot`, `axpy`, `scal`, `copy`) over counts of any size.
///
/// BLAS takes `Int32` counts, so a count above `Int32.max` runs as consecutive chunks of at most `chunk` elements
/// (a parameter only so that tests can exercise the splitting with small buffers).
///
/// OpenBLAS 0.3.21 returns early from `axpy` when alpha is 0 and zero-fills in `scal` when alpha is 0, so NaN and
/// infinity in the input would not propagate as IEEE 754 (and the reference backend) say: `0 · NaN` is NaN, `0 · ∞`
/// is NaN. Alpha 0 therefore takes a plain loop.
enum BLASLevel1 {
    static let maxChunk = Int(Int32.max)

    /// Calls `body(offset, length)` for consecutive chunks covering `0..<count`.
    @inline(__always)
    static func forEachChunk(_ count: Int, chunk: Int, _ body: (Int, Int32) -> Void) {
        var offset = 0
        while offset < count {
            let length = min(chunk, count - offset)
            body(offset, Int32(truncatingIfNeeded: length))
            offset += length
        }
    }

    @inline(__always)
    static func dot<T: BLASScalar>(_ x: UnsafePointer<T>, _ y: UnsafePointer<T>, _ count: Int,
                                   chunk: Int = maxChunk) -> T {
        guard count > 0 else { return 0 }
        OpenBLASThreads.sync()
        if count <= chunk { return T.dot(Int32(truncatingIfNeeded: count), x, y) }
        var sum: T = 0
        forEachChunk(count, chunk: chunk) { offset, n in sum += T.dot(n, x + offset, y + offset) }
        return sum
    }

    @inline(__always)
    static func axpy<T: BLASScalar>(_ alpha: T, _ x: UnsafePointer<T>, _ y: UnsafeMutablePointer<T>, _ count: Int,
                                    chunk: Int = maxChunk) {
        guard count > 0 else { return }
        if alpha == 0 {
            for i in 0..<count { y[i] += alpha * x[i] }
            return
        }
        OpenBLASThreads.sync()
        forEachChunk(count, chunk: chunk) { offset, n in T.axpy(n, alpha, x + offset, y + offset) }
    }

    @inline(__always)
    static func scal<T: BLASScalar>(_ alpha: T, _ x: UnsafeMutablePointer<T>, _ count: Int, chunk: Int = maxChunk) {
        guard count > 0 else { return }
        if alpha == 0 {
            for i in 0..<count { x[i] *= alpha }
            return
        }
        OpenBLASThreads.sync()
        forEachChunk(count, chunk: chunk) { offset, n in T.scal(n, alpha, x + offset) }
    }

    @inline(__always)
    static func copy<T: BLASScalar>(_ x: UnsafePointer<T>, _ y: UnsafeMutablePointer<T>, _ count: Int,
                                    chunk: Int = maxChunk) {
        guard count > 0 else { return }
        OpenBLASThreads.sync()
        forEachChunk(count, chunk: chunk) { offset, n in T.copy(n, x + offset, y + offset) }
    }
}
