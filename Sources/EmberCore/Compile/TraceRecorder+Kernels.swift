import EmberBackend

// One recording function per kernel: resolve the pointer arguments to slots, capture the scalar arguments, and
// append a closure that repeats the call on a replay's buffers. Generic over the scalar type, so `TracingBackend`
// forwards both the `Float` and the `Double` requirement here.
extension TraceRecorder {
    func fill<S: TensorScalar>(_ value: S, _ out: UnsafeMutablePointer<S>, count: Int) {
        guard let o = ref(out, "fill") else { return }
        let source = replayScalarSource(value)
        let fusion = FusibleKernel(operation: .fill, count: count, a: nil, b: nil, out: o, scalar: Double(value),
                                   scalarSource: source)
        append("fill", writes: [o], fusion: fusion) { bases, b in
            S._fill(b, source?() ?? value, o.pointer(bases, as: S.self), count: count)
        }
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
        append("unary", reads: [i], writes: [o],
               fusion: FusibleKernel(operation: .unary(op), count: count, a: i, b: nil, out: o)) { bases, b in S._unary(b, op, i.pointer(bases, as: S.self), o.pointer(bases, as: S.self), count: count) }
    }

    func binary<S: TensorScalar>(_ op: BinaryOp, _ lhs: UnsafePointer<S>, _ rhs: UnsafePointer<S>,
                                 _ out: UnsafeMutablePointer<S>, layout: BroadcastLayout) {
        let l = layout.kind == .scalarLHS ? scalarRef(lhs, "binary") : ref(lhs, "binary")
        let r = layout.kind == .scalarRHS ? scalarRef(rhs, "binary") : ref(rhs, "binary")
        guard let l, let r, let o = ref(out, "binary") else { return }
        let fusion = layout.kind == .strided ? nil
            : FusibleKernel(operation: .binary(op, layout.kind), count: layout.count, a: l, b: r, out: o)
        append("binary", reads: [l, r], writes: [o], fusion: fusion) { bases, b in
            S._binary(b, op, l.pointer(bases, as: S.self), r.pointer(bases, as: S.self), o.pointer(bases, as: S.self),
                      layout: layout)
        }
    }

    func reduce<S: TensorScalar>(_ op: ReduceOp, _ x: UnsafePointer<S>, _ out: UnsafeMutablePointer<S>,
                                 shape: ReductionShape) {
        guard let i = ref(x, "reduce"), let o = ref(out, "reduce") else { return }
        let fullSum = op == .sum && shape.outer == 1 && shape.inner == 1
        let fusion = fullSum ? FusibleKernel(operation: .sum, count: shape.length, a: i, b: nil, out: o) : nil
        append("reduce", reads: [i], writes: [o], fusion: fusion) { bases, b in S._reduce(b, op, i.pointer(bases, as: S.self), o.pointer(bases, as: S.self), shape: shape) }
    }

    func matmul<S: TensorScalar>(_ a: UnsafePointer<S>, _ bm: UnsafePointer<S>, _ c: UnsafeMutablePointer<S>,
                                 shape: MatmulShape) {
        guard let x = ref(a, "matmul"), let y = ref(bm, "matmul"), let o = ref(c, "matmul") else { return }
        // A 1×k by k×1 product is a dot product of two contiguous vectors, however each is transposed.
        let isDot = shape.m == 1 && shape.n == 1
        let fusion = isDot ? FusibleKernel(operation: .dot, count: shape.k, a: x, b: y, out: o) : nil
        append("matmul", reads: [x, y], writes: [o], fusion: fusion) { bases, b in
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
        append("copy", reads: [s], writes: [o],
               fusion: FusibleKernel(operation: .copy, count: count, a: s, b: nil, out: o)) { bases, b in S._copy(b, s.pointer(bases, as: S.self), o.pointer(bases, as: S.self), count: count) }
    }

    func axpy<S: TensorScalar>(_ alpha: S, _ x: UnsafePointer<S>, _ y: UnsafeMutablePointer<S>, count: Int) {
        guard let i = ref(x, "axpy"), let o = ref(y, "axpy") else { return }
        let source = replayScalarSource(alpha)
        let fusion = FusibleKernel(operation: .axpy, count: count, a: i, b: nil, out: o, scalar: Double(alpha),
                                   scalarSource: source)
        append("axpy", reads: [i], updates: [o], fusion: fusion) { bases, b in
            S._axpy(b, source?() ?? alpha, i.pointer(bases, as: S.self), o.pointer(bases, as: S.self), count: count)
        }
    }

    func scale<S: TensorScalar>(_ alpha: S, _ x: UnsafeMutablePointer<S>, count: Int) {
        guard let o = ref(x, "scale") else { return }
        let source = replayScalarSource(alpha)
        let fusion = FusibleKernel(operation: .scale, count: count, a: nil, b: nil, out: o, scalar: Double(alpha),
                                   scalarSource: source)
        append("scale", updates: [o], fusion: fusion) { bases, b in
            S._scale(b, source?() ?? alpha, o.pointer(bases, as: S.self), count: count)
        }
    }
}
