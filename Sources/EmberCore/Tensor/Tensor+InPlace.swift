import EmberBackend

// In-place updates, for optimizers and initialisation. Like PyTorch's `tensor.data` updates, they are not recorded
// by autograd: change a tensor that an unfinished graph saved and that graph's gradients are wrong.
extension Tensor {
    /// `self += alpha * other`, in place (BLAS `axpy`), like `tensor.add_(other, alpha=alpha)`.
    @inlinable
    public final func addInPlace(_ other: Tensor, alpha: Scalar = 1) {
        precondition(other.shape == shape, "addInPlace: shapes \(shape) and \(other.shape) differ")
        Tensor.backend.axpy(alpha, other.readPointer, pointer, count: count)
    }

    /// `self *= alpha`, in place, like `tensor.mul_(alpha)`.
    @inlinable
    public final func scaleInPlace(_ alpha: Scalar) {
        Tensor.backend.scale(alpha, pointer, count: count)
    }

    /// `self = op(self, other)` in place, `other` broadcast to this tensor's shape.
    @inlinable
    public final func applyInPlace(_ op: BinaryOp, _ other: Tensor) {
        if other.shape == shape {
            Tensor.backend.binary(op, readPointer, other.readPointer, pointer, layout: .elementwise(count))
        } else {
            precondition(Shape.broadcast(shape, other.shape, op: "in-place \(op)") == shape,
                         "in-place \(op): shape \(other.shape) cannot be broadcast to \(shape)")
            Tensor.backend.binary(op, readPointer, other.readPointer, pointer,
                                  layout: BroadcastLayout(lhs: shape, rhs: other.shape, out: shape))
        }
    }

    /// Copies `other`'s values into this tensor, like `tensor.copy_(other)`.
    @inlinable
    public final func copyInPlace(from other: Tensor) {
        precondition(other.shape == shape, "copyInPlace: shapes \(shape) and \(other.shape) differ")
        Tensor.backend.copy(other.readPointer, pointer, count: count)
    }

    /// Sets every element to `value`, like `tensor.fill_(value)`.
    @inlinable
    public final func fillInPlace(_ value: Scalar) {
        Tensor.backend.fill(value, pointer, count: count)
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
