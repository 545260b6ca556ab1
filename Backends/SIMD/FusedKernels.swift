import EmberBackend

/// Runs a fused run (`FusedRun`) on the simd backend: the elements in tiles of `tileBytes`, each tile through every
/// step of the run on the backend's own kernels (`FusedRun.evaluate`) while its intermediates are in cache, and each
/// reduction fed tile by tile in the order of the unfused kernel (`FusedReductions`).
///
/// Why the results are the unfused kernels' bits: tile bounds are multiples of 64 elements from a chunk start that
/// is one too, so every elementwise kernel groups the elements into the same vectors and the same tail as its unfused
/// call (whose thread chunks are multiples of 64 as well); and the reductions add in the unfused order:
/// - `.sum` is `reduce(.sum)` over one row: `reduceRow` over all elements on one thread, or, at
///   `Parallel.cheapThreshold` elements or more on several threads, `reduceSplitRow`'s chunks (`Threads.count`
///   chunks of `⌈n / chunks⌉` rounded up to 64), one per thread, with the partials added in chunk order from zero.
/// - `.dot` is `matmul` of 1×k by k×1, which `GEMM.multiply` sends to `direct` and one `dotRange` over all k on one
///   thread (`m = 1` is never split), whatever the thread count; a run with a dot therefore runs on one thread.
/// A run with a dot and a split sum (at the threshold, several threads) has no order that honours both: `run`
/// returns `false`, as for a reduction kind it does not know. Runs without reductions split into chunks like the
/// unfused kernels (`Parallel.forEachRange`).
enum FusedKernels {
    /// Bytes of one operand's tile: 16 KiB (4096 `Float`s, 2048 `Double`s), so that a few scratch buffers and the
    /// operands' tiles stay in L1/L2. A multiple of 64 elements for both types.
    static let tileBytes = 16 * 1024

    /// Runs `run`, or returns `false` having written nothing.
    static func run<T: SIMDScalar>(_ run: FusedRun<T>, on backend: SIMDBackend) -> Bool {
        let program = run.program
        let n = program.count, reductions = program.reductionKinds.count
        var sums = false, dots = false
        for kind in program.reductionKinds {
            if kind == .sum {
                sums = true
            } else if kind == .dot {
                dots = true
            } else {
                return false
            }
        }
        let threads = Threads.count
        let large = n >= Parallel.cheapThreshold && threads > 1
        if large && sums && dots { return false }
        let native = nativeProgram(program, backend.path)
        // The sums' chunks are reduceSplitRow's (one per thread); elementwise-only runs those of Parallel.forEachRange.
        let chunks = !large || dots ? 1 : sums ? threads : Swift.min(threads, (n + 63) / 64)
        let slots = chunks * reductions, stateScalars = FusedReductions.stateScalars
        if chunks == 1 {
            // One buffer: the reductions' states and results, then (from a multiple of 16 scalars) the scratch tiles.
            let stride = Swift.min(tileScalars(T.self), n), head = (slots * (stateScalars + 1) + 15) / 16 * 16
            withBuffer(of: T.self, count: head + run.scratchCount * stride, on: backend) { buffer in
                let states = buffer, results = states + slots * stateScalars
                states.initialize(repeating: 0, count: slots * (stateScalars + 1))
                runChunk(run, native, 0..<n, backend, states, results, scratch: buffer + head, stride: stride)
                for k in 0..<reductions { run.store(results[k], reduction: k) }
            }
            return true
        }
        return withUnsafeTemporaryAllocation(of: T.self, capacity: Swift.max(1, slots * (stateScalars + 1))) { buffer in
            let states = buffer.baseAddress!, results = states + slots * stateScalars
            states.initialize(repeating: 0, count: slots * (stateScalars + 1))
            let perChunk = ((n + chunks - 1) / chunks + 63) / 64 * 64
            let stride = Swift.min(tileScalars(T.self), perChunk)
            Threads.parallelFor(chunks: chunks) { chunk in
                let start = Swift.min(n, chunk * perChunk), end = Swift.min(n, start + perChunk)
                withBuffer(of: T.self, count: run.scratchCount * stride, on: backend) { scratch in
                    runChunk(run, native, start..<end, backend, states + chunk * reductions * stateScalars,
                             results + chunk * reductions, scratch: scratch, stride: stride)
                }
            }
            for k in 0..<reductions {
                var sum: T = 0
                for chunk in 0..<chunks { sum = sum + results[chunk * reductions + k] }
                run.store(sum, reduction: k)
            }
            return true
        }
    }

    /// Scalars of one tile.
    @inline(__always)
    static func tileScalars<T>(_: T.Type) -> Int { tileBytes / MemoryLayout<T>.stride }

    /// Bytes of each of the backend's pooled fused-run buffers: eight tiles, enough for most runs' scratch.
    static let pooledBytes = 8 * tileBytes

    /// Calls `body` with `count` scalars of memory private to this call: on the stack up to 1 KiB (where
    /// `withUnsafeTemporaryAllocation` never falls back to the heap), else a pooled buffer of the backend when they
    /// fit (no allocation once warm), else a temporary allocation.
    @inline(__always)
    static func withBuffer<T>(of _: T.Type, count: Int, on backend: SIMDBackend,
                              _ body: (UnsafeMutablePointer<T>) -> Void) {
        let bytes = count * MemoryLayout<T>.stride
        if bytes > 1024 && bytes <= pooledBytes {
            backend.fusionBuffers.withBuffer { body($0.bindMemory(to: T.self, capacity: Swift.max(1, count))) }
        } else {
            withUnsafeTemporaryAllocation(of: T.self, capacity: Swift.max(1, count)) { body($0.baseAddress!) }
        }
    }

    /// Runs the elements `range` (bounds multiples of 64, or `count`) tile by tile on this thread, with the scratch
    /// tiles `stride` scalars apart at `scratch`, reduction `k`'s accumulators at `states + k · stateScalars`, and its
    /// result for the range stored at `results[k]` (left untouched, zero, for an empty range: the unfused result of
    /// zero elements).
    @inline(__always)
    static func runChunk<T: SIMDScalar>(_ run: FusedRun<T>, _ native: NativeProgram<T>?, _ range: Range<Int>,
                                        _ backend: SIMDBackend,
                                        _ states: UnsafeMutablePointer<T>, _ results: UnsafeMutablePointer<T>,
                                        scratch: UnsafeMutablePointer<T>, stride: Int) {
        guard !range.isEmpty else { return }
        if let native {
            let tile = Swift.min(nativeTileBytes / MemoryLayout<T>.stride, stride)
            // Tile buffers 4 KiB apart would share their low 12 address bits: each load after a store to another
            // buffer would wait on it (4K aliasing), and they would crowd the same L1 sets. 192 bytes apart, they don't.
            let skew = 192 / MemoryLayout<T>.stride
            return runNatively(native, bases: run.bases, range, path: backend.path, states: states, results: results,
                               scratch: scratch, tile: tile, stride: tile + skew <= stride ? tile + skew : tile)
        }
        let tile = tileScalars(T.self)
        let path = backend.path, total = range.count, stateScalars = FusedReductions.stateScalars
        var start = range.lowerBound
        repeat {
            let end = Swift.min(range.upperBound, start + tile), last = end == range.upperBound
            run.evaluate(start..<end, scratch: scratch, scratchStride: stride, on: backend) { k, x, y in
                let state = states + k * stateScalars, m = end - start
                if let y {
                    let done = FusedReductions.dotBlocks(state, x, y, m, path)
                    if last { results[k] = FusedReductions.dotFinish(state, x + done, y + done, m - done, path) }
                } else {
                    let done = FusedReductions.sumBlocks(state, x, m, path)
                    if last { results[k] = FusedReductions.sumFinish(state, x + done, m - done, total: total, path) }
                }
            }
            start = end
        } while start < range.upperBound
    }
}
