import EmberBackend

/// `fill` and the BLAS level-1 composites (`copy`, `axpy`, `scale`, `dot`) as single vectorised passes.
enum Level1Kernels {
    static func fill<T: SIMDScalar>(_ value: T, _ out: UnsafeMutablePointer<T>, count: Int) {
        let v = T.Vector(repeating: value)
        Parallel.forEachRange(count: count, threshold: Parallel.cheapThreshold) { range in
            let w = T.Vector.lanes
            var i = range.lowerBound
            while i + w <= range.upperBound {
                v.store(to: out + i)
                i += w
            }
            while i < range.upperBound {
                out[i] = value
                i += 1
            }
        }
    }

    static func copy<T: SIMDScalar>(_ src: UnsafePointer<T>, _ out: UnsafeMutablePointer<T>, count: Int) {
        Parallel.forEachRange(count: count, threshold: Parallel.cheapThreshold) { range in
            (out + range.lowerBound).update(from: src + range.lowerBound, count: range.count)
        }
    }

    /// `y += alpha·x`: fused multiply-adds in the C kernels, a multiply and an add on the Swift path.
    static func axpy<T: SIMDScalar>(_ alpha: T, _ x: UnsafePointer<T>, _ y: UnsafeMutablePointer<T>, count: Int,
                                    path: SIMDKernelPath) {
        Parallel.forEachRange(count: count, threshold: Parallel.cheapThreshold) { range in
            axpyRange(alpha, x + range.lowerBound, y + range.lowerBound, range.count, path: path)
        }
    }

    @inline(__always)
    static func axpyRange<T: SIMDScalar>(_ alpha: T, _ x: UnsafePointer<T>, _ y: UnsafeMutablePointer<T>, _ n: Int,
                                         path: SIMDKernelPath) {
        if T.Kernels.axpy(path, alpha, x, y, n) { return }
        typealias V = T.Vector
        let a = V(repeating: alpha), w = V.lanes
        var i = 0
        while i + w <= n {
            V(loading: y + i).addingProduct(a, V(loading: x + i)).store(to: y + i)
            i += w
        }
        if i < n {
            let yv = V(loading: y + i, count: n - i, padding: 0)
            yv.addingProduct(a, V(loading: x + i, count: n - i, padding: 0)).store(to: y + i, stride: 1, count: n - i)
        }
    }

    static func scale<T: SIMDScalar>(_ alpha: T, _ x: UnsafeMutablePointer<T>, count: Int, path: SIMDKernelPath) {
        withUnsafePointer(to: alpha) { a in
            BinaryKernels.apply(UnsafePointer(x), a, x, .scalarRHS(count), threshold: Parallel.cheapThreshold,
                                path: path, BinaryKernels.Mul.self)
        }
    }

    /// `Σ x[i]·y[i]` with four multiply-add accumulators (fused in the C kernels), split across threads above the
    /// threshold.
    static func dot<T: SIMDScalar>(_ x: UnsafePointer<T>, _ y: UnsafePointer<T>, count: Int, path: SIMDKernelPath) -> T {
        guard count >= Parallel.cheapThreshold, Threads.count > 1 else { return dotRange(x, y, count, path: path) }
        let chunks = Threads.count
        return withUnsafeTemporaryAllocation(of: T.self, capacity: chunks) { partials in
            partials.initialize(repeating: 0)
            let perChunk = ((count + chunks - 1) / chunks + 63) / 64 * 64
            Threads.parallelFor(chunks: chunks) { chunk in
                let start = Swift.min(count, chunk * perChunk), end = Swift.min(count, start + perChunk)
                partials[chunk] = dotRange(x + start, y + start, end - start, path: path)
            }
            return partials.reduce(0, +)
        }
    }

    @inline(__always)
    static func dotRange<T: SIMDScalar>(_ x: UnsafePointer<T>, _ y: UnsafePointer<T>, _ n: Int,
                                        path: SIMDKernelPath) -> T {
        if let result = T.Kernels.dot(path, x, y, n) { return result }
        var accumulators = VectorAccumulators<T>(repeating: 0)
        let done = accumulators.addDotBlocks(x, y, n)
        return accumulators.finishDot(x + done, y + done, n - done)
    }
}
