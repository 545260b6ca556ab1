import EmberBackend

extension Tensor {
    /// All elements in row-major order, like `tensor.tolist()` flattened.
    public final var scalars: [Scalar] {
        withUnsafeBufferPointer { Array($0) }
    }

    /// The value of a one-element tensor, like `tensor.item()`.
    @inlinable
    public final func item() -> Scalar {
        emberPrecondition(count == 1, "item: a tensor with \(count) elements cannot be converted to a scalar (shape \(shape))")
        CompileTracing.noteHostAccess("item()")
        return withReadPointer { $0[0] }
    }

    /// The element at `indices` (one per dimension; negative counts from the end), read or written in place
    /// outside autograd, like `tensor[i, j].item()` and `tensor.data[i, j] = v`. (`x[i, j]` is the sub-tensor,
    /// see `Tensor+Indexing.swift`.)
    ///
    /// ```swift
    /// let m = Tensor<Float>([[1, 2], [3, 4]])
    /// m[element: 1, 0] = 5   // m == [[1, 2], [5, 4]]
    /// let last = m[element: -1, -1]   // 4
    /// ```
    @inlinable
    public final subscript(element indices: Int...) -> Scalar {
        get {
            CompileTracing.noteHostAccess("element access")
            let i = offset(of: indices)
            return withReadPointer { $0[i] }
        }
        set {
            CompileTracing.noteHostAccess("element access")
            let i = offset(of: indices)
            withMutablePointer { $0[i] = newValue }
        }
    }

    @inlinable
    final func offset(of indices: [Int]) -> Int {
        emberPrecondition(indices.count == rank, "element: \(indices.count) indices for a tensor of rank \(rank) (shape \(shape))")
        var offset = 0
        for (d, index) in indices.enumerated() {
            let i = index < 0 ? index + shape[d] : index
            emberPrecondition(i >= 0 && i < shape[d],
                         "element: index \(index) is out of range for axis \(d) of size \(shape[d]) (shape \(shape))")
            offset = offset * shape[d] + i
        }
        return offset
    }

    /// The values converted to another scalar type (a new leaf, not recorded), like `tensor.double()`.
    @inlinable
    public final func converted<Other: TensorScalar>(to type: Other.Type = Other.self) -> Tensor<Other> {
        Tensor<Other>(scalars.map { Other($0) }, shape: shape)
    }

    /// Calls `body` with the elements, read-only, in row-major order.
    @inlinable
    public final func withUnsafeBufferPointer<R>(_ body: (UnsafeBufferPointer<Scalar>) throws -> R) rethrows -> R {
        CompileTracing.noteHostAccess("scalars or withUnsafeBufferPointer")
        return try withReadPointer { try body(UnsafeBufferPointer(start: $0, count: count)) }
    }

    /// Calls `body` with the elements to change them in place, outside autograd (like `tensor.data` in PyTorch).
    @inlinable
    public final func withUnsafeMutableBufferPointer<R>(
        _ body: (UnsafeMutableBufferPointer<Scalar>) throws -> R
    ) rethrows -> R {
        CompileTracing.noteHostAccess("withUnsafeMutableBufferPointer")
        return try withMutablePointer { try body(UnsafeMutableBufferPointer(start: $0, count: count)) }
    }

    /// Whether every element is finite (no NaN, no infinity).
    public final var isFinite: Bool { withUnsafeBufferPointer { $0.allSatisfy { $0.isFinite } } }
}
