import EmberBackend

/// One recorded operation: the one or two tensors it read and how to turn the gradient of its output into theirs.
///
/// Each op builds its node right below its forward computation (see `Tensor+Arithmetic.swift`), micrograd-style.
/// A one-input op records `(outputGrad) -> inputGrad`; a two-input op records `(outputGrad) -> (lhsGrad, rhsGrad)`
/// with `nil` for an input that does not require grad. A node is released (its closure and saved tensors dropped)
/// once the backward pass has used it. Two fixed slots rather than arrays keep recording to one closure and one node
/// allocation per op; ops of any number of inputs (`cat`, `stack`) use the N-input form, `inputs` and
/// `naryBackward`, which returns one gradient (or `nil`) per input.
@usableFromInline
final class GradNode<Scalar: TensorScalar> {
    /// PyTorch's name for the node, such as `"MulBackward0"`, shown in a tensor's printed form.
    @usableFromInline let name: StaticString
    @usableFromInline @exclusivity(unchecked) var lhs: Tensor<Scalar>?
    @usableFromInline @exclusivity(unchecked) var rhs: Tensor<Scalar>?
    @usableFromInline @exclusivity(unchecked) var unaryBackward: ((Tensor<Scalar>) -> Tensor<Scalar>)?
    @usableFromInline @exclusivity(unchecked) var binaryBackward: ((Tensor<Scalar>) -> (Tensor<Scalar>?, Tensor<Scalar>?))?
    /// The inputs of an N-input node (`nil` for one- and two-input nodes).
    @usableFromInline @exclusivity(unchecked) var inputs: [Tensor<Scalar>]?
    @usableFromInline @exclusivity(unchecked) var naryBackward: ((Tensor<Scalar>) -> [Tensor<Scalar>?])?

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

    /// An N-input node (`cat`, `stack`): `backward` returns one gradient per input, `nil` where none is needed.
    @inlinable
    init(_ name: StaticString, inputs: [Tensor<Scalar>], _ backward: @escaping (Tensor<Scalar>) -> [Tensor<Scalar>?]) {
        self.name = name
        self.inputs = inputs
        naryBackward = backward
    }

    @inlinable var isReleased: Bool { lhs == nil && inputs == nil }

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
        naryBackward = nil
        lhs = nil
        rhs = nil
        inputs = nil
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

    /// Attaches an N-input node `name` with `backward` (one gradient or `nil` per input) to this freshly computed
    /// output, when an input requires grad and grad mode is on.
    @inlinable
    final func recording(_ name: StaticString, inputs: [Tensor], _ backward: @escaping (Tensor) -> [Tensor?]) -> Tensor {
        if GradMode.isEnabled && inputs.contains(where: { $0.requiresGrad }) {
            gradFn = GradNode(name, inputs: inputs, backward)
        }
        return self
    }
}
