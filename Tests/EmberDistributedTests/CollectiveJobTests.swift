import Foundation
import Testing

/// The process group's collectives and `DistributedDataParallel` on two real MPI processes (`mpirun -np 2`).
@Suite(.serialized, .enabled(if: MPIJob.mpirun != nil, Comment(rawValue: MPIJob.missingMessage)))
struct CollectiveJobTests {
    @Test func collectivesCombineBothRanksInFloatAndDouble() throws {
        let job = try MPIJob.run("DistributedWorker", ["collectives"])
        #expect(job.status == 0 && !job.timedOut, "\(job.stderr)")
        for rank in 0..<2 {
            let json = try #require(job.json(rank: rank), "rank \(rank): \(job.stdout)")
            #expect(json["world_size"] as? Int == 2)
            for scalar in ["float", "double"] {
                let values = try #require(json[scalar] as? [String: Any])
                // Rank r contributes [r + 1, 10r, −r].
                #expect(values["sum"] as? [Double] == [3, 10, -1], "\(scalar) sum on rank \(rank)")
                #expect(values["mean"] as? [Double] == [1.5, 5, -0.5], "\(scalar) mean on rank \(rank)")
                #expect(values["max"] as? [Double] == [2, 10, 0], "\(scalar) max on rank \(rank)")
                // Rank 1 broadcasts [1, 1²]; every rank gathers [r, r + 0.5] in rank order.
                #expect(values["broadcast"] as? [Double] == [1, 1], "\(scalar) broadcast on rank \(rank)")
                #expect(values["gathered"] as? [Double] == [0, 0.5, 1, 1.5], "\(scalar) allGather on rank \(rank)")
                #expect(values["gathered_shape"] as? [Int] == [2, 1, 2])
                #expect(values["large_ok"] as? Bool == true, "\(scalar) 8M-element all-reduce on rank \(rank)")
            }
        }
    }

    @Test(arguments: [("double", 1e-12), ("float", 1e-5)])
    func dataParallelAdamFollowsTheSingleProcessTrajectoryStepByStep(scalar: String, tolerance: Double) throws {
        let job = try MPIJob.run("DistributedWorker", ["ddp-adam", scalar])
        #expect(job.status == 0 && !job.timedOut, "\(job.stderr)")
        for rank in 0..<2 {
            let json = try #require(job.json(rank: rank), "rank \(rank): \(job.stdout)")
            // 96 rows, global batch 16, 3 epochs: 18 steps in both runs.
            #expect(json["steps"] as? Int == 18 && json["single_steps"] as? Int == 18)
            let difference = try #require(json["relative_difference"] as? Double)
            #expect(difference <= tolerance, "\(scalar) rank \(rank): DDP differs from one process by \(difference)")
            let bucketed = try #require(json["bucketed_relative_difference"] as? Double)
            #expect(bucketed <= tolerance, "\(scalar) rank \(rank): 256-byte buckets differ by \(bucketed)")
            #expect((json["buckets"] as? Int ?? 0) >= 2, "256-byte buckets must split the 385 parameters")
            #expect(json["identical_across_ranks"] as? Bool == true)
            // The check can fail: without averaging, each rank follows its own half of the data.
            let unsynchronized = try #require(json["unsynchronized_relative_difference"] as? Double)
            #expect(unsynchronized > 1e-2, "unsynchronized ranks should diverge, differ by \(unsynchronized)")
        }
    }

    @Test func aRankThatExitsEarlyEndsTheJobWithAMessageFromRankZero() throws {
        let job = try MPIJob.run("DistributedWorker", ["exit-early"], timeLimit: 60, collectiveTimeout: 3)
        #expect(job.status != 0)
        #expect(!job.timedOut && job.seconds < 50, "the job took \(job.seconds) s")
        #expect(job.stderr.contains("error: rank 0 of 2: allReduce"), "\(job.stderr)")
        #expect(job.stderr.contains("waited more than 3.0 s for the other processes"), "\(job.stderr)")
    }

    @Test func aRankKilledBySignalEndsTheJob() throws {
        let job = try MPIJob.run("DistributedWorker", ["crash"], timeLimit: 60)
        #expect(job.status != 0)
        #expect(!job.timedOut && job.seconds < 50, "the job took \(job.seconds) s")
        #expect(job.stderr.contains("rank 1") && job.stderr.contains("signal 9"), "\(job.stderr)")
    }
}
