// The benchmark scripts/dependent_package.py builds in a package that depends on Ember as a user's package does.
// It prints one JSON object per result: GEMM 1024 (1 and 2 threads), add and sum of 1M Float elements (1 and 2
// threads) on the simd backend, and the README's tutorial loop, each the median of `repeats` runs after a warm-up.
import Ember
import Foundation

let repeats = CommandLine.arguments.dropFirst().first.flatMap { Int($0) } ?? 7

func seconds(_ body: () -> Void) -> Double {
    let start = ContinuousClock.now
    body()
    let elapsed = ContinuousClock.now - start
    return Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) * 1e-18
}

func median(_ body: () -> Void) -> Double {
    body()
    let samples = (0..<repeats).map { _ in seconds(body) }.sorted()
    return samples[samples.count / 2]
}

func report(_ name: String, threads: Int, seconds: Double, flops: Double? = nil) {
    var fields = "\"name\": \"\(name)\", \"threads\": \(threads), \"seconds\": \(seconds)"
    if let flops { fields += ", \"gflops\": \(flops / seconds / 1e9)" }
    print("{\(fields)}")
}

try Backends.setDefault("simd")
print("{\"simd_path\": \"\(SIMDKernelPath.selection)\", \"default_backend\": \"\(DefaultBackendRule.current)\"}")
manualSeed(0)
let n = 1024
let a = Tensor<Float>.randn([n, n]), b = Tensor<Float>.randn([n, n])
let x = Tensor<Float>.randn([1 << 20]), y = Tensor<Float>.randn([1 << 20])
for threads in [1, 2] {
    Threads.setCount(threads)
    report("gemm1024", threads: threads, seconds: median { withNoGrad { _ = a.matmul(b) } }, flops: 2 * pow(Double(n), 3))
    report("add1m", threads: threads, seconds: median { withNoGrad { _ = x + y } })
    report("sum1m", threads: threads, seconds: median { withNoGrad { _ = x.sum() } })
}

// The README's tutorial, as a user pastes it (without the prints).
Threads.setCount(1)
let (tx, ty) = sampleLinearData(n: 100, slope: 1, intercept: 0, noise: 0.1, seed: 42)

final class LinearRegression: Module<Float> {
    let weight = Parameter(Tensor<Float>.randn([1]))
    let bias = Parameter(Tensor<Float>.randn([1]))
    override func forward(_ x: Tensor<Float>) -> Tensor<Float> { weight * x + bias }
}

report("tutorial", threads: 1, seconds: median {
    let model = LinearRegression()
    let criterion = MSELoss()
    let optimizer = SGD(model.parameters(), lr: 0.1)
    for _ in 0..<1000 {
        let loss = criterion(model(tx), ty)
        optimizer.zeroGrad()
        loss.backward()
        optimizer.step()
    }
})
