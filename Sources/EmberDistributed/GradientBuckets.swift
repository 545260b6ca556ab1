import EmberBackend
import EmberCore

/// Parameters grouped into buckets of about `capacity` bytes, each with one flat buffer, so that averaging the
/// gradients takes a few large all-reduces instead of one per parameter (PyTorch DDP's `bucket_cap_mb`).
///
/// Parameters are bucketed in reverse order, as PyTorch does (the last layers' gradients are the first ready in
/// backward). A parameter larger than the capacity gets a bucket of its own.
final class GradientBuckets<Scalar: TensorScalar> {
    struct Bucket {
        let parameters: [Parameter<Scalar>]
        /// The flat values of every parameter of the bucket, one after another.
        let buffer: Tensor<Scalar>
    }

    let buckets: [Bucket]

    init(_ parameters: [Parameter<Scalar>], capacityBytes: Int) {
        var buckets: [Bucket] = []
        var current: [Parameter<Scalar>] = [], elements = 0
        func close() {
            guard !current.isEmpty else { return }
            buckets.append(Bucket(parameters: current, buffer: Tensor<Scalar>.zeros([elements])))
            current = []
            elements = 0
        }
        for parameter in parameters.reversed() {
            if !current.isEmpty && (elements + parameter.count) * MemoryLayout<Scalar>.stride > capacityBytes { close() }
            current.append(parameter)
            elements += parameter.count
        }
        close()
        self.buckets = buckets
    }

    /// Replaces every gradient by its mean over the processes; a missing gradient counts as zeros and is created.
    func averageGradients(over group: ProcessGroup) {
        for bucket in buckets {
            bucket.buffer.withUnsafeMutableBufferPointer { flat in
                var offset = 0
                for parameter in bucket.parameters {
                    let part = UnsafeMutableBufferPointer(rebasing: flat[offset..<(offset + parameter.count)])
                    if let grad = parameter.grad {
                        grad.withUnsafeBufferPointer { _ = part.update(fromContentsOf: $0) }
                    } else {
                        part.update(repeating: 0)
                    }
                    offset += parameter.count
                }
            }
            group.allReduce(bucket.buffer, op: .sum)
            let scale = 1 / Scalar(group.worldSize)
            bucket.buffer.withUnsafeBufferPointer { flat in
                var offset = 0
                for parameter in bucket.parameters {
                    let grad = parameter.grad ?? Tensor<Scalar>.zeros(parameter.shape)
                    grad.withUnsafeMutableBufferPointer { target in
                        for i in target.indices { target[i] = flat[offset + i] * scale }
                    }
                    parameter.grad = grad
                    offset += parameter.count
                }
            }
        }
    }

    /// Copies rank `root`'s parameter values to every process, one broadcast per bucket.
    func broadcastValues(from root: Int, over group: ProcessGroup) {
        for bucket in buckets {
            bucket.buffer.withUnsafeMutableBufferPointer { flat in
                var offset = 0
                for parameter in bucket.parameters {
                    parameter.withUnsafeBufferPointer {
                        _ = UnsafeMutableBufferPointer(rebasing: flat[offset..<(offset + parameter.count)])
                            .update(fromContentsOf: $0)
                    }
                    offset += parameter.count
                }
            }
            group.broadcast(bucket.buffer, from: root)
            bucket.buffer.withUnsafeBufferPointer { flat in
                var offset = 0
                for parameter in bucket.parameters {
                    parameter.withUnsafeMutableBufferPointer {
                        _ = $0.update(fromContentsOf: UnsafeBufferPointer(rebasing: flat[offset..<(offset + parameter.count)]))
                    }
                    offset += parameter.count
                }
            }
        }
    }
}
