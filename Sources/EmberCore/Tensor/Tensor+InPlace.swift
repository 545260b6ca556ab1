import EmberBackend

// In-place updates, for optimizers and initialisation. Like PyTorch's `tensor.data` updates, they are not recorded
// by autograd: change a tensor that an unfinished graph saved and that graph's gradients are wrong.
extension Tensor {
    /// `self += alpha * other`, in place (BLAS `axpy`), like `tensor.add_(other, alpha=alpha)`.
    @inlinable
    public final func addInPlace(_ other: Tensor, alpha: Scalar = 1) {
        precondition(other.shape == shape, "addInPlace: shapes \(shape) and \(other.shape) differ")
        Tensor.withKernelPointers(other, self) { Tensor.backend.axpy(alpha, $0, $1, count: count) }
    }

    /// `self *= alpha`, in place, like `tensor.mul_(alpha)`.
    @inlinable
    public final func scaleInPlace(_ alpha: Scalar) {
        withMutablePointer { Tensor.backend.scale(alpha, $0, count: count) }
    }

    /// `self = op(self, other)` in place, `other` broadcast to this tensor's shape.
    @inlinable
    public final func applyInPlace(_ op: BinaryOp, _ other: Tensor) {
        if other.shape == shape {
            Tensor.withKernelPointers(self, other, self) { Tensor.backend.binary(op, $0, $1, $2, layout: .elementwise(count)) }
        } else {
            precondition(Shape.broadcast(shape, other.shape, op: "in-place \(op)") == shape,
                         "in-place \(op): shape \(other.shape) cannot be broadcast to \(shape)")
            let layout = BroadcastLayout(lhs: shape, rhs: other.shape, out: shape)
            Tensor.withKernelPointers(self, other, self) { Tensor.backend.binary(op, $0, $1, $2, layout: layout) }
        }
    }

    /// Copies `other`'s values into this tensor, like `tensor.copy_(other)`.
    @inlinable
    public final func copyInPlace(from other: Tensor) {
        precondition(other.shape == shape, "copyInPlace: shapes \(shape) and \(other.shape) differ")
        Tensor.withKernelPointers(other, self) { Tensor.backend.copy($0, $1, count: count) }
    }

    /// Sets every element to `value`, like `tensor.fill_(value)`.
    @inlinable
    public final func fillInPlace(_ value: Scalar) {
        withMutablePointer { Tensor.backend.fill(value, $0, count: count) }
    }

    @inlinable
    public static func += (lhs: Tensor, rhs: Tensor) { lhs.applyInPlace(.add, rhs) }
    @inlinable
    public static func -= (lhs: Tensor, rhs: Tensor) { lhs.applyInPlace(.sub, rhs) }
    @inlinable
    public static func *= (lhs: Tensor, rhs: Tensor) { lhs.applyInPlace(.mul, rhs) }
    @inlinable
    public static func /= (lhs: Tensor, rhs: Tensor) { lhs.applyInPlace(.div, rhs) }
}
