import EmberBackend

// One recording function per kernel: resolve the pointer arguments to slots, capture the scalar arguments, and
// append a closure that repeats the call on a replay's buffers. Generic over the scalar type, so `TracingBackend`
// forwards both the `Float` and the `Double` requirement here.
extension TraceRecorder {
    func fill<S: TensorScalar>(_ value: S, _ out: UnsafeMutablePointer<S>, count: Int) {
        guard let o = ref(out, "fill") else { return }
        append("fill", writes: [o]) { bases, b in S._fill(b, value, o.pointer(bases, as: S.self), count: count) }
    }

    func copyStrided<S: TensorScalar>(_ src: UnsafePointer<S>, shape: [Int], strides: [Int],
                                      _ out: UnsafeMutablePointer<S>) {
        guard let s = ref(src, "copyStrided"), let o = ref(out, "copyStrided") else { return }
        append("copyStrided", reads: [s], writes: [o]) { bases, b in
            S._copyStrided(b, s.pointer(bases, as: S.self), shape: shape, strides: strides, o.pointer(bases, as: S.self))
        }
    }

    func unary<S: TensorScalar>(_ op: UnaryOp, _ x: UnsafePointer<S>, _ out: UnsafeMutablePointer<S>, count: Int) {
        guard let i = ref(x, "unary"), let o = ref(out, "unary") else { return }
        append("unary", reads: [i], writes: [o]) { bases, b in S._unary(b, op, i.pointer(bases, as: S.self), o.pointer(bases, as: S.self), count: count) }
    }

    func binary<S: TensorScalar>(_ op: BinaryOp, _ lhs: UnsafePointer<S>, _ rhs: UnsafePointer<S>,
                                 _ out: UnsafeMutablePointer<S>, layout: BroadcastLayout) {
        let l = layout.kind == .scalarLHS ? scalarRef(lhs, "binary") : ref(lhs, "binary")
        let r = layout.kind == .scalarRHS ? scalarRef(rhs, "binary") : ref(rhs, "binary")
        guard let l, let r, let o = ref(out, "binary") else { return }
        append("binary", reads: [l, r], writes: [o]) { bases, b in
            S._binary(b, op, l.pointer(bases, as: S.self), r.pointer(bases, as: S.self), o.pointer(bases, as: S.self),
                      layout: layout)
        }
    }

    func reduce<S: TensorScalar>(_ op: ReduceOp, _ x: UnsafePointer<S>, _ out: UnsafeMutablePointer<S>,
                                 shape: ReductionShape) {
        guard let i = ref(x, "reduce"), let o = ref(out, "reduce") else { return }
        append("reduce", reads: [i], writes: [o]) { bases, b in S._reduce(b, op, i.pointer(bases, as: S.self), o.pointer(bases, as: S.self), shape: shape) }
    }

    func matmul<S: TensorScalar>(_ a: UnsafePointer<S>, _ bm: UnsafePointer<S>, _ c: UnsafeMutablePointer<S>,
                                 shape: MatmulShape) {
        guard let x = ref(a, "matmul"), let y = ref(bm, "matmul"), let o = ref(c, "matmul") else { return }
        append("matmul", reads: [x, y], writes: [o]) { bases, b in
            S._matmul(b, x.pointer(bases, as: S.self), y.pointer(bases, as: S.self), o.pointer(bases, as: S.self), shape: shape)
        }
    }

    func gather<S: TensorScalar>(_ src: UnsafePointer<S>, _ indices: UnsafePointer<Int>,
                                 _ out: UnsafeMutablePointer<S>, shape: GatherShape) {
        guard let s = ref(src, "gather"), let i = ref(indices, "gather"), let o = ref(out, "gather") else { return }
        boundIndices(of: i, below: shape.length)
        append("gather", reads: [s, i], writes: [o]) { bases, b in
            S._gather(b, s.pointer(bases, as: S.self), i.pointer(bases, as: Int.self), o.pointer(bases, as: S.self), shape: shape)
        }
    }

    func scatterAdd<S: TensorScalar>(_ src: UnsafePointer<S>, _ indices: UnsafePointer<Int>,
                                     _ out: UnsafeMutablePointer<S>, shape: GatherShape) {
        guard let s = ref(src, "scatterAdd"), let i = ref(indices, "scatterAdd"), let o = ref(out, "scatterAdd")
        else { return }
        boundIndices(of: i, below: shape.length)
        append("scatterAdd", reads: [s, i], updates: [o]) { bases, b in
            S._scatterAdd(b, s.pointer(bases, as: S.self), i.pointer(bases, as: Int.self), o.pointer(bases, as: S.self),
                          shape: shape)
        }
    }

    func addStrided<S: TensorScalar>(_ src: UnsafePointer<S>, _ out: UnsafeMutablePointer<S>, shape: [Int],
                                     strides: [Int]) {
        guard let s = ref(src, "addStrided"), let o = ref(out, "addStrided") else { return }
        append("addStrided", reads: [s], updates: [o]) { bases, b in
            S._addStrided(b, s.pointer(bases, as: S.self), o.pointer(bases, as: S.self), shape: shape, strides: strides)
        }
    }

    func erf<S: TensorScalar>(_ x: UnsafePointer<S>, _ out: UnsafeMutablePointer<S>, count: Int) {
        guard let i = ref(x, "erf"), let o = ref(out, "erf") else { return }
        append("erf", reads: [i], writes: [o]) { bases, b in S._erf(b, i.pointer(bases, as: S.self), o.pointer(bases, as: S.self), count: count) }
    }

    func copy<S: TensorScalar>(_ src: UnsafePointer<S>, _ out: UnsafeMutablePointer<S>, count: Int) {
        guard let s = ref(src, "copy"), let o = ref(out, "copy") else { return }
        append("copy", reads: [s], writes: [o]) { bases, b in S._copy(b, s.pointer(bases, as: S.self), o.pointer(bases, as: S.self), count: count) }
    }

    func axpy<S: TensorScalar>(_ alpha: S, _ x: UnsafePointer<S>, _ y: UnsafeMutablePointer<S>, count: Int) {
        guard let i = ref(x, "axpy"), let o = ref(y, "axpy") else { return }
        append("axpy", reads: [i], updates: [o]) { bases, b in S._axpy(b, alpha, i.pointer(bases, as: S.self), o.pointer(bases, as: S.self), count: count) }
    }

    func scale<S: TensorScalar>(_ alpha: S, _ x: UnsafeMutablePointer<S>, count: Int) {
        guard let o = ref(x, "scale") else { return }
        append("scale", updates: [o]) { bases, b in S._scale(b, alpha, o.pointer(bases, as: S.self), count: count) }
    }
}
