import EmberBackend

// Subscripts and `narrow`: sub-tensors selected by integers, ranges, `.all` and `.newAxis`.
//
// Views against copies: Ember tensors are always contiguous, so a subscript COPIES the selected elements (one
// `copyStrided` call) into a new tensor; writing to the result does not change `self`, unlike a PyTorch view. The
// one exception is a subscript that selects every element (`x[.all]`, `x[.newAxis]`): it is a `reshape` and shares
// storage, as `reshape` does. The backward pass adds the gradient back into the selected positions of zeros
// (`addStrided`, the reverse kernel).
// Single elements are read and written with `x[element: i, j]` (`Tensor+Values.swift`).
extension Tensor {
    /// The sub-tensor selected by `indices`, one per axis from the first (missing trailing axes are taken whole),
    /// like `x[i]`, `x[:, 1]`, `x[1:3]` or `x[None]` in PyTorch. A copy (see above), recorded for autograd.
    ///
    /// ```swift
    /// let x = Tensor<Float>([[1, 2, 3], [4, 5, 6]])
    /// let row = x[1]             // [4, 5, 6]
    /// let column = x[.all, 1]    // [2, 5]
    /// let last = x[.all, (-2)...] // [[2, 3], [5, 6]]
    /// let lifted = x[.newAxis]   // shape [1, 2, 3]
    /// ```
    /// - Precondition: at most `rank` integers and ranges; each integer in `-size..<size` of its axis (the stop
    ///   names the index, the axis and the shape).
    public final subscript(_ indices: any TensorIndexConvertible...) -> Tensor {
        select(indices.map(\.tensorIndex))
    }

    /// `length` positions of `axis` from `start`, like `torch.narrow(input, dim, start, length)` (a copy).
    public final func narrow(axis: Int, start: Int, length: Int) -> Tensor {
        let d = Shape.normalize(axis: axis, rank: rank, op: "narrow")
        let first = start < 0 ? start + shape[d] : start
        precondition(first >= 0 && length >= 0 && first + length <= shape[d],
                     "narrow: start \(start) and length \(length) are out of range for axis \(axis) of shape \(shape)")
        var indices = [TensorIndex](repeating: .all, count: d)
        indices.append(.range(first, first + length))
        return select(indices)
    }

    /// Applies a list of indices (see the subscript).
    final func select(_ indices: [TensorIndex]) -> Tensor {
        let consumed = indices.filter { $0.kind != .newAxis }.count
        precondition(consumed <= rank, "index: \(consumed) indices for a tensor of rank \(rank) (shape \(shape))")
        let contiguous = Shape.strides(shape)
        var offset = 0
        var viewShape: [Int] = [], viewStrides: [Int] = []   // the axes the copy walks
        var outShape: [Int] = []                             // the result: new axes in, integer-indexed axes out
        var axis = 0
        for index in indices + Array(repeating: TensorIndex.all, count: rank - consumed) {
            switch index.kind {
            case .newAxis:
                outShape.append(1)
            case .at(let i):
                let resolved = i < 0 ? i + shape[axis] : i
                precondition(resolved >= 0 && resolved < shape[axis],
                             "index: index \(i) is out of range for axis \(axis) of size \(shape[axis]) (shape \(shape))")
                offset += resolved * contiguous[axis]
                axis += 1
            case .all:
                viewShape.append(shape[axis]); viewStrides.append(contiguous[axis]); outShape.append(shape[axis])
                axis += 1
            case let .range(lower, upper, step):
                let size = shape[axis]
                func clamp(_ bound: Int?, _ fallback: Int) -> Int {
                    guard let bound else { return fallback }
                    return Swift.min(Swift.max(bound < 0 ? bound + size : bound, 0), size)
                }
                let start = clamp(lower, 0), end = Swift.max(clamp(upper, size), start)
                let length = (end - start + step - 1) / step
                offset += (length > 0 ? start : 0) * contiguous[axis]
                viewShape.append(length); viewStrides.append(contiguous[axis] * step); outShape.append(length)
                axis += 1
            }
        }
        if viewShape == shape && offset == 0 { return reshape(outShape) }   // everything selected: no copy
        return strided(offset: offset, shape: viewShape, strides: viewStrides).reshape(outShape)
    }

    /// The elements at `offset + Σ index[d]·strides[d]` for every index of `shape`, copied; the backward pass adds
    /// the gradient back at the same positions.
    final func strided(offset: Int, shape viewShape: [Int], strides: [Int]) -> Tensor {
        let out = Tensor.uninitialized(viewShape)
        if out.count > 0 {
            withReadPointer { src in
                out.withMutablePointer { Tensor.backend.copyStrided(src + offset, shape: viewShape, strides: strides, $0) }
            }
        }
        return out.recording("SliceBackward0", self) { g in
            let gradient = Tensor.zeros(self.shape)
            if g.count > 0 {
                g.withReadPointer { src in
                    gradient.withMutablePointer {
                        Tensor.backend.addStrided(src, $0 + offset, shape: viewShape, strides: strides)
                    }
                }
            }
            return gradient
        }
    }
}
