/// A matrix operand `op(X)` in place: element `(i, j)` is at `base[i·rowStride + j·columnStride]`.
/// A row-major `X` is `(rowStride: columns, columnStride: 1)`; its transpose swaps the two strides.
struct MatrixView<T: SIMDScalar> {
    let base: UnsafePointer<T>
    let rowStride: Int
    let columnStride: Int

    @inline(__always)
    func offset(row: Int, column: Int) -> MatrixView {
        MatrixView(base: base + row * rowStride + column * columnStride, rowStride: rowStride, columnStride: columnStride)
    }
}

/// Copies blocks of A and B into the panel layouts the micro-kernel streams through, zero-padding the edges.
enum GEMMPacking {
    /// Packs `rows × depth` of `a` as panels of `mr` rows: element `(i, p)` of panel `i / mr` goes to
    /// `panel + p·mr + i % mr`, each panel `mr·depth` long.
    static func packA<T: SIMDScalar>(_ a: MatrixView<T>, rows: Int, depth: Int, mr: Int,
                                     into packed: UnsafeMutablePointer<T>) {
        var panel = packed
        var i0 = 0
        while i0 < rows {
            let r = Swift.min(mr, rows - i0)
            if a.rowStride == 1 {
                // A transposed: the `mr` values of one step are contiguous.
                for p in 0..<depth {
                    let source = a.base + i0 + p * a.columnStride
                    for i in 0..<r { panel[p * mr + i] = source[i] }
                }
            } else {
                for i in 0..<r {
                    let source = a.base + (i0 + i) * a.rowStride
                    for p in 0..<depth { panel[p * mr + i] = source[p * a.columnStride] }
                }
            }
            if r < mr {
                for p in 0..<depth {
                    for i in r..<mr { panel[p * mr + i] = 0 }
                }
            }
            panel += mr * depth
            i0 += mr
        }
    }

    /// Packs `depth × columns` of `b` as panels of `nr` columns: element `(p, j)` of panel `j / nr` goes to
    /// `panel + p·nr + j % nr`, each panel `nr·depth` long.
    static func packB<T: SIMDScalar>(_ b: MatrixView<T>, depth: Int, columns: Int, nr: Int,
                                     into packed: UnsafeMutablePointer<T>) {
        typealias V = T.Vector
        let w = V.lanes
        var panel = packed
        var j0 = 0
        while j0 < columns {
            let r = Swift.min(nr, columns - j0)
            if b.columnStride == 1 {
                for p in 0..<depth {
                    let source = b.base + p * b.rowStride + j0, target = panel + p * nr
                    if r == nr && nr % w == 0 {
                        for j in stride(from: 0, to: nr, by: w) { V(loading: source + j).store(to: target + j) }
                    } else {
                        for j in 0..<r { target[j] = source[j] }
                        for j in r..<nr { target[j] = 0 }
                    }
                }
            } else {
                // B transposed: read each column of op(B) contiguously.
                for j in 0..<r {
                    let source = b.base + (j0 + j) * b.columnStride
                    for p in 0..<depth { panel[p * nr + j] = source[p * b.rowStride] }
                }
                if r < nr {
                    for p in 0..<depth {
                        for j in r..<nr { panel[p * nr + j] = 0 }
                    }
                }
            }
            panel += nr * depth
            j0 += nr
        }
    }
}
