import Ember
import Testing

/// A dataset of `n` samples whose features are `[i, 100 + i]` and target `1000 + i`, so every row names its index.
private func indexedDataset(_ n: Int) -> TensorDataset<Double> {
    let features = Tensor<Double>((0..<n).flatMap { [Double($0), Double(100 + $0)] }, shape: [n, 2])
    let targets = Tensor<Double>((0..<n).map { Double(1000 + $0) })
    return TensorDataset(features: features, targets: targets)
}

/// The sample indices of one epoch's batches, checking on the way that features and targets stay paired.
private func epochIndices(_ loader: DataLoader<Double>) -> [[Int]] {
    var batches: [[Int]] = []
    for (x, y) in loader {
        #expect(x.shape == [y.shape[0], 2])
        let indices = y.scalars.map { Int($0) - 1000 }
        #expect(x.scalars == indices.flatMap { [Double($0), Double(100 + $0)] })
        batches.append(indices)
    }
    return batches
}

@Suite struct TensorDatasetTests {
    @Test func batchGathersRowsInOrder() {
        let dataset = indexedDataset(5)
        #expect(dataset.count == 5)
        let (x, y) = dataset.batch([3, 0, 1, 2, 4, 4])
        #expect(x.shape == [6, 2] && y.shape == [6])
        #expect(x.scalars == [3, 103, 0, 100, 1, 101, 2, 102, 4, 104, 4, 104])
        #expect(y.scalars == [1003, 1000, 1001, 1002, 1004, 1004])
        #expect(dataset.batch([]).x.shape == [0, 2])
    }

    @Test func higherRankSamplesAreCopiedWhole() {
        let features = Tensor<Float>((0..<12).map(Float.init), shape: [3, 2, 2])
        let dataset = TensorDataset(features: features, targets: Tensor<Float>([[0, 1], [2, 3], [4, 5]]))
        let (x, y) = dataset.batch([2, 0])
        #expect(x.shape == [2, 2, 2] && x.scalars == [8, 9, 10, 11, 0, 1, 2, 3])
        #expect(y.shape == [2, 2] && y.scalars == [4, 5, 0, 1])
    }

    @Test func subsetCopies() {
        let dataset = indexedDataset(4)
        let subset = dataset.subset([1, 3])
        dataset.features.fillInPlace(0)
        #expect(subset.count == 2 && subset.targets.scalars == [1001, 1003])
        #expect(subset.features.scalars == [1, 101, 3, 103])
    }

    @Test func docExample() {
        let dataset = TensorDataset(features: Tensor<Float>([[1, 2], [3, 4], [5, 6]]), targets: Tensor<Float>([10, 20, 30]))
        let (xb, yb) = dataset.batch([2, 0])
        #expect(xb.scalars == [5, 6, 1, 2] && yb.scalars == [30, 10])
    }

    @Test func badInputsStop() async {
        await #expect(processExitsWith: .failure) {
            _ = TensorDataset(features: Tensor<Double>.zeros([3, 2]), targets: Tensor<Double>.zeros([4]))
        }
        await #expect(processExitsWith: .failure) {
            _ = TensorDataset(features: Tensor<Double>(scalar: 1), targets: Tensor<Double>.zeros([1]))
        }
        await #expect(processExitsWith: .failure) {
            _ = TensorDataset(features: Tensor<Double>.zeros([3, 2]), targets: Tensor<Double>.zeros([3])).batch([2, 3])
        }
        await #expect(processExitsWith: .failure) {
            _ = TensorDataset(features: Tensor<Double>.zeros([3, 2]), targets: Tensor<Double>.zeros([3])).batch([-1])
        }
    }
}

@Suite struct DataLoaderTests {
    @Test func batchSizesWithAndWithoutDropLast() {
        let dataset = indexedDataset(10)
        let loader = DataLoader(dataset, batchSize: 4)
        #expect(loader.count == 3)
        #expect(epochIndices(loader).map(\.count) == [4, 4, 2])
        let dropping = DataLoader(dataset, batchSize: 4, dropLast: true)
        #expect(dropping.count == 2)
        #expect(epochIndices(dropping).map(\.count) == [4, 4])
        #expect(DataLoader(dataset, batchSize: 5, dropLast: true).count == 2)
        #expect(epochIndices(DataLoader(dataset, batchSize: 5)).map(\.count) == [5, 5])
        #expect(epochIndices(DataLoader(dataset, batchSize: 20)).map(\.count) == [10])
        #expect(epochIndices(DataLoader(dataset, batchSize: 20, dropLast: true)).isEmpty)
        #expect(epochIndices(DataLoader(indexedDataset(0), batchSize: 3, shuffle: true, seed: 1)).isEmpty)
    }

    @Test func orderIsPreservedWithoutShuffle() {
        let loader = DataLoader(indexedDataset(7), batchSize: 3)
        #expect(epochIndices(loader) == [[0, 1, 2], [3, 4, 5], [6]])
        #expect(epochIndices(loader) == [[0, 1, 2], [3, 4, 5], [6]])
    }

    @Test func everySampleAppearsOncePerShuffledEpoch() {
        let loader = DataLoader(indexedDataset(23), batchSize: 5, shuffle: true, seed: 3)
        for _ in 0..<3 {
            let indices = epochIndices(loader).flatMap { $0 }
            #expect(indices.sorted() == Array(0..<23))
        }
        #expect(loader.epoch == 3)
    }

    @Test func dropLastDropsOnlyTheIncompleteBatch() {
        let loader = DataLoader(indexedDataset(10), batchSize: 4, shuffle: true, dropLast: true, seed: 5)
        let indices = epochIndices(loader).flatMap { $0 }
        #expect(indices.count == 8 && Set(indices).count == 8)
    }

    @Test func shufflingIsReproducibleAndDiffersAcrossEpochs() {
        let dataset = indexedDataset(20)
        let first = DataLoader(dataset, batchSize: 6, shuffle: true, seed: 42)
        let second = DataLoader(dataset, batchSize: 6, shuffle: true, seed: 42)
        let epoch1 = epochIndices(first), epoch2 = epochIndices(first)
        #expect(epochIndices(second) == epoch1)
        #expect(epochIndices(second) == epoch2)
        #expect(epoch1 != epoch2)
        #expect(epoch1.flatMap { $0 } != Array(0..<20))
        #expect(epochIndices(DataLoader(dataset, batchSize: 6, shuffle: true, seed: 43)) != epoch1)
    }

    @Test func unseededShufflingStillVisitsEverySample() {
        // Without a seed the loader seeds itself from the global generator (see manualSeed); other tests running in
        // parallel draw from it too, so only the epoch's contents are checked here.
        let loader = DataLoader(indexedDataset(12), batchSize: 5, shuffle: true)
        #expect(epochIndices(loader).flatMap { $0 }.sorted() == Array(0..<12))
    }

    @Test func shufflingIsUniform() {
        // 6000 shuffles of 3 samples: each of the 6 orders should appear about 1000 times (σ ≈ 29).
        let loader = DataLoader(indexedDataset(3), batchSize: 3, shuffle: true, seed: 11)
        var counts: [[Int]: Int] = [:]
        for _ in 0..<6000 { counts[epochIndices(loader)[0], default: 0] += 1 }
        #expect(counts.count == 6)
        #expect(counts.values.allSatisfy { (850...1150).contains($0) }, "\(counts)")
    }

    @Test func docExample() {
        let x = Tensor<Float>.linspace(0, 1, steps: 10).reshape([10, 1])
        let loader = DataLoader(TensorDataset(features: x, targets: x * 2), batchSize: 4, shuffle: true, seed: 42)
        var sizes: [Int] = []
        for (xb, yb) in loader {
            #expect(yb.scalars == xb.scalars.map { $0 * 2 })
            sizes.append(xb.shape[0])
        }
        #expect(sizes == [4, 4, 2])
    }

    @Test func batchSizeMustBePositive() async {
        await #expect(processExitsWith: .failure) {
            _ = DataLoader(TensorDataset(features: Tensor<Double>.zeros([3]), targets: Tensor<Double>.zeros([3])), batchSize: 0)
        }
        await #expect(processExitsWith: .failure) {
            _ = DataLoader(TensorDataset(features: Tensor<Double>.zeros([3]), targets: Tensor<Double>.zeros([3])), batchSize: -2)
        }
    }
}

@Suite struct DataSplitTests {
    @Test func sizesDisjointAndCoveringEverything() throws {
        let split = try DataSplit(count: 100, validationFraction: 0.2, testFraction: 0.1, seed: 7)
        #expect(split.train.count == 70 && split.validation.count == 20 && split.test.count == 10)
        let all = split.train + split.validation + split.test
        #expect(all.sorted() == Array(0..<100))
        #expect(Set(split.train).isDisjoint(with: split.validation) && Set(split.train).isDisjoint(with: split.test))
        #expect(all != Array(0..<100))
    }

    @Test func reproducibleFromTheSeed() throws {
        let a = try DataSplit(count: 50, validationFraction: 0.3, seed: 1)
        #expect(try DataSplit(count: 50, validationFraction: 0.3, seed: 1) == a)
        #expect(try DataSplit(count: 50, validationFraction: 0.3, seed: 2) != a)
        #expect(a.test.isEmpty && a.validation.count == 15 && a.train.count == 35)
    }

    @Test func countsAreRounded() throws {
        // 10 · 0.25 = 2.5 rounds to 3; 10 · 0.14 = 1.4 rounds to 1.
        let split = try DataSplit(count: 10, validationFraction: 0.25, testFraction: 0.14, seed: 0)
        #expect(split.validation.count == 3 && split.test.count == 1 && split.train.count == 6)
    }

    @Test func datasetsFollowTheIndices() throws {
        let dataset = indexedDataset(30)
        let split = try DataSplit(count: 30, validationFraction: 0.2, testFraction: 0.2, seed: 4)
        let (train, validation, test) = dataset.split(split)
        #expect(train.targets.scalars == split.train.map { Double(1000 + $0) })
        #expect(validation.targets.scalars == split.validation.map { Double(1000 + $0) })
        #expect(test.targets.scalars == split.test.map { Double(1000 + $0) })
        #expect(validation.features.scalars == split.validation.flatMap { [Double($0), Double(100 + $0)] })
        let same = try dataset.randomSplit(validationFraction: 0.2, testFraction: 0.2, seed: 4)
        #expect(same.train.targets.scalars == train.targets.scalars)
    }

    @Test func docExample() throws {
        let x = Tensor<Float>.linspace(0, 1, steps: 50).reshape([50, 1])
        let (train, validation, test) = try TensorDataset(features: x, targets: x * 3).randomSplit(validationFraction: 0.2, seed: 1)
        #expect(train.count == 40 && validation.count == 10 && test.count == 0)
        #expect(test.features.shape == [0, 1])
    }

    @Test func badFractionsAreErrors() {
        for fraction in [0, 1, -0.1, 1.5] {
            #expect(throws: DataSplitError.fractionOutOfRange(split: "validation", fraction: fraction)) {
                try DataSplit(count: 10, validationFraction: fraction, seed: 0)
            }
        }
        for fraction in [-0.1, 1] {
            #expect(throws: DataSplitError.fractionOutOfRange(split: "test", fraction: fraction)) {
                try DataSplit(count: 10, validationFraction: 0.2, testFraction: fraction, seed: 0)
            }
        }
        #expect {
            try DataSplit(count: 10, validationFraction: .nan, seed: 0)
        } throws: { error in
            guard case let .fractionOutOfRange(split, fraction) = error as? DataSplitError else { return false }
            return split == "validation" && fraction.isNaN
        }
        #expect(throws: DataSplitError.noTrainingFraction(validation: 0.6, test: 0.4)) {
            try DataSplit(count: 10, validationFraction: 0.6, testFraction: 0.4, seed: 0)
        }
        #expect(DataSplitError.fractionOutOfRange(split: "validation", fraction: 1.5).description
                == "the validation fraction must be in (0, 1), got 1.5")
    }

    @Test func tooFewSamplesAreErrors() {
        #expect(throws: DataSplitError.emptySplit(split: "validation", sampleCount: 2)) {
            try DataSplit(count: 2, validationFraction: 0.2, seed: 0)
        }
        #expect(throws: DataSplitError.emptySplit(split: "test", sampleCount: 4)) {
            try DataSplit(count: 4, validationFraction: 0.5, testFraction: 0.1, seed: 0)
        }
        #expect(throws: DataSplitError.emptySplit(split: "training", sampleCount: 1)) {
            try DataSplit(count: 1, validationFraction: 0.5, seed: 0)
        }
        #expect(throws: DataSplitError.emptySplit(split: "validation", sampleCount: 0)) {
            try indexedDataset(0).randomSplit(validationFraction: 0.5, seed: 0)
        }
    }
}
