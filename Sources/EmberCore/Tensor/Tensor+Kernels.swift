import EmberBackend

// Helpers for the kernels most ops share (elementwise and reductions); an op with a kernel of its own (matmul,
// copyStrided, fill) calls `Tensor.backend` directly.
extension Tensor {
    /// `op(a, b)` with broadcasting; `name` names the op in shape errors.
    @inlinable
    static func binaryKernel(_ op: BinaryOp, _ a: Tensor, _ b: Tensor, name: String) -> Tensor {
        if a.shape == b.shape {
            let out = uninitialized(like: a)
            withKernelPointers(a, b, out) { backend.binary(op, $0, $1, $2, layout: .elementwise(a.count)) }
            return out
        }
        // A one-element operand of no higher rank is a scalar: no shape or layout to compute.
        if b.count == 1 && b.rank <= a.rank {
            let out = uninitialized(like: a)
            withKernelPointers(a, b, out) { backend.binary(op, $0, $1, $2, layout: .scalarRHS(a.count)) }
            return out
        }
        if a.count == 1 && a.rank <= b.rank {
            let out = uninitialized(like: b)
            withKernelPointers(a, b, out) { backend.binary(op, $0, $1, $2, layout: .scalarLHS(b.count)) }
            return out
        }
        let shape = Shape.broadcast(a.shape, b.shape, op: name)
        let out = uninitialized(shape)
        let layout = BroadcastLayout(lhs: a.shape, rhs: b.shape, out: shape)
        withKernelPointers(a, b, out) { backend.binary(op, $0, $1, $2, layout: layout) }
        return out
    }

    /// `op(a, s)` for a scalar `s`.
    @inlinable
    static func binaryKernel(_ op: BinaryOp, _ a: Tensor, _ s: Scalar) -> Tensor {
        let out = uninitialized(like: a)
        withKernelPointers(a, out) { x, y in
            withUnsafePointer(to: s) { backend.binary(op, x, $0, y, layout: .scalarRHS(a.count)) }
        }
        return out
    }

    /// `op(s, a)` for a scalar `s`.
    @inlinable
    static func binaryKernel(_ op: BinaryOp, _ s: Scalar, _ a: Tensor) -> Tensor {
        let out = uninitialized(like: a)
        withKernelPointers(a, out) { x, y in
            withUnsafePointer(to: s) { backend.binary(op, $0, x, y, layout: .scalarLHS(a.count)) }
        }
        return out
    }

    /// `op(x)` elementwise.
    @inlinable
    static func unaryKernel(_ op: UnaryOp, _ x: Tensor) -> Tensor {
        let out = uninitialized(like: x)
        withKernelPointers(x, out) { backend.unary(op, $0, $1, count: x.count) }
        return out
    }

    /// Reduces the axes `first...last` (contiguous) of `x`; the result keeps them as size-1 dimensions.
    @inlinable
    static func reduceKernel(_ op: ReduceOp, _ x: Tensor, first: Int, last: Int) -> Tensor {
        let outer = x.shape[..<first].reduce(1, *)
        let length = x.shape[first...last].reduce(1, *)
        let inner = x.shape[(last + 1)...].reduce(1, *)
        var shape = x.shape
        for d in first...last { shape[d] = 1 }
        let out = uninitialized(shape)
        let reduction = ReductionShape(outer: outer, length: length, inner: inner)
        withKernelPointers(x, out) { backend.reduce(op, $0, $1, shape: reduction) }
        return out
    }
}
