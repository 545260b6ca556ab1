import EmberBackend

/// An n-dimensional array of `Float` or `Double` that records the operations applied to it for automatic
/// differentiation, like `torch.Tensor`.
///
/// Tensors have reference semantics, as in PyTorch: `let b = a` names the same tensor, and in-place updates and
/// `.grad` are seen through every name. Every kernel runs on the backend in force (`Backends.current`); a tensor
/// never knows which one.
///
/// ```swift
/// let x = Tensor<Float>([1, 2, 3])
/// let w = Tensor<Float>([0.5], requiresGrad: true)
/// let loss = (w * x).sum()
/// loss.backward()
/// print(w.grad!)   // tensor([6.])
/// ```
public class Tensor<Scalar: TensorScalar> {
    /// The size of each dimension; `[]` for a scalar tensor.
    public final let shape: [Int]
    /// The number of elements, the product of `shape`.
    public final let count: Int
    @usableFromInline final let storage: TensorStorage<Scalar>

    /// The gradient accumulated by `backward()`, like `tensor.grad`; `nil` until a backward pass reaches this tensor.
    @exclusivity(unchecked) public final var grad: Tensor?

    /// The recorded operation that produced this tensor, `nil` for leaves.
    @usableFromInline @exclusivity(unchecked) final var gradFn: GradNode<Scalar>?
    @usableFromInline @exclusivity(unchecked) final var isLeafRequiringGrad: Bool
    /// The gradient flowing into this tensor during one backward pass.
    @usableFromInline @exclusivity(unchecked) final var pendingGrad: Tensor?
    /// The backward pass that last visited this tensor (see `topologicalOrder`).
    @usableFromInline @exclusivity(unchecked) final var visitedByPass: UInt64 = 0

    @usableFromInline
    init(shape: [Int], count: Int, storage: TensorStorage<Scalar>) {
        self.shape = shape
        self.count = count
        self.storage = storage
        self.isLeafRequiringGrad = false
    }

    /// Wraps `tensor`'s storage as a new leaf (used by `Parameter` and `detach()`).
    @inlinable
    init(sharing tensor: Tensor, requiresGrad: Bool) {
        shape = tensor.shape
        count = tensor.count
        storage = tensor.storage
        isLeafRequiringGrad = requiresGrad
    }

    /// Whether gradients are computed for this tensor, like `tensor.requires_grad`.
    /// Setting it is allowed on leaves only (tensors no operation produced).
    public final var requiresGrad: Bool {
        get { isLeafRequiringGrad || gradFn != nil }
        set {
            precondition(gradFn == nil, "requiresGrad: can only be set on leaf tensors; use detach() first")
            isLeafRequiringGrad = newValue
        }
    }

    /// Whether no recorded operation produced this tensor, like `tensor.is_leaf`.
    public final var isLeaf: Bool { gradFn == nil }

    /// The number of dimensions.
    public final var rank: Int { shape.count }

    /// A new, uninitialised tensor of `shape`; callers write every element.
    @inlinable
    static func uninitialized(_ shape: [Int]) -> Tensor {
        let count = Allocator.elementCount(shape, op: "Tensor")
        return Tensor(shape: shape, count: count, storage: .allocate(count, shape: shape))
    }

    /// A new, uninitialised tensor of `other`'s shape (the shape array is shared, not copied).
    @inlinable
    static func uninitialized(like other: Tensor) -> Tensor {
        Tensor(shape: other.shape, count: other.count, storage: .allocate(other.count, shape: other.shape))
    }

    /// The backend in force; every kernel call goes through it.
    @inlinable
    static var backend: any Backend { Backends.current }
}

/// A tensor that a `Module` owns and an optimizer updates, like `nn.Parameter`: a leaf that requires grad.
///
/// ```swift
/// let weight = Parameter(Tensor<Float>.randn([1]))
/// // weight.requiresGrad == true
/// ```
public final class Parameter<Scalar: TensorScalar>: Tensor<Scalar> {
    /// A parameter holding `tensor`'s values (sharing its storage), requiring grad.
    @inlinable
    public init(_ tensor: Tensor<Scalar>, requiresGrad: Bool = true) {
        super.init(sharing: tensor, requiresGrad: requiresGrad)
    }
}
