import EmberBackend

// Helpers for the kernels most ops share (elementwise and reductions); an op with a kernel of its own (matmul,
// copyStrided, fill) calls `Tensor.backend` directly.
extension Tensor {
    @inlinable var pointer: UnsafeMutablePointer<Scalar> { storage.pointer }
    @inlinable var readPointer: UnsafePointer<Scalar> { UnsafePointer(storage.pointer) }

    /// `op(a, b)` with broadcasting; `name` names the op in shape errors.
    @inlinable
    static func binaryKernel(_ op: BinaryOp, _ a: Tensor, _ b: Tensor, name: String) -> Tensor {
        if a.shape == b.shape {
            let out = uninitialized(like: a)
            backend.binary(op, a.readPointer, b.readPointer, out.pointer, layout: .elementwise(a.count))
            return out
        }
        // A one-element operand of no higher rank is a scalar: no shape or layout to compute.
        if b.count == 1 && b.rank <= a.rank {
            let out = uninitialized(like: a)
            backend.binary(op, a.readPointer, b.readPointer, out.pointer, layout: .scalarRHS(a.count))
            return out
        }
        if a.count == 1 && a.rank <= b.rank {
            let out = uninitialized(like: b)
            backend.binary(op, a.readPointer, b.readPointer, out.pointer, layout: .scalarLHS(b.count))
            return out
        }
        let shape = Shape.broadcast(a.shape, b.shape, op: name)
        let out = uninitialized(shape)
        backend.binary(op, a.readPointer, b.readPointer, out.pointer,
                       layout: BroadcastLayout(lhs: a.shape, rhs: b.shape, out: shape))
        return out
    }

    /// `op(a, s)` for a scalar `s`.
    @inlinable
    static func binaryKernel(_ op: BinaryOp, _ a: Tensor, _ s: Scalar) -> Tensor {
        let out = uninitialized(like: a)
        withUnsafePointer(to: s) { backend.binary(op, a.readPointer, $0, out.pointer, layout: .scalarRHS(a.count)) }
        return out
    }

    /// `op(s, a)` for a scalar `s`.
    @inlinable
    static func binaryKernel(_ op: BinaryOp, _ s: Scalar, _ a: Tensor) -> Tensor {
        let out = uninitialized(like: a)
        withUnsafePointer(to: s) { backend.binary(op, $0, a.readPointer, out.pointer, layout: .scalarLHS(a.count)) }
        return out
    }

    /// `op(x)` elementwise.
    @inlinable
    static func unaryKernel(_ op: UnaryOp, _ x: Tensor) -> Tensor {
        let out = uninitialized(like: x)
        backend.unary(op, x.readPointer, out.pointer, count: x.count)
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
        backend.reduce(op, x.readPointer, out.pointer, shape: ReductionShape(outer: outer, length: length, inner: inner))
        return out
    }
}
