// Defaults of the kernels added after the first backends (`gather`, `scatterAdd`, `addStrided`, `erf`), so that a
// backend written before them keeps compiling and passing. The index kernels move whole contiguous rows with the
// backend's own `copy` and `axpy` where the layout allows, and single elements otherwise; `erf` is the `Real`
// protocol's (the C library's `erf`). The reference backend's loops (`Backends/Reference/Loops+Indexing.swift`)
// are the definition.

import RealModule

extension Backend {
    public func gather(_ src: UnsafePointer<Float>, _ indices: UnsafePointer<Int>, _ out: UnsafeMutablePointer<Float>,
                       shape: GatherShape) {
        defaultGather(src, indices, out, shape: shape)
    }
    public func gather(_ src: UnsafePointer<Double>, _ indices: UnsafePointer<Int>, _ out: UnsafeMutablePointer<Double>,
                       shape: GatherShape) {
        defaultGather(src, indices, out, shape: shape)
    }
    public func scatterAdd(_ src: UnsafePointer<Float>, _ indices: UnsafePointer<Int>, _ out: UnsafeMutablePointer<Float>,
                           shape: GatherShape) {
        defaultScatterAdd(src, indices, out, shape: shape)
    }
    public func scatterAdd(_ src: UnsafePointer<Double>, _ indices: UnsafePointer<Int>,
                           _ out: UnsafeMutablePointer<Double>, shape: GatherShape) {
        defaultScatterAdd(src, indices, out, shape: shape)
    }
    public func addStrided(_ src: UnsafePointer<Float>, _ out: UnsafeMutablePointer<Float>, shape: [Int], strides: [Int]) {
        defaultAddStrided(src, out, shape: shape, strides: strides)
    }
    public func addStrided(_ src: UnsafePointer<Double>, _ out: UnsafeMutablePointer<Double>, shape: [Int],
                           strides: [Int]) {
        defaultAddStrided(src, out, shape: shape, strides: strides)
    }
    public func erf(_ x: UnsafePointer<Float>, _ out: UnsafeMutablePointer<Float>, count: Int) {
        defaultErf(x, out, count: count)
    }
    public func erf(_ x: UnsafePointer<Double>, _ out: UnsafeMutablePointer<Double>, count: Int) {
        defaultErf(x, out, count: count)
    }
}

extension Backend {
    /// `gather` as one `copy` per gathered row when the index is the same across `inner`, else element by element.
    @inlinable
    public func defaultGather<T: TensorScalar>(_ src: UnsafePointer<T>, _ indices: UnsafePointer<Int>,
                                               _ out: UnsafeMutablePointer<T>, shape s: GatherShape) {
        let rowIndexed = s.indexStrides.inner == 0 && s.inner > 1
        for o in 0..<s.outer {
            for j in 0..<s.indexLength {
                let target = out + (o * s.indexLength + j) * s.inner
                if rowIndexed {
                    copy(src + (o * s.length + indices[s.indexOffset(o, j, 0)]) * s.inner, target, count: s.inner)
                } else {
                    for i in 0..<s.inner { target[i] = src[(o * s.length + indices[s.indexOffset(o, j, i)]) * s.inner + i] }
                }
            }
        }
    }

    /// `scatterAdd` as one `axpy` per row when the index is the same across `inner`, else element by element.
    @inlinable
    public func defaultScatterAdd<T: TensorScalar>(_ src: UnsafePointer<T>, _ indices: UnsafePointer<Int>,
                                                   _ out: UnsafeMutablePointer<T>, shape s: GatherShape) {
        let rowIndexed = s.indexStrides.inner == 0 && s.inner > 1
        for o in 0..<s.outer {
            for j in 0..<s.indexLength {
                let source = src + (o * s.indexLength + j) * s.inner
                if rowIndexed {
                    axpy(1, source, out + (o * s.length + indices[s.indexOffset(o, j, 0)]) * s.inner, count: s.inner)
                } else {
                    for i in 0..<s.inner { out[(o * s.length + indices[s.indexOffset(o, j, i)]) * s.inner + i] += source[i] }
                }
            }
        }
    }

    /// `addStrided` as one `axpy` per row of the last dimension when that dimension is contiguous in `out`, else
    /// element by element.
    @inlinable
    public func defaultAddStrided<T: TensorScalar>(_ src: UnsafePointer<T>, _ out: UnsafeMutablePointer<T>,
                                                   shape: [Int], strides: [Int]) {
        let count = shape.reduce(1, *)
        guard count > 0 else { return }
        guard let last = shape.last, let lastStride = strides.last else {
            out[0] += src[0]
            return
        }
        let rows = count / last
        var walk = StridedOffsets(shape: shape, strides: strides)
        for row in 0..<rows {
            let source = src + row * last
            if lastStride == 1 {
                axpy(1, source, out + walk.offset, count: last)
            } else {
                for i in 0..<last { out[walk.offset + i * lastStride] += source[i] }
            }
            walk.advance(axes: shape.count - 1)
        }
    }
}

extension Backend {
    /// `erf` element by element through `Real.erf` (the C library's, correctly rounded to within an ulp or so).
    @inlinable
    public func defaultErf<T: TensorScalar>(_ x: UnsafePointer<T>, _ out: UnsafeMutablePointer<T>, count: Int) {
        for i in 0..<count { out[i] = T.erf(x[i]) }
    }
}
