/// Gives each of `replicas` processes its own share of a dataset, reshuffled every epoch from one seed, like
/// `torch.utils.data.distributed.DistributedSampler`.
///
/// Each epoch the indices `0..<datasetCount` are shuffled with a `RandomGenerator` seeded by `seed + epoch` (the
/// same permutation on every process, whatever `replicas` is), padded by repeating their beginning until their
/// number divides by `replicas` (or, with `dropLast`, cut down to a multiple of it), and dealt out in turn: process
/// `rank` takes positions `rank`, `rank + replicas`, `rank + 2·replicas`, … So with a per-process batch size `b`,
/// the `k`-th batches of all processes together are exactly positions `k·b·replicas ..< (k+1)·b·replicas` of the
/// permutation: the batch a single process would see with batch size `b·replicas`.
///
/// Call `setEpoch(_:)` at the start of every epoch, as in PyTorch; otherwise every epoch repeats the same order.
/// `EmberDistributed` adds an initialiser that takes the rank and the number of processes from a `ProcessGroup`.
///
/// ```swift
/// let x = Tensor<Float>.arange(10).reshape([10, 1])
/// let dataset = TensorDataset(features: x, targets: x)
/// let sampler = DistributedSampler(count: dataset.count, replicas: 2, rank: 1, seed: 42)
/// let loader = DataLoader(dataset, batchSize: 2, sampler: sampler)
/// for epoch in 0..<3 {
///     sampler.setEpoch(epoch)
///     for (xb, yb) in loader { _ = (xb, yb) }   // this process's 5 samples, in batches of 2, 2 and 1
/// }
/// ```
public final class DistributedSampler: Sampler {
    /// The number of samples in the dataset.
    public let datasetCount: Int
    /// The number of processes the data is divided among (`num_replicas`).
    public let replicas: Int
    /// This process's place among them, in `0..<replicas`.
    public let rank: Int
    /// Whether every epoch draws a new order.
    public let shuffle: Bool
    /// The seed of the epoch-0 order; epoch `e` uses `seed + e`.
    public let seed: UInt64
    /// Whether the tail that does not divide evenly is dropped instead of padded.
    public let dropLast: Bool
    /// The epoch whose order `indices()` returns.
    public private(set) var epoch = 0

    /// - Parameters:
    ///   - count: the number of samples in the dataset.
    ///   - replicas: the number of processes, at least 1.
    ///   - rank: this process, in `0..<replicas`. A value outside stops the program with a message naming both.
    ///   - shuffle: reshuffle every epoch (else the dataset's order).
    ///   - seed: the seed shared by every process.
    ///   - dropLast: drop the last `count % replicas` samples of each epoch's order instead of padding.
    public init(count: Int, replicas: Int, rank: Int, shuffle: Bool = true, seed: UInt64 = 0, dropLast: Bool = false) {
        precondition(count >= 0, "DistributedSampler: count must be non-negative, got \(count)")
        precondition(replicas >= 1, "DistributedSampler: replicas must be at least 1, got \(replicas)")
        precondition(rank >= 0 && rank < replicas, "DistributedSampler: rank \(rank) is not in 0..<\(replicas)")
        datasetCount = count
        self.replicas = replicas
        self.rank = rank
        self.shuffle = shuffle
        self.seed = seed
        self.dropLast = dropLast
    }

    /// The number of samples each process visits per epoch (`num_samples`): `⌈count / replicas⌉`, or
    /// `⌊count / replicas⌋` with `dropLast`.
    public var count: Int { dropLast ? datasetCount / replicas : (datasetCount + replicas - 1) / replicas }

    /// The number of samples all processes visit together per epoch (`total_size`).
    public var totalSize: Int { count * replicas }

    /// Chooses the epoch whose order `indices()` returns next, like `set_epoch`.
    public func setEpoch(_ epoch: Int) {
        precondition(epoch >= 0, "DistributedSampler.setEpoch: epoch must be non-negative, got \(epoch)")
        self.epoch = epoch
    }

    /// This process's indices for the current epoch: `count` of them, strided by `replicas` from `rank`.
    public func indices() -> [Int] {
        var order: [Int]
        if shuffle {
            var generator = RandomGenerator(seed: seed &+ UInt64(epoch))
            order = randomPermutation(datasetCount, using: &generator)
        } else {
            order = Array(0..<datasetCount)
        }
        let total = totalSize
        if order.count > total {
            order.removeLast(order.count - total)
        } else if !order.isEmpty {
            var k = 0
            while order.count < total {   // pad by repeating the order's beginning (wrapping when it is short)
                order.append(order[k])
                k += 1
            }
        }
        return Array(stride(from: rank, to: order.count, by: replicas).map { order[$0] })
    }
}
