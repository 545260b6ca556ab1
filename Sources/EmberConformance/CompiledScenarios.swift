import EmberBackend
import EmberCore

/// The training runs `Conformance.checkCompiled` makes twice, eagerly and compiled.
struct CompiledScenarios {
    /// What one run produced: every step's loss, the final parameters flattened, and how many calls replayed.
    struct Outcome {
        var losses: [Float] = []
        var parameters: [Float] = []
        var replays = 0
    }

    /// A named run; `run(compiled)` starts from the same seeded state every time.
    struct Scenario {
        let name: String
        let run: (Bool) -> Outcome
    }

    static func all(seed: UInt64) -> [Scenario] {
        [
            Scenario(name: "tutorial") { tutorial(seed: seed, compiled: $0, scheduled: false) },
            Scenario(name: "mlp") { mlp(seed: seed, compiled: $0) },
            Scenario(name: "classifier") { classifier(seed: seed, compiled: $0) },
            Scenario(name: "scheduler") { tutorial(seed: seed, compiled: $0, scheduled: true) },
            Scenario(name: "cnn") { cnn(seed: seed, compiled: $0) },
        ] + elementwisePrograms(seed: seed)
    }

    /// `count` values in `[-1, 1)` from `rng`.
    static func values(_ count: Int, _ rng: inout SplitMix64) -> [Float] {
        (0..<count).map { _ in Float(rng.uniform(-1...1)) }
    }

    /// Overwrites every parameter of `model` with values from `rng`.
    static func initialize(_ model: Module<Float>, _ rng: inout SplitMix64) {
        for parameter in model.parameters() {
            let fresh = values(parameter.count, &rng)
            parameter.withUnsafeMutableBufferPointer { for i in $0.indices { $0[i] = fresh[i] } }
        }
    }

    static func tutorial(seed: UInt64, compiled: Bool, scheduled: Bool) -> Outcome {
        var rng = SplitMix64(seed: seed &+ 11)
        let model = TrainingChecker.LinearModel(weight: Float(rng.uniform(-1...1)), bias: 0)
        let xs = values(100, &rng)
        let x = Tensor<Float>(xs)
        let y = Tensor<Float>(xs.map { 2 * $0 + 1 }) + Tensor<Float>(values(100, &rng)) * 0.1
        let optimizer = SGD(model.parameters(), lr: 0.1)
        let scheduler = StepLR(optimizer, stepSize: 3, gamma: 0.5)
        let criterion = MSELoss()
        let step = compile(model, optimizer, enabled: compiled) { (x: Tensor<Float>, y: Tensor<Float>) in
            let loss = criterion(model(x), y)
            optimizer.zeroGrad()
            loss.backward()
            optimizer.step()
            if scheduled { scheduler.step() }
            return loss
        }
        var outcome = Outcome()
        for _ in 0..<(scheduled ? 12 : 40) { outcome.losses.append(step(x, y).item()) }
        outcome.parameters = model.parameters().flatMap(\.scalars)
        outcome.replays = step.replayedCalls
        return outcome
    }

    static func mlp(seed: UInt64, compiled: Bool) -> Outcome {
        var rng = SplitMix64(seed: seed &+ 12)
        let model = Sequential<Float>([Linear(2, 8), ReLU(), Linear(8, 1)])
        initialize(model, &rng)
        let x = Tensor<Float>(values(64, &rng), shape: [32, 2])
        let y = Tensor<Float>(values(32, &rng), shape: [32, 1])
        let optimizer = SGD(model.parameters(), lr: 0.05, momentum: 0.9)
        let criterion = MSELoss()
        let step = compile(model, optimizer, enabled: compiled) { (x: Tensor<Float>, y: Tensor<Float>) in
            let loss = criterion(model(x), y)
            optimizer.zeroGrad()
            loss.backward()
            optimizer.step()
            return loss
        }
        var outcome = Outcome()
        for _ in 0..<20 { outcome.losses.append(step(x, y).item()) }
        outcome.parameters = model.parameters().flatMap(\.scalars)
        outcome.replays = step.replayedCalls
        return outcome
    }

    static func classifier(seed: UInt64, compiled: Bool) -> Outcome {
        var rng = SplitMix64(seed: seed &+ 13)
        let model = Sequential<Float>([Linear(4, 16), ReLU(), Linear(16, 3)])
        initialize(model, &rng)
        let batches: [(Tensor<Float>, IndexTensor)] = [8, 8, 8, 5].map { n in
            (Tensor<Float>(values(n * 4, &rng), shape: [n, 4]), IndexTensor((0..<n).map { _ in rng.int(in: 0...2) }))
        }
        let optimizer = Adam(model.parameters(), lr: 0.01)
        let criterion = CrossEntropyLoss()
        let step = compile(model, optimizer, enabled: compiled) { (x: Tensor<Float>, y: IndexTensor) in
            let loss = criterion(model(x), y)
            optimizer.zeroGrad()
            loss.backward()
            optimizer.step()
            return loss
        }
        var outcome = Outcome()
        for i in 0..<16 {
            let (x, y) = batches[i % batches.count]
            outcome.losses.append(step(x, y).item())
        }
        outcome.parameters = model.parameters().flatMap(\.scalars)
        outcome.replays = step.replayedCalls
        return outcome
    }

    /// Convolution, batch normalisation (its running statistics updated at every step), max and average pooling,
    /// cross-entropy and SGD with momentum on 6 images of 1×8×8.
    static func cnn(seed: UInt64, compiled: Bool) -> Outcome {
        var rng = SplitMix64(seed: seed &+ 14)
        let model = Sequential<Float>([
            Conv2d(1, 4, kernelSize: 3, padding: 1), BatchNorm2d(4), ReLU(), MaxPool2d(kernelSize: 2),
            Conv2d(4, 4, kernelSize: 3, padding: .same), ReLU(), AvgPool2d(kernelSize: 2),
            Flatten(), Linear(16, 3),
        ])
        initialize(model, &rng)
        let x = Tensor<Float>(values(6 * 64, &rng), shape: [6, 1, 8, 8])
        let y = IndexTensor((0..<6).map { _ in rng.int(in: 0...2) })
        let optimizer = SGD(model.parameters(), lr: 0.05, momentum: 0.9)
        let criterion = CrossEntropyLoss()
        let step = compile(model, optimizer, enabled: compiled) { (x: Tensor<Float>, y: IndexTensor) in
            let loss = criterion(model(x), y)
            optimizer.zeroGrad()
            loss.backward()
            optimizer.step()
            return loss
        }
        var outcome = Outcome()
        for _ in 0..<10 { outcome.losses.append(step(x, y).item()) }
        outcome.parameters = model.parameters().flatMap(\.scalars) + model.namedBuffers().flatMap(\.buffer.scalars)
        outcome.replays = step.replayedCalls
        return outcome
    }
}
