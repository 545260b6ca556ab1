import Ember
import Foundation

/// One timed result of `ember bench`.
struct BenchResult: Encodable {
    var backend: String
    var workload: String
    var size: String
    var threads: Int
    /// The whole workload, or one step for `mlp` and `cnn`, one epoch for `classify`, one op for `add1`.
    var seconds: Double
    var gflops: Double?
    var peakRssMib: Double?
    /// Whether the workload ran as a compiled step (`ember bench --compile`).
    var compiled = false
}

/// The benchmark workloads, mirrored line for line by `scripts/pytorch_workloads.py`, so that each ratio to
/// PyTorch is like for like. Each returns the median of `repeats` timed runs after one warm-up run.
enum BenchWorkload: String, CaseIterable {
    case seed, linreg1m, mlp, classify, cnn, gemm, add1

    /// The workloads that are training loops, which `--compile` also runs as compiled steps.
    var isCompilable: Bool { [.seed, .linreg1m, .mlp, .classify, .cnn].contains(self) }

    /// Runs the workload and returns (size label, seconds, flops per timed unit or nil) for each size.
    func run(repeats: Int) -> [(size: String, seconds: Double, flops: Double?)] {
        switch self {
        case .seed, .linreg1m, .mlp, .classify, .cnn:
            let timed = training(compiled: false)
            return [(timed.size, Self.median(repeats, timed.body) / Double(timed.units), nil)]
        case .gemm:
            return [64, 256, 1024].map { n in
                let a = Tensor<Float>.randn([n, n]), b = Tensor<Float>.randn([n, n])
                let calls = max(1, 200_000_000 / (n * n * n))
                let seconds = Self.median(repeats) { withNoGrad { for _ in 0..<calls { _ = a.matmul(b) } } } / Double(calls)
                return ("\(n)", seconds, 2 * Double(n * n * n))
            }
        case .add1:
            let a = Tensor<Float>([1]), b = Tensor<Float>([2])
            let ops = 200_000
            let seconds = Self.median(repeats) { for _ in 0..<ops { _ = a + b } } / Double(ops)
            return [("1", seconds, nil)]
        }
    }

    /// The median wall time of `repeats` runs of `body`, after one untimed warm-up run.
    static func median(_ repeats: Int, _ body: () -> Void) -> Double {
        body()
        var times: [Double] = []
        for _ in 0..<max(1, repeats) {
            let start = DispatchTime.now().uptimeNanoseconds
            body()
            times.append(Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9)
        }
        times.sort()
        return times[times.count / 2]
    }
}
