import EmberBackend

/// A lookup table of `numEmbeddings` vectors of `embeddingDim` values, like `torch.nn.Embedding`: index `i` maps
/// to row `i` of `weight` (initialised from N(0, 1)). The gradient of each looked-up row is added to that row.
///
/// ```swift
/// let embedding = Embedding<Float>(10, 3)
/// let vectors = embedding(IndexTensor([1, 4, 4], shape: [1, 3]))   // shape [1, 3, 3]
/// ```
public final class Embedding<Scalar: TensorScalar>: Module<Scalar> {
    /// `[numEmbeddings, embeddingDim]`.
    public let weight: Parameter<Scalar>

    public init(_ numEmbeddings: Int, _ embeddingDim: Int) {
        precondition(numEmbeddings > 0 && embeddingDim > 0,
                     "Embedding: sizes must be positive, got \(numEmbeddings) and \(embeddingDim)")
        weight = Parameter(Tensor.randn([numEmbeddings, embeddingDim]))
        super.init()
    }

    /// The rows of `weight` at `indices`: shape `indices.shape + [embeddingDim]`.
    /// - Precondition: every index is in `0..<numEmbeddings` (the stop names the index and the table size).
    public func callAsFunction(_ indices: IndexTensor) -> Tensor<Scalar> {
        let size = weight.shape[0]
        for index in indices.scalars where index < 0 || index >= size {
            preconditionFailure("Embedding: index \(index) is out of range for \(size) embeddings")
        }
        let rows = weight.indexSelect(axis: 0, indices.reshape([-1]))
        return rows.reshape(indices.shape + [weight.shape[1]])
    }

    /// The rows at `input`'s values, which must be whole numbers (for use inside a `Sequential`).
    public override func forward(_ input: Tensor<Scalar>) -> Tensor<Scalar> {
        let indices = input.scalars.map { value -> Int in
            precondition(value.rounded() == value && value.isFinite, "Embedding: index \(value) is not a whole number")
            return Int(value)
        }
        return self(IndexTensor(indices, shape: input.shape))
    }
}
