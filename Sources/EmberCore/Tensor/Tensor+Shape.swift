import EmberBackend

// Reshaping and reordering. Tensors are always contiguous: `reshape` shares storage, while `transpose`,
// `permute` and `expand` copy through the backend's strided copy.
extension Tensor {
    /// The same elements viewed with another shape (storage shared), like `tensor.reshape`; one dimension may be -1.
    @inlinable
    public final func reshape(_ newShape: [Int]) -> Tensor {
        let resolved = resolve(newShape)
        if resolved == shape { return self }
        let out = Tensor(shape: resolved, count: count, storage: storage)
        return out.recording("ViewBackward0", self) { g in g.reshape(self.shape) }
    }

    /// Same as `reshape`, like `tensor.view`.
    @inlinable
    public final func view(_ newShape: [Int]) -> Tensor { reshape(newShape) }

    /// All elements in one dimension, like `tensor.flatten()`.
    @inlinable
    public final func flatten() -> Tensor { reshape([count]) }

    /// Adds a size-1 dimension at `axis`, like `tensor.unsqueeze(dim)`.
    @inlinable
    public final func unsqueeze(_ axis: Int) -> Tensor {
        let position = axis < 0 ? axis + rank + 1 : axis
        emberPrecondition(position >= 0 && position <= rank, "unsqueeze: axis \(axis) is out of range for rank \(rank)")
        var newShape = shape
        newShape.insert(1, at: position)
        return reshape(newShape)
    }

    /// Removes size-1 dimensions (all of them, or only `axis`), like `tensor.squeeze(dim)`.
    @inlinable
    public final func squeeze(_ axis: Int? = nil) -> Tensor {
        guard let axis else { return reshape(shape.filter { $0 != 1 }) }
        let d = Shape.normalize(axis: axis, rank: rank, op: "squeeze")
        guard rank > 0, shape[d] == 1 else { return self }
        var newShape = shape
        newShape.remove(at: d)
        return reshape(newShape)
    }

    /// The dimensions reordered, like `tensor.permute(dims)`.
    @inlinable
    public final func permute(_ axes: [Int]) -> Tensor {
        let order = axes.map { Shape.normalize(axis: $0, rank: rank, op: "permute") }
        emberPrecondition(order.count == rank && Set(order).count == rank,
                     "permute: \(axes) is not a permutation of the \(rank) axes of shape \(shape)")
        if order == Array(0..<rank) { return self }
        let strides = Shape.strides(shape)
        let out = Tensor.uninitialized(order.map { shape[$0] })
        let permutedStrides = order.map { strides[$0] }
        Tensor.withKernelPointers(self, out) {
            Tensor.backend.copyStrided($0, shape: out.shape, strides: permutedStrides, $1)
        }
        var inverse = [Int](repeating: 0, count: rank)
        for (i, axis) in order.enumerated() { inverse[axis] = i }
        return out.recording("PermuteBackward0", self) { g in g.permute(inverse) }
    }

    /// Two dimensions swapped, like `tensor.transpose(dim0, dim1)`.
    @inlinable
    public final func transpose(_ axis0: Int, _ axis1: Int) -> Tensor {
        var order = Array(0..<rank)
        order.swapAt(Shape.normalize(axis: axis0, rank: rank, op: "transpose"),
                     Shape.normalize(axis: axis1, rank: rank, op: "transpose"))
        return permute(order)
    }

    /// The matrix transpose of a rank-2 tensor (a rank-1 tensor is returned as is), like `tensor.t()`.
    @inlinable
    public final func t() -> Tensor {
        emberPrecondition(rank <= 2, "t: expects a tensor of rank at most 2, got shape \(shape)")
        return rank < 2 ? self : transpose(0, 1)
    }

    /// This tensor repeated along size-1 (or new leading) dimensions to `target`, like `tensor.expand(shape)`.
    @inlinable
    public final func expand(to target: [Int]) -> Tensor {
        if target == shape { return self }
        emberPrecondition(Shape.broadcast(shape, target, op: "expand") == target,
                     "expand: shape \(shape) cannot be expanded to \(target)")
        let out = Tensor.uninitialized(target)
        if count == 1 && !CompileTracing.isTracing {   // a compiled step traces the copy below (same values)
            let value = item()
            out.withMutablePointer { Tensor.backend.fill(value, $0, count: out.count) }
        } else {
            let strides = BroadcastLayout.broadcastStrides(of: shape, to: target)
            Tensor.withKernelPointers(self, out) { Tensor.backend.copyStrided($0, shape: target, strides: strides, $1) }
        }
        return out.recording("ExpandBackward0", self) { g in g.sumTo(self.shape) }
    }

    @inlinable
    final func resolve(_ newShape: [Int]) -> [Int] {
        let inferred = newShape.indices.filter { newShape[$0] == -1 }
        emberPrecondition(inferred.count <= 1, "reshape: only one dimension can be -1, got \(newShape)")
        emberPrecondition(newShape.allSatisfy { $0 >= -1 }, "reshape: invalid shape \(newShape)")
        var resolved = newShape
        if let i = inferred.first {
            let known = newShape.filter { $0 != -1 }.reduce(1, *)
            emberPrecondition(known > 0 && count % known == 0,
                         "reshape: shape \(newShape) is invalid for a tensor of \(count) elements (shape \(shape))")
            resolved[i] = count / known
        }
        emberPrecondition(resolved.reduce(1, *) == count,
                     "reshape: shape \(newShape) is invalid for a tensor of \(count) elements (shape \(shape))")
        return resolved
    }
}
