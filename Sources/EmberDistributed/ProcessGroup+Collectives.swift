import EmberBackend
import EmberCore

extension ProcessGroup {
    /// How `allReduce` combines the processes' values, like `torch.distributed.ReduceOp`.
    public enum ReduceOp: Sendable, Equatable {
        /// The elementwise sum.
        case sum
        /// The elementwise sum divided by `worldSize` (`ReduceOp.AVG`).
        case mean
        /// The elementwise maximum.
        case max
    }

    /// Combines `tensor` over every process, in place, like `torch.distributed.all_reduce`: afterwards every
    /// process holds the same result. Every process must pass a tensor of the same shape.
    ///
    /// The values are changed outside autograd (like `tensor.data`).
    /// - Parameters:
    ///   - tensor: this process's values, replaced by the combined values.
    ///   - op: `.sum` (the default), `.mean` or `.max`.
    ///
    /// ```swift
    /// let group = try ProcessGroup.initialize()
    /// let x = Tensor<Float>([Float(group.rank), 1])
    /// group.allReduce(x, op: .mean)   // [(worldSize − 1) / 2, 1] on every process
    /// ```
    public func allReduce<Scalar: TensorScalar>(_ tensor: Tensor<Scalar>, op: ReduceOp = .sum) {
        checkActive("allReduce")
        guard let communicator else { return }
        tensor.withUnsafeMutableBufferPointer { buffer in
            communicator.allReduce(buffer, max: op == .max)
            if op == .mean {
                let scale = 1 / Scalar(worldSize)
                for i in buffer.indices { buffer[i] *= scale }
            }
        }
    }

    /// Copies `tensor` from process `root` to every other process, in place, like `torch.distributed.broadcast`.
    /// Every process must pass a tensor of the same shape.
    /// - Parameters:
    ///   - tensor: the values to send (on `root`) or to overwrite (elsewhere).
    ///   - root: the sending process, in `0..<worldSize`.
    ///
    /// ```swift
    /// let group = try ProcessGroup.initialize()
    /// let weights = Tensor<Double>.randn([4])   // different on every process...
    /// group.broadcast(weights, from: 0)          // ...now rank 0's everywhere
    /// ```
    public func broadcast<Scalar: TensorScalar>(_ tensor: Tensor<Scalar>, from root: Int = 0) {
        checkActive("broadcast")
        precondition(root >= 0 && root < worldSize, "broadcast: root \(root) is not a rank of 0..<\(worldSize)")
        guard let communicator else { return }
        tensor.withUnsafeMutableBufferPointer { communicator.broadcast($0, root: root) }
    }

    /// Every process's `tensor`, stacked in rank order, like `torch.distributed.all_gather` followed by `stack`.
    /// Every process must pass a tensor of the same shape.
    /// - Parameter tensor: this process's values, of shape `s`.
    /// - Returns: a new tensor of shape `[worldSize] + s` whose slice `r` is rank `r`'s `tensor`, on every process.
    ///
    /// ```swift
    /// let group = try ProcessGroup.initialize()
    /// let all = group.allGather(Tensor<Float>([Float(group.rank)]))   // shape [worldSize, 1]: 0, 1, 2, …
    /// ```
    public func allGather<Scalar: TensorScalar>(_ tensor: Tensor<Scalar>) -> Tensor<Scalar> {
        checkActive("allGather")
        guard let communicator else { return Tensor(tensor.scalars, shape: [1] + tensor.shape) }
        let output = Tensor<Scalar>.zeros([worldSize] + tensor.shape)
        tensor.withUnsafeBufferPointer { input in
            output.withUnsafeMutableBufferPointer { communicator.allGather(input, into: $0) }
        }
        return output
    }

    /// Waits until every process has called `barrier()`, like `torch.distributed.barrier`.
    ///
    /// ```swift
    /// let group = try ProcessGroup.initialize()
    /// if group.rank == 0 { /* write a file the others read */ }
    /// group.barrier()
    /// ```
    public func barrier() {
        checkActive("barrier")
        communicator?.barrier()
    }
}
