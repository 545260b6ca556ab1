import Ember
import EmberDistributed
import Foundation

/// This process's part of a training run: its rows of every batch, and the model copy that stays in step with the
/// other processes'.
///
/// `--batch-size B` is the global batch: with `N` processes each takes `B / N` rows of it, dealt by a
/// `DistributedSampler` from the same per-epoch permutation of the training rows, so the `k`-th batches of all
/// processes together are the `k`-th batch of the single-process run. Full-batch training splits the rows the same
/// way, unshuffled. Gradients are averaged over the processes (`DistributedDataParallel`) before every step, so the
/// run matches the single-process one up to the order of floating-point sums — exactly when the training rows divide
/// by `N`; otherwise the sampler repeats a few rows to even the shares (as PyTorch does) and a note says so.
struct DataParallelShard {
    let group: ProcessGroup
    /// Averages the gradients over the processes; `nil` with one process.
    let ddp: DistributedDataParallel<Float>?
    private let loader: DataLoader<Float>?
    private let sampler: DistributedSampler?
    /// This process's rows for full-batch training.
    private let fullBatch: (x: Tensor<Float>, y: Tensor<Float>)

    /// - Throws: `CLIError` when `batchSize` does not divide among the processes.
    init(model: Module<Float>, train: (x: Tensor<Float>, y: Tensor<Float>), batchSize: Int?, seed: UInt64,
         group: ProcessGroup) throws {
        self.group = group
        let rows = train.x.shape[0], n = group.worldSize
        let dataset = TensorDataset(features: train.x, targets: train.y)
        if let batchSize, batchSize < rows {
            try require(batchSize % n == 0, "--batch-size \(batchSize) must be a multiple of the \(n) processes, so "
                        + "that every process takes the same share of each batch")
            let sampler = DistributedSampler(count: rows, group: group, seed: seed)
            self.sampler = sampler
            loader = DataLoader(dataset, batchSize: batchSize / n, sampler: sampler)
            fullBatch = train
        } else {
            sampler = nil
            loader = nil
            fullBatch = n == 1 ? train
                : dataset.batch(DistributedSampler(count: rows, group: group, shuffle: false).indices())
        }
        if rows % n != 0 && group.rank == 0 {
            FileHandle.standardError.write(Data(("note: the \(rows) training rows do not divide among \(n) processes; "
                + "\(n - rows % n) of them are used twice per epoch to even the shares\n").utf8))
        }
        ddp = n > 1 ? DistributedDataParallel(model, group: group) : nil
    }

    /// Runs one epoch, `step(x, y)` on each of this process's batches, and returns the mean loss over every
    /// process's rows of the epoch (`step` returns its batch's mean loss).
    func epoch(_ epoch: Int, step: (Tensor<Float>, Tensor<Float>) -> Float) -> Double {
        var total = 0.0, rows = 0
        if let loader, let sampler {
            sampler.setEpoch(epoch)
            for (xb, yb) in loader {
                total += Double(step(xb, yb)) * Double(xb.shape[0])
                rows += xb.shape[0]
            }
        } else {
            total = Double(step(fullBatch.x, fullBatch.y)) * Double(fullBatch.x.shape[0])
            rows = fullBatch.x.shape[0]
        }
        guard group.worldSize > 1 else { return total / Double(rows) }
        let sums = Tensor<Double>([total, Double(rows)])
        group.allReduce(sums)
        return sums[element: 0] / sums[element: 1]
    }
}
