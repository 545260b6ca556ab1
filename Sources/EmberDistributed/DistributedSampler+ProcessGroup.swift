import EmberBackend
import EmberCore

extension DistributedSampler {
    /// A sampler for this process of `group`: `replicas` is the group's size and `rank` its rank.
    /// - Parameters:
    ///   - count: the number of samples in the dataset.
    ///   - group: the processes that share the data.
    ///   - shuffle: reshuffle every epoch (call `setEpoch(_:)`).
    ///   - seed: the seed, the same on every process.
    ///   - dropLast: drop the tail that does not divide evenly instead of padding.
    ///
    /// ```swift
    /// let group = try ProcessGroup.initialize()
    /// let sampler = DistributedSampler(count: 1000, group: group, seed: 7)   // 1000 / worldSize samples each
    /// ```
    public convenience init(count: Int, group: ProcessGroup, shuffle: Bool = true, seed: UInt64 = 0,
                            dropLast: Bool = false) {
        self.init(count: count, replicas: group.worldSize, rank: group.rank, shuffle: shuffle, seed: seed,
                  dropLast: dropLast)
    }
}
