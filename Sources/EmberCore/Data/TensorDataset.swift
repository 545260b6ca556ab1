import EmberBackend

/// Paired features and targets whose first dimension indexes the samples, like `torch.utils.data.TensorDataset`.
///
/// `features` has shape `[n, …]` and `targets` `[n, …]` (for example `[n, d]` and `[n]`); sample `i` is row `i` of
/// each. The tensors are shared, not copied; `batch(_:)` and `subset(_:)` copy the rows they select.
///
/// ```swift
/// let x = Tensor<Float>([[1, 2], [3, 4], [5, 6]])
/// let y = Tensor<Float>([10, 20, 30])
/// let dataset = TensorDataset(features: x, targets: y)
/// let (xb, yb) = dataset.batch([2, 0])   // xb == [[5, 6], [1, 2]], yb == [30, 10]
/// ```
public struct TensorDataset<Scalar: TensorScalar> {
    /// The inputs, shape `[count, …]`.
    public let features: Tensor<Scalar>
    /// The targets, shape `[count, …]`.
    public let targets: Tensor<Scalar>

    /// - Parameters:
    ///   - features: the inputs, at least one-dimensional, one row per sample.
    ///   - targets: the targets, at least one-dimensional, with as many rows as `features`.
    public init(features: Tensor<Scalar>, targets: Tensor<Scalar>) {
        precondition(features.rank >= 1 && targets.rank >= 1,
                     "TensorDataset: features \(features.shape) and targets \(targets.shape) need a sample dimension")
        precondition(features.shape[0] == targets.shape[0],
                     "TensorDataset: features have \(features.shape[0]) rows but targets \(targets.shape[0]) "
                        + "(shapes \(features.shape) and \(targets.shape))")
        self.features = features
        self.targets = targets
    }

    /// The number of samples.
    public var count: Int { features.shape[0] }

    /// The samples at `indices`, in that order, as new tensors of shape `[indices.count, …]`.
    /// - Precondition: every index is in `0..<count`.
    @inlinable
    public func batch(_ indices: [Int]) -> (x: Tensor<Scalar>, y: Tensor<Scalar>) {
        (features.gatherRows(indices), targets.gatherRows(indices))
    }

    /// A dataset holding copies of the samples at `indices`, in that order.
    public func subset(_ indices: [Int]) -> TensorDataset {
        let (x, y) = batch(indices)
        return TensorDataset(features: x, targets: y)
    }
}

extension Tensor {
    /// The rows (slices along the first dimension) at `indices`, copied into a new tensor, like `tensor[indices]`.
    /// Runs of consecutive indices are copied with one backend call.
    @inlinable
    final func gatherRows(_ indices: [Int]) -> Tensor {
        let rows = shape[0]
        let rowSize = rows == 0 ? 0 : count / rows
        var outShape = shape
        outShape[0] = indices.count
        let out = Tensor.uninitialized(outShape)
        guard rowSize > 0 else { return out }
        let backend = Tensor.backend
        Tensor.withKernelPointers(self, out) { source, target in
            copyRuns(of: indices, rows: rows, rowSize: rowSize, from: source, to: target, backend: backend)
        }
        return out
    }

    /// Copies the rows at `indices` from `source` to consecutive rows of `target`, a run of consecutive indices at once.
    @inlinable
    final func copyRuns(of indices: [Int], rows: Int, rowSize: Int, from source: UnsafePointer<Scalar>,
                        to target: UnsafeMutablePointer<Scalar>, backend: any Backend) {
        var k = 0
        while k < indices.count {
            let first = indices[k]
            precondition(first >= 0 && first < rows, "batch: index \(first) is out of range for \(rows) samples")
            var length = 1
            while k + length < indices.count && first + length < rows && indices[k + length] == first + length {
                length += 1
            }
            backend.copy(source + first * rowSize, target + k * rowSize, count: length * rowSize)
            k += length
        }
    }
}
