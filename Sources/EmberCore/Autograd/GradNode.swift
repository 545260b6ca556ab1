import EmberBackend

/// One recorded operation: the tensors it read and how to turn the gradient of its output into theirs.
///
/// Each op builds its node right below its forward computation (see `Tensor+Arithmetic.swift`), micrograd-style.
/// `backward` returns one gradient per input, `nil` for inputs that do not require grad. A node is released
/// (its closure and saved tensors dropped) once the backward pass has used it.
@usableFromInline
final class GradNode<Scalar: TensorScalar> {
    /// PyTorch's name for the node, such as `"MulBackward0"`, shown in a tensor's printed form.
    @usableFromInline let name: String
    @usableFromInline private(set) var inputs: [Tensor<Scalar>]
    @usableFromInline var backwardFunction: ((Tensor<Scalar>) -> [Tensor<Scalar>?])?

    @inlinable
    init(_ name: String, _ inputs: [Tensor<Scalar>], _ backward: @escaping (Tensor<Scalar>) -> [Tensor<Scalar>?]) {
        self.name = name
        self.inputs = inputs
        self.backwardFunction = backward
    }

    @inlinable var isReleased: Bool { backwardFunction == nil }

    @inlinable
    func gradients(for outputGrad: Tensor<Scalar>) -> [Tensor<Scalar>?] {
        guard let backwardFunction else {
            preconditionFailure(
                "backward: trying to backward through the graph a second time; its saved tensors were freed")
        }
        return backwardFunction(outputGrad)
    }

    @inlinable
    func release() {
        backwardFunction = nil
        inputs = []
    }
}

extension Tensor {
    /// Whether an op on `inputs` must record its backward: some input requires grad and grad mode is on.
    @inlinable
    static func needsGrad(_ a: Tensor, _ b: Tensor? = nil) -> Bool {
        (a.requiresGrad || (b?.requiresGrad ?? false)) && GradMode.isEnabled
    }

    /// Attaches the node `name` with `backward` to this freshly computed output, when `inputs` need it.
    /// - Returns: `self`, for `return out.recording(...)`.
    @inlinable
    final func recording(
        _ name: String, _ a: Tensor, _ b: Tensor? = nil,
        _ backward: @escaping (Tensor) -> [Tensor?]
    ) -> Tensor {
        if Tensor.needsGrad(a, b) {
            gradFn = GradNode(name, b.map { [a, $0] } ?? [a], backward)
        }
        return self
    }
}
