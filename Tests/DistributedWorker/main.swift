// A program the EmberDistributed tests start under `mpirun -np 2`: each command exercises the process group on
// every rank and prints one JSON line per rank with what it saw; the tests check the lines.
//
//   DistributedWorker collectives          allReduce (sum, mean, max), broadcast, allGather, barrier; Float, Double
//   DistributedWorker ddp-adam float|double DDP + Adam against the single-process run, step by step
//   DistributedWorker exit-early           rank 1 shuts down after 3 all-reduces while rank 0 goes on
//   DistributedWorker crash                rank 1 dies from a signal while rank 0 waits in an all-reduce
import Ember
import EmberDistributed
import Foundation

/// Prints `fields` as one JSON object on its own line.
func report(_ fields: [String: Any]) {
    let data = try! JSONSerialization.data(withJSONObject: fields, options: [.sortedKeys])
    print(String(decoding: data, as: UTF8.self))
    fflush(nil)
}

/// Every collective on tensors whose values depend on the rank, so that a wrong sum or order shows.
func collectives<Scalar: TensorScalar>(_ group: ProcessGroup, _: Scalar.Type) -> [String: Any] {
    let r = Scalar(group.rank)
    let sum = Tensor<Scalar>([r + 1, 10 * r, -r], shape: [3]), mean = Tensor<Scalar>([r + 1, 10 * r, -r], shape: [3])
    let max = Tensor<Scalar>([r + 1, 10 * r, -r], shape: [3])
    group.allReduce(sum)
    group.allReduce(mean, op: .mean)
    group.allReduce(max, op: .max)
    let broadcast = Tensor<Scalar>([r, r * r], shape: [2])
    group.broadcast(broadcast, from: group.worldSize - 1)
    let gathered = group.allGather(Tensor<Scalar>([r, r + 0.5], shape: [1, 2]))
    group.barrier()
    // A buffer larger than one 25 MB bucket: 8 M elements.
    let large = Tensor<Scalar>.full([8 << 20], r + 1)
    group.allReduce(large)
    let expectedLarge = Scalar(group.worldSize * (group.worldSize + 1) / 2)
    return ["sum": sum.scalars.map(Double.init), "mean": mean.scalars.map(Double.init),
            "max": max.scalars.map(Double.init), "broadcast": broadcast.scalars.map(Double.init),
            "gathered": gathered.scalars.map(Double.init), "gathered_shape": gathered.shape,
            "large_ok": large.withUnsafeBufferPointer { $0.allSatisfy { $0 == expectedLarge } }]
}

/// y = X·w + 0.5 + noise, 96 rows of 5 features, the same on every rank.
func regression<Scalar: TensorScalar>(_: Scalar.Type) -> TensorDataset<Scalar> {
    var generator = RandomGenerator(seed: 2024)
    let x = Tensor<Scalar>.randn([96, 5], generator: &generator)
    let w = Tensor<Scalar>([1, -2, 0.5, 3, -1], shape: [5, 1])
    let y = x.matmul(w) + 0.5 + 0.1 * Tensor<Scalar>.randn([96, 1], generator: &generator)
    return TensorDataset(features: x, targets: y)
}

func makeModel<Scalar: TensorScalar>(_: Scalar.Type) -> Module<Scalar> {
    manualSeed(7)
    return Sequential<Scalar>(Linear(5, 16), Tanh(), Linear(16, 1))
}

/// Trains with Adam on batches of `globalBatch` rows over `epochs` epochs: alone on the whole batch when `group` is
/// nil, else on this rank's share through `DistributedDataParallel` (averaging the gradients when `synchronize`).
/// Returns the parameters after every step, flattened.
func trajectory<Scalar: TensorScalar>(_ dataset: TensorDataset<Scalar>, group: ProcessGroup?, synchronize: Bool,
                                      bucketCapacityMB: Double, buckets: inout Int) -> [[Scalar]] {
    let model = makeModel(Scalar.self)
    let ddp = group.map { DistributedDataParallel(model, group: $0, bucketCapacityMB: bucketCapacityMB) }
    buckets = ddp?.bucketCount ?? 0
    let replicas = group?.worldSize ?? 1
    let sampler = DistributedSampler(count: dataset.count, replicas: replicas, rank: group?.rank ?? 0, seed: 3)
    let globalBatch = 16
    let loader = DataLoader(dataset, batchSize: globalBatch / replicas, sampler: sampler)
    let optimizer = Adam(model.parameters(), lr: 0.01)
    let criterion = MSELoss()
    var steps: [[Scalar]] = []
    for epoch in 0..<3 {
        sampler.setEpoch(epoch)
        for (x, y) in loader {
            let loss = criterion(model(x), y)
            optimizer.zeroGrad()
            loss.backward()
            if synchronize { ddp?.synchronizeGradients() }
            optimizer.step()
            steps.append(model.parameters().flatMap(\.scalars))
        }
    }
    return steps
}

/// max |a − b| / max |b| over every step.
func relativeDifference<Scalar: TensorScalar>(_ a: [[Scalar]], _ b: [[Scalar]]) -> Double {
    var worst = 0.0
    for (x, y) in zip(a, b) {
        let scale = y.map { Double(abs($0)) }.max() ?? 1
        let difference = zip(x, y).map { Double(abs($0 - $1)) }.max() ?? 0
        worst = Swift.max(worst, difference / scale)
    }
    return worst
}

func ddpAdam<Scalar: TensorScalar>(_ group: ProcessGroup, _: Scalar.Type) -> [String: Any] {
    let dataset = regression(Scalar.self)
    var buckets = 0, unused = 0
    let alone = trajectory(dataset, group: nil, synchronize: false, bucketCapacityMB: 25, buckets: &unused)
    let parallel = trajectory(dataset, group: group, synchronize: true, bucketCapacityMB: 25, buckets: &unused)
    // Buckets of 256 bytes: several all-reduces per step, the same result.
    let bucketed = trajectory(dataset, group: group, synchronize: true, bucketCapacityMB: 256.0 / 1_048_576,
                              buckets: &buckets)
    let unsynchronized = trajectory(dataset, group: group, synchronize: false, bucketCapacityMB: 25, buckets: &unused)
    // The final parameters of every rank, to check they are the same on all.
    let final = group.allGather(Tensor<Scalar>(parallel.last!, shape: [parallel.last!.count])).scalars
    let count = parallel.last!.count
    let identical = (1..<group.worldSize).allSatisfy { Array(final[($0 * count)..<(($0 + 1) * count)]) == Array(final[0..<count]) }
    return ["steps": parallel.count, "single_steps": alone.count,
            "relative_difference": relativeDifference(parallel, alone),
            "bucketed_relative_difference": relativeDifference(bucketed, alone), "buckets": buckets,
            "unsynchronized_relative_difference": relativeDifference(unsynchronized, alone),
            "identical_across_ranks": identical]
}

let arguments = CommandLine.arguments.dropFirst()
let group = try ProcessGroup.initialize()
var fields: [String: Any] = ["rank": group.rank, "world_size": group.worldSize]
switch arguments.first {
case "collectives":
    fields["float"] = collectives(group, Float.self)
    fields["double"] = collectives(group, Double.self)
case "ddp-adam":
    fields.merge(arguments.dropFirst().first == "float" ? ddpAdam(group, Float.self) : ddpAdam(group, Double.self)) { $1 }
case "exit-early":
    let x = Tensor<Float>([1])
    for _ in 0..<(group.rank == 1 ? 3 : 1000) { group.allReduce(x) }
case "crash":
    let x = Tensor<Float>([1])
    group.allReduce(x)
    if group.rank == 1 { kill(getpid(), SIGKILL) }
    group.allReduce(x)
default:
    FileHandle.standardError.write(Data("usage: DistributedWorker collectives|ddp-adam float|double|exit-early|crash\n".utf8))
    group.abort(exitCode: 2)
}
report(fields)
group.shutdown()
