import EmberBackend

/// State a module keeps that is not learned by gradients, like a PyTorch buffer (`register_buffer`): BatchNorm's
/// running statistics. Buffers are found by the same reflection as parameters (`namedBuffers()`), belong to
/// `stateDict()` and to checkpoints, and are never handed to an optimizer.
///
/// ```swift
/// let norm = BatchNorm1d<Float>(4)
/// // norm.namedBuffers().map(\.name) == ["running_mean", "running_var", "num_batches_tracked"]
/// ```
public final class Buffer<Scalar: TensorScalar>: Tensor<Scalar> {
    /// A buffer holding `tensor`'s values (sharing its storage).
    public init(_ tensor: Tensor<Scalar>) {
        super.init(sharing: tensor.detach(), requiresGrad: false)
    }

    /// Overwrites the values with `values` (of the same shape), outside autograd.
    public func assign(_ values: Tensor<Scalar>) {
        precondition(values.shape == shape, "Buffer.assign: shape \(values.shape) does not match the buffer's \(shape)")
        values.withReadPointer { source in withMutablePointer { Tensor<Scalar>.backend.copy(source, $0, count: count) } }
    }
}
