import Ember
import EmberDistributed
import Foundation

/// `ember bench --workloads allreduce` (under `mpirun -np N`): the all-reduce's bus bandwidth over message sizes
/// from 4 KB to 64 MB, reported as nccl-tests does, and the time of one data-parallel step of the `mlp` workload
/// on 1 process and on all N.
///
/// nccl-tests' definitions: `algbw = bytes / time`, and `busbw = algbw · 2(n − 1)/n`, the bandwidth each link needs
/// in a ring all-reduce, comparable across process counts. The time of a size is the slowest process's mean over a
/// batch of calls, median of `repeats` batches.
struct AllReduceBench {
    let group: ProcessGroup
    let repeats: Int
    let json: Bool

    /// 4 KB, 8 KB, …, 64 MB.
    static let sizes = (0...14).map { 4096 << $0 }

    func run(backend: any Backend) throws {
        let n = group.worldSize
        if n == 1 {
            print("all-reduce: 1 process; run under `mpirun -np N` to measure the all-reduce bandwidth")
        } else {
            if !json {
                print("all-reduce of Float (sum) over \(n) processes, \(ProcessGroup.mpiLibraryVersion)")
                print("      size     time    algbw GB/s   busbw GB/s")
            }
            for bytes in Self.sizes {
                let seconds = allReduceSeconds(bytes: bytes)
                let algbw = Double(bytes) / seconds / 1e9, busbw = algbw * 2 * Double(n - 1) / Double(n)
                if json {
                    print(try encodeJSONLine(AllReduceResult(workload: "allreduce", processes: n, bytes: bytes,
                                                             seconds: seconds, algbwGbps: algbw, busbwGbps: busbw)))
                } else {
                    print(Self.bytesLabel(bytes).leftPadded(10) + "  " + Self.timeLabel(seconds).leftPadded(9)
                          + String(format: "  %11.2f  %11.2f", algbw, busbw))
                }
            }
        }
        let counts = n == 1 ? [1] : [1, n]
        var single: Double?
        for processes in counts {
            let seconds = mlpStepSeconds(processes: processes)
            single = single ?? seconds
            let result = DataParallelStepResult(workload: "ddp-mlp", backend: backend.name, processes: processes,
                                                threads: Threads.count, rowsPerProcess: 4096 / processes,
                                                seconds: seconds)
            if json {
                print(try encodeJSONLine(result))
            } else {
                if processes == counts.first {
                    print("data-parallel mlp step (4096x256x512x1, SGD, global batch 4096) on \(backend.name), "
                          + "\(Threads.count) thread(s) per process:")
                }
                let speedUp = (single ?? seconds) / seconds
                print("  \(processes) process\(processes == 1 ? ": " : "es:") \(Self.timeLabel(seconds))"
                      + (processes > 1 ? String(format: " (speed-up %.2f× over 1 process)", speedUp) : ""))
            }
        }
    }

    /// The slowest process's mean time of one all-reduce of `bytes`, median of `repeats` batches.
    private func allReduceSeconds(bytes: Int) -> Double {
        let buffer = Tensor<Float>.ones([bytes / MemoryLayout<Float>.stride])
        let calls = max(5, min(1000, (256 << 20) / bytes))
        group.allReduce(buffer)   // warm-up
        return median {
            group.barrier()
            let start = DispatchTime.now().uptimeNanoseconds
            for _ in 0..<calls { group.allReduce(buffer) }
            let mean = Tensor<Double>([Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9 / Double(calls)])
            group.allReduce(mean, op: .max)
            return mean.item()
        }
    }

    /// One SGD step of Linear(256, 512) → ReLU → Linear(512, 1) with MSE on a global batch of 4096 rows, split over
    /// the first `processes` ranks (gradients averaged over them); the others wait. Rank 0's time.
    private func mlpStepSeconds(processes: Int) -> Double {
        manualSeed(0)
        let x = Tensor<Float>.randn([4096, 256]), y = Tensor<Float>.randn([4096, 1])
        let model = Sequential<Float>(Linear(256, 512), ReLU(), Linear(512, 1))
        let active = group.rank < processes
        let rows = 4096 / processes
        let first = active ? group.rank * rows : 0
        let share = TensorDataset(features: x, targets: y).batch(Array(first..<(first + rows)))
        let ddp = processes > 1 ? DistributedDataParallel(model, group: group) : nil
        let optimizer = SGD(model.parameters(), lr: 0.01)
        let criterion = MSELoss()
        let steps = 10
        let seconds = median {
            group.barrier()
            let start = DispatchTime.now().uptimeNanoseconds
            if active {
                for _ in 0..<steps {
                    let loss = criterion(model(share.x), share.y)
                    optimizer.zeroGrad()
                    loss.backward()
                    ddp?.synchronizeGradients()
                    optimizer.step()
                }
            }
            return Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9 / Double(steps)
        }
        group.barrier()
        return seconds
    }

    private func median(_ body: () -> Double) -> Double {
        _ = body()
        let times = (0..<max(1, repeats)).map { _ in body() }.sorted()
        return times[times.count / 2]
    }

    static func bytesLabel(_ bytes: Int) -> String {
        bytes >= 1 << 20 ? "\(bytes >> 20) MB" : "\(bytes >> 10) KB"
    }

    static func timeLabel(_ seconds: Double) -> String {
        seconds >= 1e-3 ? String(format: "%.2f ms", seconds * 1e3) : String(format: "%.1f µs", seconds * 1e6)
    }
}

/// One all-reduce size of `ember bench --workloads allreduce --json`.
struct AllReduceResult: Encodable {
    var workload: String
    var processes: Int
    var bytes: Int
    var seconds: Double
    var algbwGbps: Double
    var busbwGbps: Double
}

/// The data-parallel `mlp` step of `ember bench --workloads allreduce --json`.
struct DataParallelStepResult: Encodable {
    var workload: String
    var backend: String
    var processes: Int
    var threads: Int
    var rowsPerProcess: Int
    var seconds: Double
}

extension String {
    func leftPadded(_ width: Int) -> String {
        count >= width ? self : String(repeating: " ", count: width - count) + self
    }
}
