import Ember
import Foundation

/// A training workload set up and ready to time: `body` runs `units` timed units (steps, or one epoch).
struct TimedTraining {
    let size: String
    let units: Int
    let body: () -> Void
}

/// The training workloads (`seed`, `linreg1m`, `mlp`, `classify`, `cnn`), eager or as compiled steps, and their
/// side-by-side timing for `ember bench --compile`.
extension BenchWorkload {
    /// The workload set up for timing. Each compiled run of `seed` and `linreg1m` makes a new compiled step, so its
    /// eager first call and its trace are timed too; the other workloads keep one compiled step across runs.
    /// - Parameter compiled: runs each training step through `compile(_:_:_:)`.
    func training(compiled: Bool) -> TimedTraining {
        switch self {
        case .seed:
            let (x, y) = sampleLinearData(n: 100, slope: 2, intercept: 1, noise: 0.1, seed: 0)
            return TimedTraining(size: "100x1000", units: 1) { Self.train(x: x, y: y, epochs: 1000, lr: 0.1, compiled: compiled) }
        case .linreg1m:
            let (x, y) = sampleLinearData(n: 1_000_000, slope: 2, intercept: 1, noise: 0.1, seed: 0)
            return TimedTraining(size: "1000000x20", units: 1) { Self.train(x: x, y: y, epochs: 20, lr: 0.1, compiled: compiled) }
        case .mlp:
            return TimedTraining(size: "4096x256x512x1", units: 10, body: Self.mlpSteps(10, compiled: compiled))
        case .classify:
            return TimedTraining(size: "10000x784x128x10", units: 1, body: Self.classifyEpoch(compiled: compiled))
        case .cnn:
            return TimedTraining(size: "64x1x28x28", units: 10, body: Self.cnnSteps(10, compiled: compiled))
        case .gemm, .add1:
            preconditionFailure("\(self) is not a training workload")
        }
    }

    /// The seconds per unit of the workload eager and compiled, timed in alternation (eager then compiled, then the
    /// other way round, and so on), so that both medians see the same machine state on a shared, noisy machine.
    func sideBySide(repeats: Int) -> (size: String, eager: Double, compiled: Double) {
        let eager = training(compiled: false), compiled = training(compiled: true)
        eager.body()
        compiled.body()
        var eagerTimes: [Double] = [], compiledTimes: [Double] = []
        for run in 0..<max(1, repeats) {
            for isCompiled in run % 2 == 0 ? [false, true] : [true, false] {
                let start = DispatchTime.now().uptimeNanoseconds
                (isCompiled ? compiled : eager).body()
                let seconds = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
                if isCompiled { compiledTimes.append(seconds) } else { eagerTimes.append(seconds) }
            }
        }
        func median(_ times: [Double]) -> Double { times.sorted()[times.count / 2] }
        return (eager.size, median(eagerTimes) / Double(eager.units), median(compiledTimes) / Double(compiled.units))
    }

    /// Full-batch SGD on `((w·x + b − y)²).mean()`, the tutorial's loop.
    private static func train(x: Tensor<Float>, y: Tensor<Float>, epochs: Int, lr: Float, compiled: Bool) {
        manualSeed(0)
        let model = RegressionModel(features: 1)
        let optimizer = SGD(model.parameters(), lr: lr)
        let criterion = MSELoss()
        if compiled {
            let step = compiledStep(model, optimizer) { criterion($0, $1) }
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

    /// One training step of `model` on `x` and `target`, eager or compiled, as a closure that runs it `steps` times.
    private static func steps<Target: CompiledStepInput>(
        _ steps: Int, compiled: Bool, _ model: Module<Float>, _ optimizer: SGD<Float>,
        _ loss: @escaping (Tensor<Float>, Target) -> Tensor<Float>, on batches: @escaping () -> [(Tensor<Float>, Target)]
    ) -> () -> Void {
        if compiled {
            let step = compiledStep(model, optimizer, loss)
            return { for _ in 0..<steps { for (x, target) in batches() { _ = step(x, target) } } }
        }
        return {
            for _ in 0..<steps {
                for (x, target) in batches() {
                    let value = loss(model(x), target)
                    optimizer.zeroGrad()
                    value.backward()
                    optimizer.step()
                }
            }
        }
    }

    /// Linear(256, 512) → ReLU → Linear(512, 1) with MSE and SGD(lr 0.01) on a 4096-row batch.
    private static func mlpSteps(_ count: Int, compiled: Bool) -> () -> Void {
        manualSeed(0)
        let x = Tensor<Float>.randn([4096, 256]), y = Tensor<Float>.randn([4096, 1])
        let model = Sequential<Float>(Linear(256, 512), ReLU(), Linear(512, 1))
        let criterion = MSELoss()
        return steps(count, compiled: compiled, model, SGD(model.parameters(), lr: 0.01),
                     { criterion($0, $1) }, on: { [(x, y)] })
    }

    /// One epoch of an MNIST-sized classifier: 10,000 random samples of 784 features with random labels in 0..<10,
    /// `Linear(784, 128) → ReLU → Linear(128, 10)`, cross-entropy, SGD(lr 0.1), 157 batches of 64 taken in order
    /// (the last one 16).
    private static func classifyEpoch(compiled: Bool) -> () -> Void {
        manualSeed(0)
        let n = 10_000, batch = 64
        let x = Tensor<Float>.randn([n, 784])
        var generator = RandomGenerator(seed: 0)
        let labels = (0..<n).map { _ in Int(generator.next() % 10) }
        let model = Sequential<Float>(Linear(784, 128), ReLU(), Linear(128, 10))
        let criterion = CrossEntropyLoss()
        return steps(1, compiled: compiled, model, SGD(model.parameters(), lr: 0.1), { criterion($0, $1) }) {
            stride(from: 0, to: n, by: batch).map { start in
                let length = min(batch, n - start)
                return (x.narrow(axis: 0, start: start, length: length), IndexTensor(Array(labels[start..<(start + length)])))
            }
        }
    }

    /// The LeNet-style `Conv2d(1, 16, 3, padding 1) → ReLU → MaxPool2d(2) → Conv2d(16, 32, 3, padding 1) → ReLU →
    /// MaxPool2d(2) → Flatten → Linear(1568, 128) → ReLU → Linear(128, 10)`, cross-entropy, SGD(lr 0.01), on a batch
    /// of 64 random 1 × 28 × 28 images with random labels in 0..<10.
    private static func cnnSteps(_ count: Int, compiled: Bool) -> () -> Void {
        manualSeed(0)
        let x = Tensor<Float>.randn([64, 1, 28, 28])
        var generator = RandomGenerator(seed: 0)
        let labels = IndexTensor((0..<64).map { _ in Int(generator.next() % 10) })
        let model = Sequential<Float>.leNet(inputShape: (1, 28, 28), channels: [16, 32], hidden: [128], classes: 10)
        let criterion = CrossEntropyLoss()
        return steps(count, compiled: compiled, model, SGD(model.parameters(), lr: 0.01),
                     { criterion($0, $1) }, on: { [(x, labels)] })
    }
}
