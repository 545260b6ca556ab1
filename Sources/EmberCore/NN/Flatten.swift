import EmberBackend

/// Flattens the axes `startDim...endDim` into one, like `torch.nn.Flatten` (by default every axis but the batch).
///
/// ```swift
/// let images = Tensor<Float>.zeros([8, 1, 28, 28])
/// let rows = Flatten<Float>()(images)   // shape [8, 784]
/// ```
public final class Flatten<Scalar: TensorScalar>: Module<Scalar> {
    public let startDim: Int
    public let endDim: Int

    public init(startDim: Int = 1, endDim: Int = -1) {
        self.startDim = startDim
        self.endDim = endDim
        super.init()
    }

    public override func forward(_ input: Tensor<Scalar>) -> Tensor<Scalar> {
        input.flatten(startDim: startDim, endDim: endDim)
    }
}

extension Tensor {
    /// The axes `startDim...endDim` merged into one (storage shared), like `torch.flatten(input, start_dim, end_dim)`.
    @inlinable
    public final func flatten(startDim: Int, endDim: Int = -1) -> Tensor {
        guard rank > 0 else { return reshape([1]) }
        let first = Shape.normalize(axis: startDim, rank: rank, op: "flatten")
        let last = Shape.normalize(axis: endDim, rank: rank, op: "flatten")
        precondition(first <= last, "flatten: startDim \(startDim) comes after endDim \(endDim) for shape \(shape)")
        let merged = shape[first...last].reduce(1, *)
        return reshape(Array(shape[..<first]) + [merged] + Array(shape[(last + 1)...]))
    }
}
