import EmberBackend

extension Tensor {
    /// A tensor of `shape` holding `values` in row-major order, like `torch.tensor(...)`.
    ///
    /// ```swift
    /// let m = Tensor<Float>([1, 2, 3, 4, 5, 6], shape: [2, 3])
    /// ```
    /// - Precondition: `values.count` equals the product of `shape`.
    @inlinable
    public convenience init(_ values: [Scalar], shape: [Int], requiresGrad: Bool = false) {
        Shape.validate(shape, op: "Tensor")
        let count = Allocator.elementCount(shape, op: "Tensor")
        precondition(values.count == count,
                     "Tensor: \(values.count) values do not fill shape \(shape) (\(count) elements)")
        let storage = TensorStorage<Scalar>.allocate(count, shape: shape)
        values.withUnsafeBufferPointer { source in
            guard let base = source.baseAddress else { return }
            storage.withUnsafeMutablePointerToElements { $0.initialize(from: base, count: count) }
        }
        self.init(shape: shape, count: count, storage: storage)
        self.requiresGrad = requiresGrad
    }

    /// A one-dimensional tensor of `values`.
    @inlinable
    public convenience init(_ values: [Scalar], requiresGrad: Bool = false) {
        self.init(values, shape: [values.count], requiresGrad: requiresGrad)
    }

    /// A two-dimensional tensor from rows of equal length.
    @inlinable
    public convenience init(_ rows: [[Scalar]], requiresGrad: Bool = false) {
        let columns = rows.first?.count ?? 0
        precondition(rows.allSatisfy { $0.count == columns }, "Tensor: rows have different lengths")
        self.init(rows.flatMap { $0 }, shape: [rows.count, columns], requiresGrad: requiresGrad)
    }

    /// A scalar (rank-0) tensor, like `torch.tensor(3.0)`.
    @inlinable
    public convenience init(scalar value: Scalar, requiresGrad: Bool = false) {
        self.init([value], shape: [], requiresGrad: requiresGrad)
    }

    /// A tensor of `shape` with every element `value`, like `torch.full`.
    @inlinable
    public static func full(_ shape: [Int], _ value: Scalar, requiresGrad: Bool = false) -> Tensor {
        Shape.validate(shape, op: "full")
        let out = uninitialized(shape)
        out.withMutablePointer { backend.fill(value, $0, count: out.count) }
        out.isLeafRequiringGrad = requiresGrad
        return out
    }

    /// Zeros of `shape`, like `torch.zeros`.
    @inlinable
    public static func zeros(_ shape: [Int], requiresGrad: Bool = false) -> Tensor {
        full(shape, 0, requiresGrad: requiresGrad)
    }

    /// Ones of `shape`, like `torch.ones`.
    @inlinable
    public static func ones(_ shape: [Int], requiresGrad: Bool = false) -> Tensor {
        full(shape, 1, requiresGrad: requiresGrad)
    }

    /// Zeros of this tensor's shape, like `torch.zeros_like`.
    @inlinable
    public final func zerosLike() -> Tensor { Tensor.zeros(shape) }

    /// Ones of this tensor's shape, like `torch.ones_like`.
    @inlinable
    public final func onesLike() -> Tensor { Tensor.ones(shape) }

    /// `steps` evenly spaced values from `start` to `end` inclusive, like `torch.linspace`.
    ///
    /// ```swift
    /// let x = Tensor<Float>.linspace(0, 1, steps: 5)   // [0, 0.25, 0.5, 0.75, 1]
    /// ```
    @inlinable
    public static func linspace(_ start: Scalar, _ end: Scalar, steps: Int, requiresGrad: Bool = false) -> Tensor {
        precondition(steps >= 0, "linspace: steps must be non-negative, got \(steps)")
        let step = steps > 1 ? (end - start) / Scalar(steps - 1) : 0
        // Like PyTorch: the first half counts up from start, the second half down from end, so both ends are exact.
        let values = (0..<steps).map { i -> Scalar in
            i < steps / 2 ? start + step * Scalar(i) : end - step * Scalar(steps - 1 - i)
        }
        return Tensor(values, shape: [steps], requiresGrad: requiresGrad)
    }

    /// Values from `start` up to (not including) `end` by `step`, like `torch.arange`.
    @inlinable
    public static func arange(_ start: Scalar, _ end: Scalar, step: Scalar = 1) -> Tensor {
        precondition(step != 0 && step.isFinite, "arange: step must be finite and non-zero, got \(step)")
        let count = Swift.max(0, Int(((end - start) / step).rounded(.up)))
        return Tensor((0..<count).map { start + Scalar($0) * step }, shape: [count])
    }

    /// Values from 0 up to (not including) `end`, like `torch.arange(end)`.
    @inlinable
    public static func arange(_ end: Scalar) -> Tensor { arange(0, end) }

    /// A copy with its own storage, like `tensor.clone()` (recorded for autograd).
    @inlinable
    public final func clone() -> Tensor {
        let out = Tensor.uninitialized(shape)
        Tensor.withKernelPointers(self, out) { Tensor.backend.copy($0, $1, count: count) }
        return out.recording("CloneBackward0", self) { g in g }
    }
}
