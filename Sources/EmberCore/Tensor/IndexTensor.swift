import EmberBackend

/// An n-dimensional array of integer indices: class labels, the positions `argmax` and `topk` return, the indices
/// `gather`, `indexSelect` and `Embedding` read. The counterpart of PyTorch's `int64` (`LongTensor`) tensors.
///
/// Labels are integers, not `Float`: a class index never passes through floating point, so it is exact at any
/// size, and a loss cannot be handed a probability tensor where it expects labels by mistake. An `IndexTensor` is a
/// plain value (a Swift array of `Int` and a shape), not differentiable and not on a backend: index kernels
/// (`Backend.gather`, `scatterAdd`) read its elements directly.
///
/// ```swift
/// let labels = IndexTensor([2, 0, 1])                        // shape [3]
/// let same: IndexTensor = [2, 0, 1]
/// let grid = IndexTensor([0, 1, 1, 0], shape: [2, 2])
/// let logits = Tensor<Float>([[0.1, 2.0, -1.0], [3.0, 0.0, 0.5]])
/// // logits.argmax(axis: 1) == IndexTensor([1, 0])
/// ```
public struct IndexTensor: Sendable, Hashable, CustomStringConvertible {
    /// All indices in row-major order.
    public let scalars: [Int]
    /// The size of each dimension; `[]` for a single index.
    public let shape: [Int]

    /// Indices of `shape` in row-major order.
    /// - Precondition: `scalars.count` is the product of `shape`, and no dimension is negative.
    public init(_ scalars: [Int], shape: [Int]) {
        precondition(shape.allSatisfy { $0 >= 0 }, "IndexTensor: shape \(shape) has a negative dimension")
        precondition(scalars.count == shape.reduce(1, *),
                     "IndexTensor: \(scalars.count) indices do not fill shape \(shape)")
        self.scalars = scalars
        self.shape = shape
    }

    /// A one-dimensional array of indices.
    public init(_ scalars: [Int]) { self.init(scalars, shape: [scalars.count]) }

    /// A single index (rank 0).
    public init(scalar: Int) { self.init([scalar], shape: []) }

    /// The number of indices.
    public var count: Int { scalars.count }
    /// The number of dimensions.
    public var rank: Int { shape.count }

    /// The same indices viewed with another shape (one dimension may be -1).
    public func reshape(_ newShape: [Int]) -> IndexTensor {
        var resolved = newShape
        if let i = newShape.firstIndex(of: -1) {
            let known = newShape.filter { $0 != -1 }.reduce(1, *)
            precondition(known > 0 && count % known == 0, "reshape: shape \(newShape) is invalid for \(count) indices")
            resolved[i] = count / known
        }
        return IndexTensor(scalars, shape: resolved)
    }

    /// The indices as a tensor of `Scalar` values (to compare, plot or compute with them).
    public func converted<Scalar: TensorScalar>(to type: Scalar.Type = Scalar.self) -> Tensor<Scalar> {
        Tensor(scalars.map { Scalar($0) }, shape: shape)
    }

    /// Stops, naming `op`, the first index outside `0..<shape[axis]`, the axis and the shape it indexes.
    func checkRange(axis: Int, of shape: [Int], op: String) {
        let size = shape[axis]
        for index in scalars where index < 0 || index >= size {
            preconditionFailure("\(op): index \(index) is out of range for axis \(axis) of size \(size) (shape \(shape))")
        }
    }

    public var description: String {
        shape.count <= 1 ? "IndexTensor(\(scalars))" : "IndexTensor(\(scalars), shape: \(shape))"
    }
}

extension IndexTensor: ExpressibleByArrayLiteral {
    /// A one-dimensional array of indices: `let labels: IndexTensor = [2, 0, 1]`.
    public init(arrayLiteral elements: Int...) { self.init(elements) }
}
