import EmberBackend

/// `gather`, `scatterAdd` and `addStrided` with no call per element: one tight loop when each position moves a
/// single element (`inner == 1`, the class-index case), and vectorised row copies and additions when a whole row
/// shares one index (`index_select`, embeddings) or a view's last axis is contiguous (slice backward, `cat`).
/// Additions are one rounding each, in the reference's order, so results match it exactly.
enum IndexKernels {
    static func gather<T: SIMDScalar>(_ src: UnsafePointer<T>, _ indices: UnsafePointer<Int>,
                                      _ out: UnsafeMutablePointer<T>, _ s: GatherShape) {
        let rowIndexed = s.indexStrides.inner == 0
        for o in 0..<s.outer {
            let source = src + o * s.length * s.inner
            for j in 0..<s.indexLength {
                let target = out + (o * s.indexLength + j) * s.inner
                if s.inner == 1 {
                    target[0] = source[indices[s.indexOffset(o, j, 0)]]
                } else if rowIndexed {
                    target.update(from: source + indices[s.indexOffset(o, j, 0)] * s.inner, count: s.inner)
                } else {
                    let base = s.indexOffset(o, j, 0)
                    for i in 0..<s.inner { target[i] = source[indices[base + i * s.indexStrides.inner] * s.inner + i] }
                }
            }
        }
    }

    static func scatterAdd<T: SIMDScalar>(_ src: UnsafePointer<T>, _ indices: UnsafePointer<Int>,
                                          _ out: UnsafeMutablePointer<T>, _ s: GatherShape) {
        let rowIndexed = s.indexStrides.inner == 0
        for o in 0..<s.outer {
            let target = out + o * s.length * s.inner
            for j in 0..<s.indexLength {
                let source = src + (o * s.indexLength + j) * s.inner
                if s.inner == 1 {
                    target[indices[s.indexOffset(o, j, 0)]] += source[0]
                } else if rowIndexed {
                    addRow(source, target + indices[s.indexOffset(o, j, 0)] * s.inner, s.inner)
                } else {
                    let base = s.indexOffset(o, j, 0)
                    for i in 0..<s.inner { target[indices[base + i * s.indexStrides.inner] * s.inner + i] += source[i] }
                }
            }
        }
    }

    static func addStrided<T: SIMDScalar>(_ src: UnsafePointer<T>, _ out: UnsafeMutablePointer<T>,
                                          shape: [Int], strides: [Int]) {
        let count = shape.reduce(1, *)
        guard count > 0 else { return }
        guard let last = shape.last, let lastStride = strides.last else {
            out[0] += src[0]
            return
        }
        var walk = StridedOffsets(shape: shape, strides: strides)
        for row in 0..<(count / last) {
            if lastStride == 1 {
                addRow(src + row * last, out + walk.offset, last)
            } else {
                for i in 0..<last { out[walk.offset + i * lastStride] += src[row * last + i] }
            }
            walk.advance(axes: shape.count - 1)
        }
    }

    /// `y[i] += x[i]` for `n` elements, a vector at a time.
    @inline(__always)
    static func addRow<T: SIMDScalar>(_ x: UnsafePointer<T>, _ y: UnsafeMutablePointer<T>, _ n: Int) {
        typealias V = T.Vector
        let w = V.lanes
        var i = 0
        while i + w <= n {
            (V(loading: y + i) + V(loading: x + i)).store(to: y + i)
            i += w
        }
        while i < n {
            y[i] += x[i]
            i += 1
        }
    }
}
