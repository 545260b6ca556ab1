import Ember
@testable import EmberDistributed
import Foundation
import Testing

/// A group of one process (outside `mpirun`): collectives return their input, and DDP leaves gradients alone.
struct SingleProcessGroupTests {
    let group = ProcessGroup.single

    @Test func collectivesReturnTheirInput() {
        #expect(group.rank == 0 && group.worldSize == 1 && !group.usesMPI)
        for op in [ProcessGroup.ReduceOp.sum, .mean, .max] {
            let x = Tensor<Double>([1.5, -2, 3])
            group.allReduce(x, op: op)
            #expect(x.scalars == [1.5, -2, 3])
        }
        let y = Tensor<Float>([4, 5])
        group.broadcast(y, from: 0)
        #expect(y.scalars == [4, 5])
        let gathered = group.allGather(Tensor<Float>([[1, 2], [3, 4]]))
        #expect(gathered.shape == [1, 2, 2] && gathered.scalars == [1, 2, 3, 4])
        group.barrier()
    }

    @Test func dataParallelOnOneProcessKeepsTheGradientsAndNamesParametersLikePyTorch() {
        manualSeed(1)
        let model = Sequential<Float>(Linear(3, 4), ReLU(), Linear(4, 1))
        let ddp = DistributedDataParallel(model, group: group)
        #expect(ddp.namedParameters().map(\.name) == model.namedParameters().map { "module." + $0.name })
        let loss = ddp(Tensor<Float>.randn([5, 3])).sum()
        loss.backward()
        let before = model.parameters().map { $0.grad!.scalars }
        ddp.synchronizeGradients()
        #expect(model.parameters().map { $0.grad!.scalars } == before)
    }

    @Test func parametersAreBucketedInReverseOrderUpToTheCapacity() {
        manualSeed(1)
        // Parameters of 12, 4, 4 and 1 Float values (48, 16, 16, 4 bytes); reversed: 1, 4, 4, 12.
        let model = Sequential<Float>(Linear(3, 4), ReLU(), Linear(4, 1))
        #expect(DistributedDataParallel(model, group: group, bucketCapacityMB: 25).bucketCount == 1)
        // 40 bytes: [1, 4, 4] (36 bytes), then [12] alone (48 bytes, larger than a bucket).
        #expect(DistributedDataParallel(model, group: group, bucketCapacityMB: 40.0 / 1_048_576).bucketCount == 2)
        // 8 bytes: every parameter alone.
        #expect(DistributedDataParallel(model, group: group, bucketCapacityMB: 8.0 / 1_048_576).bucketCount == 4)
    }

    @Test func mpiIsStartedOnlyUnderALauncherAndTheTimeoutComesFromTheEnvironment() throws {
        #expect(!ProcessGroup.isLaunchedByMPI([:]))
        #expect(ProcessGroup.isLaunchedByMPI(["OMPI_COMM_WORLD_SIZE": "2"]))
        #expect(ProcessGroup.isLaunchedByMPI(["PMIX_RANK": "0"]))
        #expect(try ProcessGroup.parseTimeout([:]) == nil)
        #expect(try ProcessGroup.parseTimeout(["EMBER_DISTRIBUTED_TIMEOUT": " 2.5 "]) == .milliseconds(2500))
        for bad in ["soon", "0", "-3", "nan", "inf", ""] {
            #expect(throws: DistributedError.invalidTimeout(bad)) {
                try ProcessGroup.parseTimeout(["EMBER_DISTRIBUTED_TIMEOUT": bad])
            }
        }
    }

    @Test func emberReportsABadTimeoutAsOneLine() throws {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: MPIJob.executable("ember"))
        process.arguments = ["info"]
        process.environment = ProcessInfo.processInfo.environment.merging(["EMBER_DISTRIBUTED_TIMEOUT": "soon"]) { $1 }
        let err = Pipe()
        process.standardError = err
        process.standardOutput = FileHandle.nullDevice
        try process.run()
        let stderr = String(decoding: err.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        #expect(process.terminationStatus == 1)
        #expect(stderr == "error: EMBER_DISTRIBUTED_TIMEOUT must be a positive number of seconds, got \"soon\"\n")
    }
}
