import EmberBackend

// Joining tensors along an axis (`cat`, `stack`) and splitting one into pieces (`split`, `chunk`). `cat` writes each
// input into its place with `addStrided` and records one N-input node; the pieces of a split are copies (`narrow`).
extension Tensor {
    /// The tensors joined along `axis`, like `torch.cat(tensors, dim)`.
    ///
    /// ```swift
    /// let a = Tensor<Float>([[1, 2]]), b = Tensor<Float>([[3, 4], [5, 6]])
    /// let rows = Tensor.cat([a, b], axis: 0)   // [[1, 2], [3, 4], [5, 6]]
    /// ```
    /// - Precondition: at least one tensor; all of the same rank (≥ 1) and the same size on every other axis.
    public static func cat(_ tensors: [Tensor], axis: Int = 0) -> Tensor {
        precondition(!tensors.isEmpty, "cat: expects at least one tensor")
        let first = tensors[0]
        precondition(first.rank >= 1, "cat: zero-dimensional tensors cannot be concatenated (use stack)")
        let d = Shape.normalize(axis: axis, rank: first.rank, op: "cat")
        for t in tensors {
            precondition(t.rank == first.rank && t.shape.indices.allSatisfy { $0 == d || t.shape[$0] == first.shape[$0] },
                         "cat: shapes \(first.shape) and \(t.shape) differ outside axis \(axis)")
        }
        var outShape = first.shape
        outShape[d] = tensors.reduce(0) { $0 + $1.shape[d] }
        // −0 is the identity of addition (−0 + x = x for every x, −0 included), so each element is copied exactly.
        let out = Tensor.full(outShape, -0.0)
        let strides = Shape.strides(outShape)
        var offsets: [Int] = []
        var start = 0
        for t in tensors {
            offsets.append(start)
            if t.count > 0 {
                t.withReadPointer { src in
                    out.withMutablePointer {
                        Tensor.backend.addStrided(src, $0 + start * strides[d], shape: t.shape, strides: strides)
                    }
                }
            }
            start += t.shape[d]
        }
        return out.recording("CatBackward0", inputs: tensors) { g in
            zip(tensors, offsets).map { t, offset in
                t.requiresGrad ? g.narrow(axis: d, start: offset, length: t.shape[d]) : nil
            }
        }
    }

    /// The tensors stacked along a new `axis`, like `torch.stack(tensors, dim)`.
    ///
    /// ```swift
    /// let pair = Tensor.stack([Tensor<Float>([1, 2]), Tensor<Float>([3, 4])], axis: 1)   // [[1, 3], [2, 4]]
    /// ```
    /// - Precondition: at least one tensor, all of the same shape.
    public static func stack(_ tensors: [Tensor], axis: Int = 0) -> Tensor {
        precondition(!tensors.isEmpty, "stack: expects at least one tensor")
        for t in tensors {
            precondition(t.shape == tensors[0].shape, "stack: shapes \(tensors[0].shape) and \(t.shape) differ")
        }
        return cat(tensors.map { $0.unsqueeze(axis) }, axis: axis < 0 ? axis + tensors[0].rank + 1 : axis)
    }

    /// Pieces of `size` positions along `axis` (the last may be shorter), like `torch.split(tensor, size, dim)`.
    ///
    /// ```swift
    /// let parts = Tensor<Float>([1, 2, 3, 4, 5]).split(size: 2)   // [1, 2], [3, 4], [5]
    /// ```
    public final func split(size: Int, axis: Int = 0) -> [Tensor] {
        precondition(size > 0, "split: size must be positive, got \(size)")
        let d = Shape.normalize(axis: axis, rank: rank, op: "split")
        let total = shape[d]
        let sizes = stride(from: 0, to: Swift.max(total, 1), by: size).map { Swift.min(size, total - $0) }
        return split(sizes: sizes, axis: d)
    }

    /// Pieces of the given sizes along `axis`, like `torch.split(tensor, [sizes], dim)`.
    /// - Precondition: the sizes are non-negative and add up to `shape[axis]`.
    public final func split(sizes: [Int], axis: Int = 0) -> [Tensor] {
        let d = Shape.normalize(axis: axis, rank: rank, op: "split")
        precondition(sizes.allSatisfy { $0 >= 0 } && sizes.reduce(0, +) == shape[d],
                     "split: sizes \(sizes) do not add up to \(shape[d]), the size of axis \(axis) of shape \(shape)")
        var start = 0
        return sizes.map { length in
            defer { start += length }
            return narrow(axis: d, start: start, length: length)
        }
    }

    /// `chunks` pieces of equal size along `axis` (the last may be smaller, and there may be fewer), like
    /// `torch.chunk(tensor, chunks, dim)`.
    public final func chunk(_ chunks: Int, axis: Int = 0) -> [Tensor] {
        precondition(chunks > 0, "chunk: the number of chunks must be positive, got \(chunks)")
        let d = Shape.normalize(axis: axis, rank: rank, op: "chunk")
        return split(size: Swift.max(1, (shape[d] + chunks - 1) / chunks), axis: d)
    }
}
