import EmberBackend

// Ops that take or return integer indices: `gather`, `indexSelect`, `argmax`/`argmin`, `max`/`min` with indices
// and `topk`. Values move through the backend's `gather` kernel and gradients back through `scatterAdd`; the index
// results themselves are read on the host, since an `IndexTensor` is a Swift array.
extension Tensor {
    /// The elements of `self` at `index` along `axis`, like `torch.gather(input, dim, index)`:
    /// for a matrix and `axis` 1, `out[i][j] = self[i][index[i][j]]`.
    ///
    /// ```swift
    /// let x = Tensor<Float>([[1, 2, 3], [4, 5, 6]])
    /// let picked = x.gather(axis: 1, IndexTensor([2, 0], shape: [2, 1]))   // [[3], [4]]
    /// ```
    /// - Precondition: `index` has the rank of `self` and its size on every other axis (PyTorch also accepts
    ///   smaller sizes there); every index is in `0..<shape[axis]`.
    /// - Returns: a tensor of `index`'s shape. The gradient of an element is added to the one it was read from.
    public final func gather(axis: Int, _ index: IndexTensor) -> Tensor {
        precondition(rank >= 1, "gather: expects a tensor of rank at least 1, got shape \(shape)")
        let d = Shape.normalize(axis: axis, rank: rank, op: "gather")
        precondition(index.rank == rank && index.shape.indices.allSatisfy { $0 == d || index.shape[$0] == shape[$0] },
                     "gather: index shape \(index.shape) does not match input shape \(shape) outside axis \(axis)")
        index.checkRange(axis: d, of: shape, op: "gather")
        let (outer, length, inner) = layout(around: d)
        let k = index.shape[d]
        let s = GatherShape(outer: outer, length: length, indexLength: k, inner: inner,
                            indexStrides: (k * inner, inner, 1))
        return gathered(index.scalars, s, outShape: index.shape, name: "GatherBackward0")
    }

    /// The slices of `self` at `index` along `axis`, like `torch.index_select(input, dim, index)`.
    ///
    /// ```swift
    /// let x = Tensor<Float>([[1, 2], [3, 4], [5, 6]])
    /// let rows = x.indexSelect(axis: 0, IndexTensor([2, 0, 2]))   // [[5, 6], [1, 2], [5, 6]]
    /// ```
    /// - Precondition: `index` is one-dimensional with every index in `0..<shape[axis]`.
    public final func indexSelect(axis: Int, _ index: IndexTensor) -> Tensor {
        precondition(rank >= 1, "indexSelect: expects a tensor of rank at least 1, got shape \(shape)")
        precondition(index.rank == 1, "indexSelect: index must be one-dimensional, got shape \(index.shape)")
        let d = Shape.normalize(axis: axis, rank: rank, op: "indexSelect")
        index.checkRange(axis: d, of: shape, op: "indexSelect")
        let (outer, length, inner) = layout(around: d)
        let s = GatherShape(outer: outer, length: length, indexLength: index.count, inner: inner, indexStrides: (0, 1, 0))
        var outShape = shape
        outShape[d] = index.count
        return gathered(index.scalars, s, outShape: outShape, name: "IndexSelectBackward0")
    }

    /// Runs the `gather` kernel and records its backward, a `scatterAdd` into zeros of this tensor's shape.
    final func gathered(_ indices: [Int], _ s: GatherShape, outShape: [Int], name: StaticString) -> Tensor {
        let out = Tensor.uninitialized(outShape)
        indices.withUnsafeBufferPointer { i in
            withReadPointer { src in out.withMutablePointer { Tensor.backend.gather(src, i.baseAddress!, $0, shape: s) } }
        }
        return out.recording(name, self) { g in
            let gradient = Tensor.zeros(self.shape)
            indices.withUnsafeBufferPointer { i in
                g.withReadPointer { src in
                    gradient.withMutablePointer { Tensor.backend.scatterAdd(src, i.baseAddress!, $0, shape: s) }
                }
            }
            return gradient
        }
    }

    /// This tensor viewed as `[outer, shape[axis], inner]`.
    final func layout(around axis: Int) -> (outer: Int, length: Int, inner: Int) {
        return (shape[..<axis].reduce(1, *), shape[axis], shape[(axis + 1)...].reduce(1, *))
    }

    // MARK: Positions of extremes

    /// The position of the largest element along `axis`, like `torch.argmax(input, dim, keepdim)`: the first one
    /// on ties, and the first NaN if there is one (NaN counts as the largest, as in PyTorch).
    ///
    /// ```swift
    /// let logits = Tensor<Float>([[0.1, 2.0, -1.0], [3.0, 0.0, 0.5]])
    /// let predicted = logits.argmax(axis: 1)   // IndexTensor([1, 0])
    /// ```
    public final func argmax(axis: Int, keepDim: Bool = false) -> IndexTensor {
        extremePositions(axis: axis, keepDim: keepDim, largest: true, op: "argmax")
    }

    /// The position of the smallest element along `axis`, like `torch.argmin(input, dim, keepdim)`.
    public final func argmin(axis: Int, keepDim: Bool = false) -> IndexTensor {
        extremePositions(axis: axis, keepDim: keepDim, largest: false, op: "argmin")
    }

    /// The row-major position of the largest element, like `torch.argmax(input)`.
    public final func argmax() -> Int { detach().reshape([-1]).argmax(axis: 0).scalars[0] }

    /// The row-major position of the smallest element, like `torch.argmin(input)`.
    public final func argmin() -> Int { detach().reshape([-1]).argmin(axis: 0).scalars[0] }

    /// The largest elements along `axis` and their positions, like `torch.max(input, dim, keepdim)`. The gradient
    /// goes to the returned position only (`max(axis:)` shares it among ties instead).
    ///
    /// ```swift
    /// let x = Tensor<Float>([[1, 5, 2], [7, 0, 7]])
    /// let (values, indices) = x.maxWithIndices(axis: 1)   // [5, 7], IndexTensor([1, 0])
    /// ```
    public final func maxWithIndices(axis: Int, keepDim: Bool = false) -> (values: Tensor, indices: IndexTensor) {
        valuesAt(extremePositions(axis: axis, keepDim: true, largest: true, op: "max"), axis: axis, keepDim: keepDim)
    }

    /// The smallest elements along `axis` and their positions, like `torch.min(input, dim, keepdim)`.
    public final func minWithIndices(axis: Int, keepDim: Bool = false) -> (values: Tensor, indices: IndexTensor) {
        valuesAt(extremePositions(axis: axis, keepDim: true, largest: false, op: "min"), axis: axis, keepDim: keepDim)
    }

    /// The `k` largest (or smallest) elements along `axis` and their positions, like `torch.topk`; sorted from the
    /// largest (smallest) down, ties in order of position, NaN counting as the largest.
    ///
    /// ```swift
    /// let scores = Tensor<Float>([0.1, 0.7, 0.2, 0.9])
    /// let (values, indices) = scores.topk(2)   // [0.9, 0.7], IndexTensor([3, 1])
    /// ```
    /// - Precondition: `0 ≤ k ≤ shape[axis]`.
    public final func topk(_ k: Int, axis: Int = -1, largest: Bool = true) -> (values: Tensor, indices: IndexTensor) {
        precondition(rank >= 1, "topk: expects a tensor of rank at least 1, got shape \(shape)")
        let d = Shape.normalize(axis: axis, rank: rank, op: "topk")
        precondition(k >= 0 && k <= shape[d], "topk: k \(k) is out of range for an axis of size \(shape[d]) (shape \(shape))")
        let positions = hostRows(axis: d) { row, length in
            let order = (0..<length).sorted { a, b in
                let (x, y) = (row(a), row(b))
                if x.isNaN || y.isNaN { return x.isNaN && !y.isNaN }   // NaN first, then by value, stable
                return largest ? x > y : x < y
            }
            return Array(order.prefix(k))
        }
        return valuesAt(positions, axis: d, keepDim: true)
    }

    final func valuesAt(_ indices: IndexTensor, axis: Int, keepDim: Bool) -> (values: Tensor, indices: IndexTensor) {
        let values = gather(axis: axis, indices)
        guard !keepDim else { return (values, indices) }
        let d = Shape.normalize(axis: axis, rank: rank, op: "max")
        var dropped = indices.shape
        dropped.remove(at: d)
        return (values.squeeze(d), IndexTensor(indices.scalars, shape: dropped))
    }

    final func extremePositions(axis: Int, keepDim: Bool, largest: Bool, op: String) -> IndexTensor {
        precondition(rank >= 1, "\(op): expects a tensor of rank at least 1, got shape \(shape)")
        let d = Shape.normalize(axis: axis, rank: rank, op: op)
        precondition(shape[d] > 0, "\(op): cannot take the extreme of an empty axis (shape \(shape))")
        let found = hostRows(axis: d) { row, length in
            var best = 0
            var value = row(0)
            for r in 1..<length where !value.isNaN {
                let x = row(r)
                if x.isNaN || (largest ? x > value : x < value) { (best, value) = (r, x) }
            }
            return [best]
        }
        guard !keepDim else { return found }
        var dropped = found.shape
        dropped.remove(at: d)
        return IndexTensor(found.scalars, shape: dropped)
    }

    /// Calls `body` for each line along `axis` with an accessor to its elements, and collects the positions it
    /// returns (the same count for every line) into an index tensor whose `axis` has that count.
    final func hostRows(axis d: Int, _ body: ((Int) -> Scalar, Int) -> [Int]) -> IndexTensor {
        let (outer, length, inner) = layout(around: d)
        var result: [[Int]] = []
        result.reserveCapacity(outer * inner)
        withReadPointer { p in
            for o in 0..<outer {
                for i in 0..<inner {
                    let base = o * length * inner + i
                    result.append(body({ p[base + $0 * inner] }, length))
                }
            }
        }
        let k = result.first?.count ?? 0
        var scalars = [Int](repeating: 0, count: outer * k * inner)
        for o in 0..<outer {
            for i in 0..<inner {
                for (j, position) in result[o * inner + i].enumerated() { scalars[(o * k + j) * inner + i] = position }
            }
        }
        var outShape = shape
        outShape[d] = k
        return IndexTensor(scalars, shape: outShape)
    }
}
