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
    /// - Parameter compiled: runs each training step through `compile(_:_:_:)` (training workloads only).
    func run(repeats: Int, compiled: Bool = false) -> [(size: String, seconds: Double, flops: Double?)] {
        switch self {
        case .seed:
            let (x, y) = sampleLinearData(n: 100, slope: 2, intercept: 1, noise: 0.1, seed: 0)
            return [("100x1000", median(repeats) { train(x: x, y: y, epochs: 1000, lr: 0.1, compiled: compiled) }, nil)]
        case .linreg1m:
            let (x, y) = sampleLinearData(n: 1_000_000, slope: 2, intercept: 1, noise: 0.1, seed: 0)
            return [("1000000x20", median(repeats) { train(x: x, y: y, epochs: 20, lr: 0.1, compiled: compiled) }, nil)]
        case .mlp:
            return [("4096x256x512x1", mlpStep(repeats: repeats, compiled: compiled), nil)]
        case .classify:
            return [("10000x784x128x10", classifyEpoch(repeats: repeats, compiled: compiled), nil)]
        case .cnn:
            return [("64x1x28x28", cnnStep(repeats: repeats, compiled: compiled), nil)]
        case .gemm:
            return [64, 256, 1024].map { n in
                let a = Tensor<Float>.randn([n, n]), b = Tensor<Float>.randn([n, n])
                let calls = max(1, 200_000_000 / (n * n * n))
                let seconds = median(repeats) { withNoGrad { for _ in 0..<calls { _ = a.matmul(b) } } } / Double(calls)
                return ("\(n)", seconds, 2 * Double(n * n * n))
            }
        case .add1:
            let a = Tensor<Float>([1]), b = Tensor<Float>([2])
            let ops = 200_000
            let seconds = median(repeats) { for _ in 0..<ops { _ = a + b } } / Double(ops)
            return [("1", seconds, nil)]
        }
    }

    /// Full-batch SGD on `((w·x + b − y)²).mean()`, the tutorial's loop (compiled: a new compiled step per run, so
    /// its eager first call and its trace are timed too).
    private func train(x: Tensor<Float>, y: Tensor<Float>, epochs: Int, lr: Float, compiled: Bool) {
        manualSeed(0)
        let model = RegressionModel(features: 1)
        let optimizer = SGD(model.parameters(), lr: lr)
        let criterion = MSELoss()
        if compiled {
            let step = Self.compiledStep(model, optimizer) { criterion($0, $1) }
            for _ in 0..<epochs { _ = step(x, y) }
            return
        }
        for _ in 0..<epochs {
            let loss = criterion(model(x), y)
            optimizer.zeroGrad()
            loss.backward()
            optimizer.step()
        }
    }

    /// `compile` of forward, `loss`, `zeroGrad`, backward and `step`.
    private static func compiledStep<Target: CompiledStepInput>(
        _ model: Module<Float>, _ optimizer: SGD<Float>, _ loss: @escaping (Tensor<Float>, Target) -> Tensor<Float>
    ) -> CompiledStep<Float, Target> {
        compile(model, optimizer) { (x: Tensor<Float>, y: Target) in
            let value = loss(model(x), y)
            optimizer.zeroGrad()
            value.backward()
            optimizer.step()
            return value
        }
    }

    /// One step of Linear(256, 512) → ReLU → Linear(512, 1) with MSE and SGD(lr 0.01) on a 4096-row batch.
    private func mlpStep(repeats: Int, compiled: Bool) -> Double {
        manualSeed(0)
        let x = Tensor<Float>.randn([4096, 256]), y = Tensor<Float>.randn([4096, 1])
        let model = Sequential<Float>(Linear(256, 512), ReLU(), Linear(512, 1))
        let optimizer = SGD(model.parameters(), lr: 0.01)
        let criterion = MSELoss()
        let steps = 10
        if compiled {
            let step = Self.compiledStep(model, optimizer) { criterion($0, $1) }
            return median(repeats) { for _ in 0..<steps { _ = step(x, y) } } / Double(steps)
        }
        return median(repeats) {
            for _ in 0..<steps {
                let loss = criterion(model(x), y)
                optimizer.zeroGrad()
                loss.backward()
                optimizer.step()
            }
        } / Double(steps)
    }

    /// One epoch of an MNIST-sized classifier: 10,000 random samples of 784 features with random labels in 0..<10,
    /// `Linear(784, 128) → ReLU → Linear(128, 10)`, cross-entropy, SGD(lr 0.1), 157 batches of 64 taken in order
    /// (the last one 16).
    private func classifyEpoch(repeats: Int, compiled: Bool) -> Double {
        manualSeed(0)
        let n = 10_000, batch = 64
        let x = Tensor<Float>.randn([n, 784])
        var generator = RandomGenerator(seed: 0)
        let labels = (0..<n).map { _ in Int(generator.next() % 10) }
        let model = Sequential<Float>(Linear(784, 128), ReLU(), Linear(128, 10))
        let optimizer = SGD(model.parameters(), lr: 0.1)
        let criterion = CrossEntropyLoss()
        if compiled {
            let step = Self.compiledStep(model, optimizer) { (logits, labels: IndexTensor) in criterion(logits, labels) }
            return median(repeats) {
                for start in stride(from: 0, to: n, by: batch) {
                    let length = min(batch, n - start)
                    _ = step(x.narrow(axis: 0, start: start, length: length), IndexTensor(Array(labels[start..<(start + length)])))
                }
            }
        }
        return median(repeats) {
            for start in stride(from: 0, to: n, by: batch) {
                let length = min(batch, n - start)
                let loss = criterion(model(x.narrow(axis: 0, start: start, length: length)),
                                     IndexTensor(Array(labels[start..<(start + length)])))
                optimizer.zeroGrad()
                loss.backward()
                optimizer.step()
            }
        }
    }

    /// One step of the LeNet-style `Conv2d(1, 16, 3, padding 1) → ReLU → MaxPool2d(2) → Conv2d(16, 32, 3, padding 1)
    /// → ReLU → MaxPool2d(2) → Flatten → Linear(1568, 128) → ReLU → Linear(128, 10)`, cross-entropy, SGD(lr 0.01), on
    /// a batch of 64 random 1 × 28 × 28 images with random labels in 0..<10.
    private func cnnStep(repeats: Int, compiled: Bool) -> Double {
        manualSeed(0)
        let x = Tensor<Float>.randn([64, 1, 28, 28])
        var generator = RandomGenerator(seed: 0)
        let labels = IndexTensor((0..<64).map { _ in Int(generator.next() % 10) })
        let model = Sequential<Float>.leNet(inputShape: (1, 28, 28), channels: [16, 32], hidden: [128], classes: 10)
        let optimizer = SGD(model.parameters(), lr: 0.01)
        let criterion = CrossEntropyLoss()
        let steps = 10
        if compiled {
            let step = Self.compiledStep(model, optimizer) { (logits, labels: IndexTensor) in criterion(logits, labels) }
            return median(repeats) { for _ in 0..<steps { _ = step(x, labels) } } / Double(steps)
        }
        return median(repeats) {
            for _ in 0..<steps {
                let loss = criterion(model(x), labels)
                optimizer.zeroGrad()
                loss.backward()
                optimizer.step()
            }
        } / Double(steps)
    }

    /// The median wall time of `repeats` runs of `body`, after one untimed warm-up run.
    private func median(_ repeats: Int, _ body: () -> Void) -> Double {
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
