import EmberBackend

/// A reduction as a type (see `UnaryVectorOperation`): its identity, how it combines vectors and scalars, and how it
/// folds the lanes of a vector.
protocol ReductionOperation {
    static func identity<T: SIMDScalar>(_: T.Type) -> T
    static func combine<V: KernelVector>(_ a: V, _ b: V) -> V
    static func combineScalars<T: SIMDScalar>(_ a: T, _ b: T) -> T
    static func fold<V: KernelVector>(_ v: V) -> V.Scalar
    /// A contiguous row reduced by the path's C kernel, or `nil` when it has none for this operation.
    static func nativeRow<T: SIMDScalar>(_ p: UnsafePointer<T>, _ n: Int, _ path: SIMDKernelPath) -> T?
}

extension ReductionOperation {
    @inline(__always)
    static func nativeRow<T: SIMDScalar>(_ p: UnsafePointer<T>, _ n: Int, _ path: SIMDKernelPath) -> T? { nil }
}

/// Reductions over the middle axis of `[outer, length, inner]`.
///
/// With `inner == 1` each output reduces a contiguous row with four independent vector accumulators (so the adds
/// pipeline) and a final fold of the lanes (`sum` in the path's C kernel on `avx2` and `avx512`); with `inner > 1` the reduction is vectorised along `inner`, several vectors
/// of outputs at a time, walking the rows in memory order. `max`/`min` propagate NaN through `KernelVector.maximum`.
enum ReductionKernels {
    static func run<T: SIMDScalar>(_ op: ReduceOp, _ x: UnsafePointer<T>, _ out: UnsafeMutablePointer<T>,
                                   shape: ReductionShape, path: SIMDKernelPath) {
        switch op {
        case .sum: reduce(x, out, shape, path, Sum.self)
        case .max: reduce(x, out, shape, path, Max.self)
        case .min: reduce(x, out, shape, path, Min.self)
        }
    }

    enum Sum: ReductionOperation {
        @inline(__always) static func identity<T: SIMDScalar>(_: T.Type) -> T { 0 }
        @inline(__always) static func combine<V: KernelVector>(_ a: V, _ b: V) -> V { a + b }
        @inline(__always) static func combineScalars<T: SIMDScalar>(_ a: T, _ b: T) -> T { a + b }
        @inline(__always) static func fold<V: KernelVector>(_ v: V) -> V.Scalar { v.sum() }
        @inline(__always) static func nativeRow<T: SIMDScalar>(_ p: UnsafePointer<T>, _ n: Int,
                                                               _ path: SIMDKernelPath) -> T? {
            T.Kernels.sum(path, p, n)
        }
    }
    enum Max: ReductionOperation {
        @inline(__always) static func identity<T: SIMDScalar>(_: T.Type) -> T { -.infinity }
        @inline(__always) static func combine<V: KernelVector>(_ a: V, _ b: V) -> V { a.maximum(b) }
        @inline(__always) static func combineScalars<T: SIMDScalar>(_ a: T, _ b: T) -> T { ScalarOps.maximum(a, b) }
        @inline(__always) static func fold<V: KernelVector>(_ v: V) -> V.Scalar { v.folded(ScalarOps.maximum) }
    }
    enum Min: ReductionOperation {
        @inline(__always) static func identity<T: SIMDScalar>(_: T.Type) -> T { .infinity }
        @inline(__always) static func combine<V: KernelVector>(_ a: V, _ b: V) -> V { a.minimum(b) }
        @inline(__always) static func combineScalars<T: SIMDScalar>(_ a: T, _ b: T) -> T { ScalarOps.minimum(a, b) }
        @inline(__always) static func fold<V: KernelVector>(_ v: V) -> V.Scalar { v.folded(ScalarOps.minimum) }
    }

    @inline(__always)
    static func reduce<T: SIMDScalar, Op: ReductionOperation>(_ x: UnsafePointer<T>, _ out: UnsafeMutablePointer<T>,
                                                              _ shape: ReductionShape, _ path: SIMDKernelPath,
                                                              _ op: Op.Type) {
        let (outer, length, inner) = (shape.outer, shape.length, shape.inner)
        guard outer > 0, inner > 0 else { return }
        let threshold = Parallel.cheapThreshold
        let parallel = shape.inputCount >= threshold && Threads.count > 1
        if inner == 1 {
            if parallel && outer < Threads.count {
                // Few long rows: each row's partial results come from all threads.
                for o in 0..<outer {
                    out[o] = reduceSplitRow(x + o * length, length, path, op)
                }
            } else {
                Parallel.forEachRange(count: outer, threshold: parallel ? 0 : .max, alignment: 1) { rows in
                    for o in rows {
                        out[o] = reduceRow(x + o * length, length, path, op)
                    }
                }
            }
            return
        }
        if parallel && outer < Threads.count {
            for o in 0..<outer {
                Parallel.forEachRange(count: inner, threshold: 0, alignment: T.Vector.lanes) { columns in
                    reduceColumns(x + o * length * inner, length, inner, columns, out + o * inner, op)
                }
            }
        } else {
            Parallel.forEachRange(count: outer, threshold: parallel ? 0 : .max, alignment: 1) { rows in
                for o in rows {
                    reduceColumns(x + o * length * inner, length, inner, 0..<inner, out + o * inner, op)
                }
            }
        }
    }

    /// One contiguous row of `n` elements, split across threads; the partials are combined in chunk order.
    @inline(__always)
    static func reduceSplitRow<T: SIMDScalar, Op: ReductionOperation>(_ p: UnsafePointer<T>, _ n: Int,
                                                                      _ path: SIMDKernelPath, _ op: Op.Type) -> T {
        let chunks = Threads.count, identity = Op.identity(T.self)
        return withUnsafeTemporaryAllocation(of: T.self, capacity: chunks) { partials in
            partials.initialize(repeating: identity)
            let perChunk = ((n + chunks - 1) / chunks + 63) / 64 * 64
            Threads.parallelFor(chunks: chunks) { chunk in
                let start = Swift.min(n, chunk * perChunk), end = Swift.min(n, start + perChunk)
                partials[chunk] = reduceRow(p + start, end - start, path, op)
            }
            var result = identity
            for value in partials { result = Op.combineScalars(result, value) }
            return result
        }
    }

    /// One contiguous row of `n` elements with four vector accumulators (`VectorAccumulators`, or the path's C `sum`).
    @inline(__always)
    static func reduceRow<T: SIMDScalar, Op: ReductionOperation>(_ p: UnsafePointer<T>, _ n: Int,
                                                                 _ path: SIMDKernelPath, _: Op.Type) -> T {
        if let result: T = Op.nativeRow(p, n, path) { return result }
        var accumulators = VectorAccumulators<T>(repeating: Op.identity(T.self))
        let done = accumulators.addRowBlocks(p, n, Op.self)
        return accumulators.finishRow(p + done, n - done, total: n, Op.self)
    }

    /// `out[i] = reduce over r of x[r·inner + i]` for `i` in `columns`, four vectors of columns at a time.
    @inline(__always)
    static func reduceColumns<T: SIMDScalar, Op: ReductionOperation>(
        _ x: UnsafePointer<T>, _ length: Int, _ inner: Int, _ columns: Range<Int>, _ out: UnsafeMutablePointer<T>,
        _: Op.Type
    ) {
        typealias V = T.Vector
        let identity = Op.identity(T.self)
        let w = V.lanes
        var i = columns.lowerBound
        let end = columns.upperBound
        while i + 4 * w <= end {
            var a0 = V(repeating: identity), a1 = a0, a2 = a0, a3 = a0
            var p = x + i
            for _ in 0..<length {
                a0 = Op.combine(a0, V(loading: p))
                a1 = Op.combine(a1, V(loading: p + w))
                a2 = Op.combine(a2, V(loading: p + 2 * w))
                a3 = Op.combine(a3, V(loading: p + 3 * w))
                p += inner
            }
            a0.store(to: out + i)
            a1.store(to: out + i + w)
            a2.store(to: out + i + 2 * w)
            a3.store(to: out + i + 3 * w)
            i += 4 * w
        }
        while i < end {
            let lanes = Swift.min(w, end - i)
            var acc = V(repeating: identity)
            var p = x + i
            for _ in 0..<length {
                acc = Op.combine(acc, lanes == w ? V(loading: p) : V(loading: p, count: lanes, padding: identity))
                p += inner
            }
            acc.store(to: out + i, stride: 1, count: lanes)
            i += lanes
        }
    }
}
