import EmberBackend

// The in-place elementwise updates the adaptive optimizers need beyond `Tensor+InPlace.swift`: each is one backend
// kernel call writing into the tensor's own storage, so an optimizer step allocates nothing. Like the other in-place
// updates they are not recorded by autograd.
extension Tensor {
    /// `self = op(self)`, in place, like `tensor.sqrt_()`.
    @inlinable
    final func applyInPlace(_ op: UnaryOp) {
        Tensor.backend.unary(op, readPointer, pointer, count: count)
    }

    /// `self = op(self, scalar)`, in place, like `tensor.div_(2.0)` or `tensor.add_(eps)`.
    @inlinable
    final func applyInPlace(_ op: BinaryOp, scalar: Scalar) {
        withUnsafePointer(to: scalar) {
            Tensor.backend.binary(op, readPointer, $0, pointer, layout: .scalarRHS(count))
        }
    }

    /// `self = op(lhs, rhs)` elementwise, overwriting this tensor; `lhs` or `rhs` may be `self`.
    @inlinable
    final func assign(_ op: BinaryOp, _ lhs: Tensor, _ rhs: Tensor) {
        precondition(lhs.shape == shape && rhs.shape == shape,
                     "in-place \(op): shapes \(lhs.shape) and \(rhs.shape) do not match the output \(shape)")
        Tensor.backend.binary(op, lhs.readPointer, rhs.readPointer, pointer, layout: .elementwise(count))
    }

    /// `Σ self[i]²`, through the backend's `dot` kernel.
    @inlinable
    final func sumOfSquares() -> Scalar {
        Tensor.backend.dot(readPointer, readPointer, count: count)
    }
}
