import EmberBackend
import EmberCore
import EmberReference

extension Conformance {
    /// Trains the same models from the same starting point on `backend` and on the reference backend, and compares
    /// the losses and parameters: the end-to-end path of forward, loss, backward, `zeroGrad` and the optimizer's
    /// in-place updates (`axpy`, `scale`, `copy`), which per-op checks do not reach.
    ///
    /// - The tutorial's run: `sampleLinearData(n: 100, slope: 2, intercept: 1, noise: 0.1)`, a model
    ///   `y = weight · x + bias` with explicit initial values, `MSELoss`, `SGD` with learning rate 0.1, 300 epochs.
    ///   Reported as `"training.tutorial.weight"`, `"training.tutorial.bias"` and `"training.tutorial.loss"` (the
    ///   loss of every epoch, then the final loss; the index is the epoch).
    /// - A `Linear(2, 8)`–`ReLU`–`Linear(8, 1)` network on 32 points, `MSELoss`, `SGD` with learning rate 0.05 and
    ///   momentum 0.9, 5 steps. Reported as `"training.mlp.<parameter>"` (such as `"training.mlp.0.weight"`) and
    ///   `"training.mlp.loss"`.
    ///
    /// Both run in `Float`, the tutorial's precision, under `TrainingChecker.tolerance`. Neither depends on the global
    /// random state: data and initial values come from `seed`.
    /// - Parameters:
    ///   - backend: The backend under test.
    ///   - seed: Seeds the data and the initial parameters.
    /// - Returns: A report of every comparison.
    public static func checkTraining(_ backend: any Backend, seed: UInt64 = defaultSeed) -> ConformanceReport {
        var checker = TrainingChecker(backend: backend, seed: seed,
                                      report: ConformanceReport(backendName: backend.name))
        checker.checkTutorial()
        checker.checkMLP()
        return checker.report
    }
}

/// Trains small models on the backend under test and on the reference, and compares the results.
struct TrainingChecker {
    let backend: any Backend
    let reference: any Backend = ReferenceBackend()
    var rng: SplitMix64
    var report: ConformanceReport

    init(backend: any Backend, seed: UInt64, report: ConformanceReport) {
        self.backend = backend
        self.rng = SplitMix64(seed: seed &+ 4)
        self.report = report
    }

    /// The tolerance for parameters and losses after training in `Float`: relative 1e-4, absolute 1e-6.
    ///
    /// Each step computes the gradient from sums over the 100 points (or the batch and hidden units), which a
    /// backend may round differently by a few ulp (`Tolerance.accumulation`). For the tutorial's model, SGD with
    /// learning rate 0.1 on the quadratic MSE is a contraction (the Hessian's eigenvalues are below 3, so
    /// `lr · λ < 2`): a difference introduced at one step shrinks at the following ones instead of growing, so after
    /// 300 steps the runs differ by at most the sum of the per-step differences, a few ulp times the step count:
    /// 300 × 3 × 6e-8 ≈ 5e-5 relative in the worst case, and in practice far less. Relative 1e-4 (about 840 ulp) covers
    /// that bound; a wrong update (a lost element, a wrong sign or scale, a skipped step) moves the parameters by
    /// a sizeable fraction of the step, orders of magnitude more. The 5-step MLP run stays well inside the same
    /// bound. The absolute floor 1e-6 covers parameters and losses that end near zero, where relative error means
    /// nothing.
    static let tolerance = Tolerance(relative: 1e-4, absolute: 1e-6)

    // MARK: - The tutorial

    /// `y = weight · x + bias` with parameters of shape `[1]`, like the tutorial's model.
    final class LinearModel: Module<Float> {
        let weight: Parameter<Float>
        let bias: Parameter<Float>

        init(weight: Float, bias: Float) {
            self.weight = Parameter(Tensor<Float>([weight]))
            self.bias = Parameter(Tensor<Float>([bias]))
            super.init()
        }

        override func forward(_ input: Tensor<Float>) -> Tensor<Float> { weight * input + bias }
    }

    struct TutorialRun {
        var weight: Float
        var bias: Float
        /// The loss of every epoch (before its step), then the loss after the last step.
        var losses: [Float]
    }

    static let epochs = 300

    mutating func checkTutorial() {
        let dataSeed = rng.next()
        // The data is made once, on the reference, so that both runs train on identical values.
        let (x, y) = Backends.withBackend(reference) {
            sampleLinearData(n: 100, slope: 2, intercept: 1, noise: 0.1, seed: dataSeed)
        }
        let (xs, ys) = (x.scalars, y.scalars)
        let initial = (weight: Float(rng.uniform(-1...1)), bias: Float(rng.uniform(-1...1)))
        let expected = Self.trainTutorial(xs, ys, initial: initial, on: reference)
        let actual = Self.trainTutorial(xs, ys, initial: initial, on: backend)
        let context = "tutorial: n 100, slope 2, intercept 1, noise 0.1, initial weight \(initial.weight), "
            + "bias \(initial.bias), MSELoss, SGD lr 0.1, \(Self.epochs) epochs"
        report.compare(kernel: "training.tutorial.weight", context: context, expected: [expected.weight],
                       actual: [actual.weight], tolerance: Self.tolerance)
        report.compare(kernel: "training.tutorial.bias", context: context, expected: [expected.bias],
                       actual: [actual.bias], tolerance: Self.tolerance)
        report.compare(kernel: "training.tutorial.loss", context: context + " (index = epoch)",
                       expected: expected.losses, actual: actual.losses, tolerance: Self.tolerance)
    }

    static func trainTutorial(_ xs: [Float], _ ys: [Float], initial: (weight: Float, bias: Float),
                              on backend: any Backend) -> TutorialRun {
        Backends.withBackend(backend) {
            withGrad {
                let x = Tensor<Float>(xs), y = Tensor<Float>(ys)
                let model = LinearModel(weight: initial.weight, bias: initial.bias)
                let optimizer = SGD(model.parameters(), lr: 0.1)
                let criterion = MSELoss()
                var losses: [Float] = []
                for _ in 0..<epochs {
                    let loss = criterion(model(x), y)
                    optimizer.zeroGrad()
                    loss.backward()
                    optimizer.step()
                    losses.append(loss.item())
                }
                losses.append(withNoGrad { criterion(model(x), y).item() })
                return TutorialRun(weight: model.weight.item(), bias: model.bias.item(), losses: losses)
            }
        }
    }

    // MARK: - A small MLP with momentum

    struct MLPRun {
        var parameters: [(name: String, values: [Float])]
        var losses: [Float]
    }

    static let mlpSteps = 5

    mutating func checkMLP() {
        let points = 32
        let inputs = rng.values(points * 2, .uniform(-1...1))
        // A smooth nonlinear target, so the hidden layer has something to fit.
        let targets = (0..<points).map { i -> Double in
            let (a, b) = (inputs[2 * i], inputs[2 * i + 1])
            return a * b + 0.5 * a
        }
        // Explicit initial parameters in PyTorch's default range ±1/√inFeatures, in the order of `parameters()`.
        let shapes = [[8, 2], [8], [1, 8], [1]]
        let bounds = [1 / 2.0.squareRoot(), 1 / 2.0.squareRoot(), 1 / 8.0.squareRoot(), 1 / 8.0.squareRoot()]
        let initial: [[Float]] = zip(shapes, bounds).map { shape, bound in
            rng.values(shape.reduce(1, *), .uniform(-bound...bound)).map { Float($0) }
        }
        let data = (x: inputs.map { Float($0) }, y: targets.map { Float($0) })
        let expected = Self.trainMLP(data, initial: initial, on: reference)
        let actual = Self.trainMLP(data, initial: initial, on: backend)
        let context = "mlp: Linear(2, 8), ReLU, Linear(8, 1), \(points) points, MSELoss, SGD lr 0.05 momentum 0.9, "
            + "\(Self.mlpSteps) steps"
        for (e, a) in zip(expected.parameters, actual.parameters) {
            report.compare(kernel: "training.mlp.\(e.name)", context: context, expected: e.values, actual: a.values,
                           tolerance: Self.tolerance)
        }
        report.compare(kernel: "training.mlp.loss", context: context + " (index = step)", expected: expected.losses,
                       actual: actual.losses, tolerance: Self.tolerance)
    }

    static func trainMLP(_ data: (x: [Float], y: [Float]), initial: [[Float]], on backend: any Backend) -> MLPRun {
        Backends.withBackend(backend) {
            withGrad {
                let points = data.y.count
                let x = Tensor<Float>(data.x, shape: [points, 2]), y = Tensor<Float>(data.y, shape: [points, 1])
                // Parameters in Sequential's order: 0.weight [8, 2], 0.bias [8], 2.weight [1, 8], 2.bias [1].
                let model = Sequential<Float>(
                    Linear(weight: Tensor(initial[0], shape: [8, 2]), bias: Tensor(initial[1])), ReLU(),
                    Linear(weight: Tensor(initial[2], shape: [1, 8]), bias: Tensor(initial[3])))
                let optimizer = SGD(model.parameters(), lr: 0.05, momentum: 0.9)
                let criterion = MSELoss()
                var losses: [Float] = []
                for _ in 0..<mlpSteps {
                    let loss = criterion(model(x), y)
                    optimizer.zeroGrad()
                    loss.backward()
                    optimizer.step()
                    losses.append(loss.item())
                }
                losses.append(withNoGrad { criterion(model(x), y).item() })
                return MLPRun(parameters: model.namedParameters().map { ($0.name, $0.parameter.scalars) },
                              losses: losses)
            }
        }
    }
}
