import EmberBackend

/// When the SIMD kernels split work across threads, and how.
///
/// Work below a threshold runs inline on the calling thread, with no dispatch and no allocation; above it, the work
/// is cut into one contiguous range per thread (`Threads.count`) and run with `Threads.parallelFor`.
enum Parallel {
    /// Elements of a memory-bound kernel (add, copy, sum, …) below which it stays on one thread.
    static let cheapThreshold = 1 << 17
    /// Elements of a compute-bound kernel (exp, log, tanh, sigmoid, pow) below which it stays on one thread.
    static let expensiveThreshold = 1 << 13
    /// Multiply-adds (`m·n·k`) of a matrix product below which it stays on one thread.
    static let matmulThreshold = 1 << 21

    /// Calls `body` with ranges covering `0..<count`: once with the whole range when `count < threshold` or only one
    /// thread is configured, else once per thread, concurrently, with range bounds multiples of `alignment`.
    @inline(__always)
    static func forEachRange(count: Int, threshold: Int, alignment: Int = 64, _ body: (Range<Int>) -> Void) {
        guard count >= threshold, count > alignment else {
            body(0..<count)
            return
        }
        let chunks = Swift.min(Threads.count, (count + alignment - 1) / alignment)
        guard chunks > 1 else {
            body(0..<count)
            return
        }
        let perChunk = ((count + chunks - 1) / chunks + alignment - 1) / alignment * alignment
        Threads.parallelFor(chunks: chunks) { chunk in
            let start = chunk * perChunk, end = Swift.min(count, start + perChunk)
            if start < end { body(start..<end) }
        }
    }
}
