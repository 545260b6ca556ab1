import EmberBackend

// The in-place elementwise updates the adaptive optimizers need beyond `Tensor+InPlace.swift`: each is one backend
// kernel call writing into the tensor's own storage, so an optimizer step allocates nothing. Like the other in-place
// updates they are not recorded by autograd.
extension Tensor {
    /// `self = op(self)`, in place, like `tensor.sqrt_()`.
    @inlinable
    final func applyInPlace(_ op: UnaryOp) {
        withMutablePointer { Tensor.backend.unary(op, $0, $0, count: count) }
    }

    /// `self = op(self, scalar)`, in place, like `tensor.div_(2.0)` or `tensor.add_(eps)`.
    @inlinable
    final func applyInPlace(_ op: BinaryOp, scalar: Scalar) {
        withMutablePointer { x in
            withUnsafePointer(to: scalar) { Tensor.backend.binary(op, x, $0, x, layout: .scalarRHS(count)) }
        }
    }

    /// `self = op(lhs, rhs)` elementwise, overwriting this tensor; `lhs` or `rhs` may be `self`.
    @inlinable
    final func assign(_ op: BinaryOp, _ lhs: Tensor, _ rhs: Tensor) {
        precondition(lhs.shape == shape && rhs.shape == shape,
                     "in-place \(op): shapes \(lhs.shape) and \(rhs.shape) do not match the output \(shape)")
        Tensor.withKernelPointers(lhs, rhs, self) { Tensor.backend.binary(op, $0, $1, $2, layout: .elementwise(count)) }
    }

    /// `Σ self[i]²`, through the backend's `dot` kernel.
    @inlinable
    final func sumOfSquares() -> Scalar {
        withReadPointer { Tensor.backend.dot($0, $0, count: count) }
    }
}
