import EmberBackend

/// One recorded operation: the one or two tensors it read and how to turn the gradient of its output into theirs.
///
/// Each op builds its node right below its forward computation (see `Tensor+Arithmetic.swift`), micrograd-style.
/// A one-input op records `(outputGrad) -> inputGrad`; a two-input op records `(outputGrad) -> (lhsGrad, rhsGrad)`
/// with `nil` for an input that does not require grad. A node is released (its closure and saved tensors dropped)
/// once the backward pass has used it. Two fixed slots rather than arrays keep recording to one closure and one node
/// allocation per op.
@usableFromInline
final class GradNode<Scalar: TensorScalar> {
    /// PyTorch's name for the node, such as `"MulBackward0"`, shown in a tensor's printed form.
    @usableFromInline let name: StaticString
    @usableFromInline @exclusivity(unchecked) var lhs: Tensor<Scalar>?
    @usableFromInline @exclusivity(unchecked) var rhs: Tensor<Scalar>?
    @usableFromInline @exclusivity(unchecked) var unaryBackward: ((Tensor<Scalar>) -> Tensor<Scalar>)?
    @usableFromInline @exclusivity(unchecked) var binaryBackward: ((Tensor<Scalar>) -> (Tensor<Scalar>?, Tensor<Scalar>?))?

    @inlinable
    init(_ name: StaticString, _ input: Tensor<Scalar>, _ backward: @escaping (Tensor<Scalar>) -> Tensor<Scalar>) {
        self.name = name
        lhs = input
        unaryBackward = backward
    }

    @inlinable
    init(_ name: StaticString, _ lhs: Tensor<Scalar>, _ rhs: Tensor<Scalar>,
         _ backward: @escaping (Tensor<Scalar>) -> (Tensor<Scalar>?, Tensor<Scalar>?)) {
        self.name = name
        self.lhs = lhs
        self.rhs = rhs
        binaryBackward = backward
    }

    @inlinable var isReleased: Bool { lhs == nil }

    /// The gradients of the inputs, given the gradient of the output.
    @inlinable
    func gradients(for outputGrad: Tensor<Scalar>) -> (Tensor<Scalar>?, Tensor<Scalar>?) {
        // `topologicalOrder` has already stopped a second backward through a released node.
        if let unaryBackward { return (unaryBackward(outputGrad), nil) }
        return binaryBackward!(outputGrad)
    }

    @inlinable
    func release() {
        unaryBackward = nil
        binaryBackward = nil
        lhs = nil
        rhs = nil
    }
}

extension Tensor {
    /// Attaches a one-input node `name` with `backward` to this freshly computed output, when `input` requires grad
    /// and grad mode is on.
    /// - Returns: `self`, for `return out.recording(...)`.
    @inlinable @inline(__always)
    final func recording(_ name: StaticString, _ input: Tensor, _ backward: @escaping (Tensor) -> Tensor) -> Tensor {
        if input.requiresGrad && GradMode.isEnabled {
            gradFn = GradNode(name, input, backward)
        }
        return self
    }

    /// Attaches a two-input node `name` with `backward` to this freshly computed output, when an input requires grad
    /// and grad mode is on.
    @inlinable @inline(__always)
    final func recording(_ name: StaticString, _ lhs: Tensor, _ rhs: Tensor,
                         _ backward: @escaping (Tensor) -> (Tensor?, Tensor?)) -> Tensor {
        if (lhs.requiresGrad || rhs.requiresGrad) && GradMode.isEnabled {
            gradFn = GradNode(name, lhs, rhs, backward)
        }
        return self
    }
}
