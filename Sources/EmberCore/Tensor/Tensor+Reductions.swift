import EmberBackend

// Sums, means and extremes over all elements or along axes, with their backwards.
extension Tensor {
    /// The sum of all elements as a scalar tensor, like `tensor.sum()`.
    @inlinable
    public final func sum() -> Tensor {
        let out = reducedAll(.sum)
        // The gradient spread by a kernel, not read on the host, so that a compiled step can trace it.
        return out.recording("SumBackward0", self) { g in g.reshape(self.shape.map { _ in 1 }).expand(to: self.shape) }
    }

    /// The sum along `axes` (negative counts from the end), like `tensor.sum(dim, keepdim)`.
    @inlinable
    public final func sum(axes: [Int], keepDim: Bool = false) -> Tensor {
        let (kept, axes) = reduceAlong(.sum, axes: axes, op: "sum")
        let out = keepDim ? kept : kept.droppingAxes(axes)
        let keptShape = kept.shape   // not `kept`: with keepDim it is `out`, and the closure must not hold its output
        return out.recording("SumBackward1", self) { g in g.reshape(keptShape).expand(to: self.shape) }
    }

    /// The sum along `axis`, like `tensor.sum(dim=axis, keepdim=keepDim)`.
    @inlinable
    public final func sum(axis: Int, keepDim: Bool = false) -> Tensor { sum(axes: [axis], keepDim: keepDim) }

    /// The mean of all elements, like `tensor.mean()`; NaN for an empty tensor.
    @inlinable
    public final func mean() -> Tensor {
        let out = reducedAll(.sum)
        let n = Scalar(count)
        out.withMutablePointer { p in withUnsafePointer(to: n) { Tensor.backend.binary(.div, p, $0, p, layout: .scalarRHS(1)) } }
        return out.recording("MeanBackward0", self) { g in
            (g / Scalar(self.count)).reshape(self.shape.map { _ in 1 }).expand(to: self.shape)
        }
    }

    /// The mean along `axes`, like `tensor.mean(dim, keepdim)`.
    @inlinable
    public final func mean(axes: [Int], keepDim: Bool = false) -> Tensor {
        // Each axis counts once, as in `sum(axes:)`.
        let n = Set(axes.map { Shape.normalize(axis: $0, rank: rank, op: "mean") }).map { shape[$0] }.reduce(1, *)
        return sum(axes: axes, keepDim: keepDim) / Scalar(n)
    }

    /// The mean along `axis`.
    @inlinable
    public final func mean(axis: Int, keepDim: Bool = false) -> Tensor { mean(axes: [axis], keepDim: keepDim) }

    /// The largest element, like `tensor.amax()`; NaN propagates. Tied maxima share the gradient equally.
    @inlinable
    public final func max() -> Tensor { extreme(.max, axes: Array(0..<rank), keepDim: false, name: "MaxBackward1") }

    /// The largest elements along `axis`, like `tensor.amax(dim, keepdim)`.
    @inlinable
    public final func max(axis: Int, keepDim: Bool = false) -> Tensor {
        extreme(.max, axes: [axis], keepDim: keepDim, name: "AmaxBackward0")
    }

    /// The smallest element, like `tensor.amin()`.
    @inlinable
    public final func min() -> Tensor { extreme(.min, axes: Array(0..<rank), keepDim: false, name: "MinBackward1") }

    /// The smallest elements along `axis`, like `tensor.amin(dim, keepdim)`.
    @inlinable
    public final func min(axis: Int, keepDim: Bool = false) -> Tensor {
        extreme(.min, axes: [axis], keepDim: keepDim, name: "AminBackward0")
    }

    @inlinable
    final func extreme(_ op: ReduceOp, axes: [Int], keepDim: Bool, name: StaticString) -> Tensor {
        let (kept, axes) = reduceAlong(op, axes: axes, op: op == .max ? "max" : "min")
        let out = keepDim ? kept : kept.droppingAxes(axes)
        return out.recording(name, self) { [kept = kept.detach()] g in
            let mask = self.equal(kept)
            let ties = mask.sum(axes: axes, keepDim: true)
            return g.reshape(kept.shape) * mask / ties
        }
    }

    /// Reduces `axes` keeping them as size-1 dimensions (no graph recorded); returns the sorted, normalised axes.
    @inlinable
    final func reduceAlong(_ op: ReduceOp, axes: [Int], op name: String) -> (Tensor, [Int]) {
        let sorted = Set(axes.map { Shape.normalize(axis: $0, rank: rank, op: name) }).sorted()
        if rank == 0 {
            return (reducedAll(op), [])
        }
        // Reduce runs of adjacent axes in one kernel call each, last run first.
        var result = self
        var end = sorted.count - 1
        while end >= 0 {
            var start = end
            while start > 0 && sorted[start - 1] == sorted[start] - 1 { start -= 1 }
            result = Tensor.reduceKernel(op, result, first: sorted[start], last: sorted[end])
            end = start - 1
        }
        if sorted.isEmpty { result = clone().detach() }
        return (result, sorted)
    }

    /// `op` over all elements (not recorded), as a tensor of `shape` (one element).
    @inlinable
    final func reducedAll(_ op: ReduceOp, shape: [Int] = []) -> Tensor {
        let out = Tensor.uninitialized(shape)
        Tensor.withKernelPointers(self, out) { Tensor.backend.reduce(op, $0, $1, shape: .all(count)) }
        return out
    }

    /// This tensor with the size-1 `axes` removed (storage shared).
    @inlinable
    final func droppingAxes(_ axes: [Int]) -> Tensor {
        let dropped = Set(axes)
        return Tensor(shape: shape.indices.filter { !dropped.contains($0) }.map { shape[$0] },
                      count: count, storage: storage)
    }

    /// Sums a broadcast gradient back to `target`, the shape of the operand that was broadcast.
    @inlinable
    final func sumTo(_ target: [Int]) -> Tensor {
        if shape == target { return self }
        if target.allSatisfy({ $0 == 1 }) {
            // Everything sums into one element: one reduction, no axis bookkeeping.
            return reducedAll(.sum, shape: target)
        }
        let lead = rank - target.count
        var axes = Array(0..<lead)
        for (i, size) in target.enumerated() where size == 1 && shape[lead + i] != 1 { axes.append(lead + i) }
        let (kept, _) = reduceAlong(.sum, axes: axes, op: "sumTo")
        return Tensor(shape: target, count: kept.count, storage: kept.storage)
    }
}
