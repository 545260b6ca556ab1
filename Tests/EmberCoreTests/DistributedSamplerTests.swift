import Ember
import Testing

/// `DistributedSampler`: PyTorch's split of a dataset among processes, and the property data-parallel training
/// rests on: the processes' k-th batches together are the single process's k-th batch.
struct DistributedSamplerTests {
    static func shares(count: Int, replicas: Int, shuffle: Bool = false, seed: UInt64 = 0, dropLast: Bool = false,
                       epoch: Int = 0) -> [[Int]] {
        (0..<replicas).map { rank in
            let sampler = DistributedSampler(count: count, replicas: replicas, rank: rank, shuffle: shuffle, seed: seed,
                                             dropLast: dropLast)
            sampler.setEpoch(epoch)
            return sampler.indices()
        }
    }

    @Test func unshuffledSharesMatchPyTorch() {
        // list(DistributedSampler(range(n), num_replicas=N, rank=r, shuffle=False, drop_last=d)) in PyTorch 2.13.
        #expect(Self.shares(count: 10, replicas: 4) == [[0, 4, 8], [1, 5, 9], [2, 6, 0], [3, 7, 1]])
        #expect(Self.shares(count: 10, replicas: 4, dropLast: true) == [[0, 4], [1, 5], [2, 6], [3, 7]])
        #expect(Self.shares(count: 3, replicas: 4) == [[0], [1], [2], [0]])
        #expect(Self.shares(count: 8, replicas: 2) == [[0, 2, 4, 6], [1, 3, 5, 7]])
        let sampler = DistributedSampler(count: 10, replicas: 4, rank: 0)
        #expect(sampler.count == 3 && sampler.totalSize == 12)
    }

    @Test func everyEpochDealsOnePermutationToTheProcessesAndReshufflesFromTheSeed() {
        let epoch0 = Self.shares(count: 12, replicas: 3, shuffle: true, seed: 5)
        #expect(epoch0.flatMap { $0 }.sorted() == Array(0..<12), "disjoint shares covering every sample")
        #expect(epoch0 == Self.shares(count: 12, replicas: 3, shuffle: true, seed: 5), "same seed, same shares")
        #expect(epoch0 != Self.shares(count: 12, replicas: 3, shuffle: true, seed: 5, epoch: 1), "reshuffled per epoch")
        #expect(epoch0 != Self.shares(count: 12, replicas: 3, shuffle: true, seed: 6))
        #expect(epoch0.flatMap { $0 } != Array(0..<12) && epoch0.flatMap { $0 }.sorted() == Array(0..<12))
        // Padding repeats the beginning of the epoch's permutation.
        let padded = Self.shares(count: 7, replicas: 3, shuffle: true, seed: 5)
        let permutation = Self.shares(count: 7, replicas: 1, shuffle: true, seed: 5)[0]
        #expect(padded.map(\.count) == [3, 3, 3])
        #expect(padded[0] == [permutation[0], permutation[3], permutation[6]])
        #expect(padded[1] == [permutation[1], permutation[4], permutation[0]])
        #expect(padded[2] == [permutation[2], permutation[5], permutation[1]])
    }

    @Test func theProcessesBatchesTogetherAreTheSingleProcessBatch() {
        let count = 40, replicas = 4, perProcess = 3
        let x = Tensor<Float>.arange(Float(count)).reshape([count, 1])
        let dataset = TensorDataset(features: x, targets: x)
        let single = DistributedSampler(count: count, replicas: 1, rank: 0, seed: 9)
        let singleLoader = DataLoader(dataset, batchSize: perProcess * replicas, sampler: single)
        let samplers = (0..<replicas).map { DistributedSampler(count: count, replicas: replicas, rank: $0, seed: 9) }
        let loaders = samplers.map { DataLoader(dataset, batchSize: perProcess, sampler: $0) }
        #expect(singleLoader.count == 4 && loaders.allSatisfy { $0.count == 4 })
        for epoch in 0..<3 {
            single.setEpoch(epoch)
            for sampler in samplers { sampler.setEpoch(epoch) }
            let expected = singleLoader.map { Set($0.x.scalars) }
            var iterators = loaders.map { $0.makeIterator() }
            for batch in expected {
                var union = Set<Float>()
                for r in 0..<replicas { union.formUnion(iterators[r].next()!.x.scalars) }
                #expect(union == batch, "epoch \(epoch)")
            }
        }
    }
}
