import EmberBackend

/// Iterates over a dataset in mini-batches, like `torch.utils.data.DataLoader`.
///
/// Each iteration over the loader (each `makeIterator()`, so each `for … in loader`) is one epoch. With `shuffle`,
/// every epoch visits the samples in a new random order drawn from the loader's own `RandomGenerator`, so two
/// loaders made with the same seed produce the same batches epoch after epoch, and each epoch differs from the
/// previous one. Without `shuffle`, batches follow the dataset's order. Every sample appears exactly once per epoch;
/// the last batch is smaller when `batchSize` does not divide the dataset's size, unless `dropLast` drops it.
/// With a `sampler` (such as `DistributedSampler`), each epoch visits the indices the sampler returns instead.
///
/// ```swift
/// let x = Tensor<Float>.linspace(0, 1, steps: 10).reshape([10, 1])
/// let dataset = TensorDataset(features: x, targets: x * 2)
/// let loader = DataLoader(dataset, batchSize: 4, shuffle: true, seed: 42)
/// for epoch in 0..<2 {
///     for (xb, yb) in loader {   // 3 batches: 4, 4 and 2 samples
///         _ = (epoch, xb, yb)
///     }
/// }
/// ```
public final class DataLoader<Scalar: TensorScalar>: Sequence {
    /// The samples to iterate over.
    public let dataset: TensorDataset<Scalar>
    /// The number of samples per batch (the last batch may hold fewer unless `dropLast`).
    public let batchSize: Int
    /// Whether each epoch visits the samples in a new random order.
    public let shuffle: Bool
    /// Whether the last, incomplete batch of an epoch is dropped.
    public let dropLast: Bool
    /// The number of epochs started (iterators made) so far.
    public private(set) var epoch = 0
    /// Chooses each epoch's samples instead of `shuffle`, when given.
    public let sampler: (any Sampler)?
    @usableFromInline var generator: RandomGenerator

    /// - Parameters:
    ///   - dataset: the samples.
    ///   - batchSize: the number of samples per batch. Must be positive: a zero or negative value stops the
    ///     program with a message naming `batchSize` (validate user input before).
    ///   - shuffle: reshuffle the samples at the start of every epoch.
    ///   - dropLast: drop the last batch of an epoch when it is incomplete.
    ///   - seed: seeds the shuffling; `nil` takes a seed from the global generator (see `manualSeed`).
    public init(_ dataset: TensorDataset<Scalar>, batchSize: Int, shuffle: Bool = false, dropLast: Bool = false,
                seed: UInt64? = nil) {
        precondition(batchSize > 0, "DataLoader: batchSize must be positive, got \(batchSize)")
        self.dataset = dataset
        self.batchSize = batchSize
        self.shuffle = shuffle
        self.dropLast = dropLast
        let seed = seed ?? (shuffle ? GlobalRandom.withGenerator { $0.next() } : 0)
        generator = RandomGenerator(seed: seed)
        sampler = nil
    }

    /// A loader that visits, each epoch, the indices `sampler` returns, like `DataLoader(dataset, sampler=…)`.
    /// - Parameters:
    ///   - dataset: the samples.
    ///   - batchSize: the number of samples per batch; must be positive.
    ///   - sampler: chooses the samples of each epoch and their order (see `DistributedSampler`).
    ///   - dropLast: drop the last batch of an epoch when it is incomplete.
    public init(_ dataset: TensorDataset<Scalar>, batchSize: Int, sampler: any Sampler, dropLast: Bool = false) {
        precondition(batchSize > 0, "DataLoader: batchSize must be positive, got \(batchSize)")
        self.dataset = dataset
        self.batchSize = batchSize
        self.shuffle = false
        self.dropLast = dropLast
        self.sampler = sampler
        generator = RandomGenerator(seed: 0)
    }

    /// The number of samples one epoch visits: the sampler's count, else the dataset's.
    var sampleCount: Int { sampler?.count ?? dataset.count }

    /// The number of batches per epoch, like `len(loader)`.
    public var count: Int {
        dropLast ? sampleCount / batchSize : (sampleCount + batchSize - 1) / batchSize
    }

    public var underestimatedCount: Int { count }

    /// Starts an epoch: draws this epoch's order (when shuffling) and returns an iterator over its batches.
    public func makeIterator() -> Iterator {
        epoch += 1
        let order = sampler?.indices()
            ?? (shuffle ? randomPermutation(dataset.count, using: &generator) : Array(0..<dataset.count))
        return Iterator(dataset: dataset, order: order, batchSize: batchSize, batchCount: count)
    }

    /// The batches of one epoch, each `(x, y)` with `batchSize` rows (fewer in an incomplete last batch).
    public struct Iterator: IteratorProtocol {
        @usableFromInline let dataset: TensorDataset<Scalar>
        @usableFromInline let order: [Int]
        @usableFromInline let batchSize: Int
        @usableFromInline let batchCount: Int
        @usableFromInline var batchIndex = 0

        @usableFromInline
        init(dataset: TensorDataset<Scalar>, order: [Int], batchSize: Int, batchCount: Int) {
            self.dataset = dataset
            self.order = order
            self.batchSize = batchSize
            self.batchCount = batchCount
        }

        @inlinable
        public mutating func next() -> (x: Tensor<Scalar>, y: Tensor<Scalar>)? {
            guard batchIndex < batchCount else { return nil }
            let start = batchIndex * batchSize
            let end = Swift.min(start + batchSize, order.count)
            batchIndex += 1
            return dataset.batch(Array(order[start..<end]))
        }
    }
}

/// A uniformly random permutation of `0..<count` (Fisher–Yates), drawn from `generator` with a bounded sampler that
/// is part of Ember (not the standard library's), so a seed gives the same order on every platform and Swift version.
func randomPermutation(_ count: Int, using generator: inout RandomGenerator) -> [Int] {
    var order = Array(0..<count)
    var i = count - 1
    while i > 0 {
        order.swapAt(i, uniformIndex(below: i + 1, using: &generator))
        i -= 1
    }
    return order
}

/// A uniform integer in `0..<bound` (Lemire's multiply-and-reject method, unbiased).
func uniformIndex(below bound: Int, using generator: inout RandomGenerator) -> Int {
    let range = UInt64(bound)
    var product = generator.next().multipliedFullWidth(by: range)
    if product.low < range {
        let threshold = (0 &- range) % range
        while product.low < threshold { product = generator.next().multipliedFullWidth(by: range) }
    }
    return Int(product.high)
}
