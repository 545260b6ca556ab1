import EmberBackend
import EmberCore
import EmberReference

extension Conformance {
    /// Checks the gradients of every differentiable op, computed through autograd on `backend`, in `Float` and
    /// `Double`.
    ///
    /// Each case builds seeded inputs, runs the forward pass and `backward(w)` with a seeded upstream gradient `w` on
    /// the backend under test (with `Backends.withBackend`) and on the reference backend, and compares the forward
    /// output and the gradient of every input (`Tolerance.elementwise`, or `Tolerance.accumulation` where the forward or
    /// backward pass sums over a broadcast or reduced length or a product's inner dimension). In `Double`, the
    /// backend's gradients are also compared with central finite differences computed on the same backend, so a
    /// backward formula that is wrong on every backend alike still fails.
    ///
    /// The ops: `+ - * /` (tensor–tensor with broadcasting in several positions, tensor–scalar on both sides), `neg`,
    /// `pow` (scalar and tensor exponent), `square`, `exp`, `log`, `sqrt`, `abs`, `relu`, `sigmoid`, `tanh`,
    /// `maximum`, `minimum`, `clamp`, `sum`/`mean` (all and along axes, `keepDim`), `max`/`min` (all and along an
    /// axis), `reshape`, `transpose`, `permute`, `t`, `expand`, `unsqueeze`/`squeeze`, `matmul` (2-D, 1-D forms,
    /// batched with a broadcast batch), the `Linear` layer, `MSELoss` and `L1Loss`; and the classification ops
    /// (`AutogradChecker+ClassificationOps.swift`): `softmax`, `logSoftmax`, `logsumexp`, `CrossEntropyLoss` (class
    /// indices with weights, `ignoreIndex` and label smoothing; probabilities; `[N, C, d]`), `NLLLoss`, subscripts,
    /// `narrow`, `cat`, `stack`, `split`, `chunk`, `gather`, `indexSelect`, `maxWithIndices`, `minWithIndices`, `topk`,
    /// `BCELoss`, `BCEWithLogitsLoss`, `HuberLoss`, `SmoothL1Loss`, `erf`, `gelu`, `leakyRelu`, `LayerNorm` and
    /// `BatchNorm1d`; and the convolution family (`AutogradChecker+Convolution.swift`): `conv2d` and `conv1d` across
    /// stride, padding (`.same` with odd and even kernels), dilation, groups and an empty batch, `maxPool2d` (padding,
    /// ceil mode, dilation), `avgPool2d`, `adaptiveAvgPool2d` and `BatchNorm2d`. Inputs stay away from kinks
    /// (`relu` and `abs` at 0, ties of `max`/`min`/`maximum`, `clamp` bounds, `log`/`sqrt` of non-positive values).
    ///
    /// Mismatches are reported under `"autograd.<op>"` (the forward output) and `"autograd.<op>.grad[<input>]"`,
    /// with the input shapes in the context.
    /// - Parameters:
    ///   - backend: The backend under test.
    ///   - seed: Seeds the input values and upstream gradients.
    ///   - includeLarge: Adds cases that reach the threaded paths of the built-in backends: a 384 × 384 product with
    ///     a broadcast column (whose gradient reduces 147,456 elements), `relu` on 384 × 384, `tanh` on 300 × 300
    ///     and a 128 × 256 · 256 × 64 `matmul` (2²¹ multiply–adds in the forward pass and in each backward product).
    /// - Returns: A report of every comparison.
    public static func checkAutograd(_ backend: any Backend, seed: UInt64 = defaultSeed,
                                     includeLarge: Bool = true) -> ConformanceReport {
        var report = ConformanceReport(backendName: backend.name)
        var float = AutogradChecker<Float>(backend: backend, seed: seed &+ 2, includeLarge: includeLarge, report: report)
        report = float.run()
        var double = AutogradChecker<Double>(backend: backend, seed: seed &+ 3, includeLarge: includeLarge,
                                             report: report)
        return double.run()
    }
}

/// Runs the autograd cases (`AutogradCases`) for one scalar type on the backend under test and on the reference.
struct AutogradChecker<T: TensorScalar> {
    let backend: any Backend
    let reference: any Backend = ReferenceBackend()
    var rng: SplitMix64
    var report: ConformanceReport
    let includeLarge: Bool

    init(backend: any Backend, seed: UInt64, includeLarge: Bool, report: ConformanceReport) {
        self.backend = backend
        self.rng = SplitMix64(seed: seed)
        self.includeLarge = includeLarge
        self.report = report
    }

    /// The finite-difference step.
    ///
    /// Central differences have a truncation error of about `h²/6 · |f'''|` ≈ 1e-13 for the smooth, moderately
    /// curved functions the cases use, and a rounding error of about `ε · Σ|w·f| / h` ≈ 1e-16 · 100 / 1e-6 = 1e-8
    /// over the outputs an element affects. `h = 1e-6` balances the two.
    static var step: Double { 1e-6 }

    /// Finite differences against autograd: `|numeric − autograd| ≤ 1e-6 · max(1, |numeric|, |autograd|)`.
    ///
    /// The two errors above stay below about 1e-8 · max(1, |value|) for these inputs, so 1e-6 leaves two orders of
    /// magnitude of room, while a wrong gradient (a missing factor, a wrong sign, a transposed or misrouted term)
    /// is off by a sizeable fraction of its value. The scale `max(1, |value|)` is relative for large gradients and
    /// absolute for small ones, whose finite difference still carries the rounding error of `f` itself.
    static var finiteDifferenceTolerance: Tolerance { Tolerance(relative: 1e-6, absolute: 1e-6) }

    /// Runs every case and returns the report.
    mutating func run() -> ConformanceReport {
        let cases = AutogradCases.all(T.self, includeLarge: includeLarge)
        // The same cases in `Double`, whose functions give the magnitudes of accumulated terms (see `magnitudes`).
        let twins = AutogradCases.all(Double.self, includeLarge: includeLarge)
        emberPrecondition(cases.count == twins.count, "autograd cases differ between scalar types")
        for (autogradCase, twin) in zip(cases, twins) { check(autogradCase, twin: twin) }
        return report
    }

    /// The result of one forward and backward pass.
    struct Pass<U: TensorScalar> {
        var shape: [Int]
        var output: [U]
        var gradients: [(shape: [Int], values: [U])?]
    }

    /// Runs `autogradCase` on `backend`: builds leaves that require grad from `inputs`, runs the function, and calls
    /// `backward` with the upstream gradient `weights(outputCount)`.
    static func pass<U: TensorScalar>(_ autogradCase: AutogradCase<U>, inputs: [[U]], on backend: any Backend,
                                      weights: (Int) -> [U]) -> Pass<U> {
        Backends.withBackend(backend) {
            withGrad {
                let leaves = zip(autogradCase.inputs, inputs).map { Tensor<U>($1, shape: $0.shape, requiresGrad: true) }
                let output = autogradCase.function(leaves)
                let shape = output.shape
                output.backward(Tensor<U>(weights(output.count), shape: shape))
                let sources = autogradCase.gradientSources?(leaves) ?? leaves
                return Pass(shape: shape, output: output.scalars,
                            gradients: sources.map { tensor in tensor.grad.map { ($0.shape, $0.scalars) } })
            }
        }
    }

    private mutating func check(_ autogradCase: AutogradCase<T>, twin: AutogradCase<Double>) {
        let inputs: [[T]] = autogradCase.inputs.map { convert($0.domain.draw($0.shape.reduce(1, *), &rng)) }
        let weightSeed = rng.next()
        // The upstream gradient: a signed magnitude in [0.5, 1.5] per output element, the same on every backend.
        let weights = { (count: Int) -> [T] in
            var draw = SplitMix64(seed: weightSeed)
            return convert(draw.values(count, .uniform(-1...1)).map { $0 < 0 ? $0 - 0.5 : $0 + 0.5 })
        }
        let expected = Self.pass(autogradCase, inputs: inputs, on: reference, weights: weights)
        let actual = Self.pass(autogradCase, inputs: inputs, on: backend, weights: weights)
        let name = "autograd.\(autogradCase.op)"
        let context = autogradCase.context
        let tolerances = autogradCase.tolerances(T.self)
        let magnitudes = autogradCase.length > 1
            ? Self.magnitudes(twin, inputs: inputs, weights: { convertToDouble(weights($0)) }) : nil

        // Forward output.
        guard expected.shape == actual.shape else {
            report.record(check: [mismatch(name, context + ", output shape \(actual.shape) instead of \(expected.shape)")])
            return
        }
        report.compare(kernel: name, context: context + ", output \(expected.shape)", expected: expected.output,
                       actual: actual.output, tolerance: tolerances.forward, magnitudes: magnitudes?.output,
                       inputs: { Self.describeInputs(inputs, outputCount: expected.output.count, at: $0) })

        // Gradients, against the reference.
        for k in expected.gradients.indices {
            let gradientName = "\(name).grad[\(k)]"
            guard let e = expected.gradients[k] else { continue }
            guard let a = actual.gradients[k], a.shape == e.shape else {
                let found = actual.gradients[k].map { "shape \($0.shape)" } ?? "none"
                report.record(check: [mismatch(gradientName, context + ", gradient \(found) instead of shape \(e.shape)")])
                continue
            }
            let values = inputs[k]
            report.compare(kernel: gradientName, context: context + ", gradient \(e.shape)", expected: e.values,
                           actual: a.values, tolerance: tolerances.gradient, magnitudes: magnitudes?.gradients[k],
                           inputs: { i in i < values.count ? "x \(describe(Double(values[i]), as: T.self))" : "" })
        }

        // Gradients, against central finite differences (in Double, on the backend under test).
        if T.self == Double.self && autogradCase.finiteDifferences {
            let numeric = finiteDifferences(autogradCase, inputs: inputs, weights: weights(expected.output.count))
            for k in numeric.indices {
                guard let numeric = numeric[k], let a = actual.gradients[k], a.values.count == numeric.count else {
                    continue   // a missing gradient was reported above
                }
                let values = inputs[k]
                report.compare(kernel: "\(name).grad[\(k)]",
                               context: context + ", gradient \(a.shape) vs central finite differences (h = 1e-6)",
                               expected: numeric, actual: convertToDouble(a.values),
                               tolerance: Self.finiteDifferenceTolerance,
                               inputs: { "x \(Double(values[$0]))" })
            }
        }
    }

    /// `Σ|termᵢ|` of each output element and each gradient element, for `Tolerance.accumulation`: the twin's function
    /// (by default the case's own function) run on the reference in `Double` with the absolute values of the inputs
    /// and of the upstream gradient. For sums, products and broadcasts every term then counts with its absolute
    /// value; cases where that does not hold (`maximum`, losses) give a function that bounds the terms from above.
    static func magnitudes(_ twin: AutogradCase<Double>, inputs: [[T]], weights: (Int) -> [Double])
        -> (output: [Double], gradients: [[Double]?]) {
        var absolute = twin
        if let magnitude = twin.magnitudeFunction { absolute.function = magnitude }
        let absInputs = inputs.map { values in values.map { Double($0).magnitude } }
        let pass = AutogradChecker<Double>.pass(absolute, inputs: absInputs, on: ReferenceBackend()) { count in
            weights(count).map(\.magnitude)
        }
        return (pass.output.map(\.magnitude), pass.gradients.map { $0?.values.map(\.magnitude) })
    }

    /// `∂(Σ w·f)/∂xᵢ ≈ Σⱼ wⱼ·(fⱼ(x + h·eᵢ) − fⱼ(x − h·eᵢ)) / ((x + h) − (x − h))` for every input element, computed on
    /// the backend under test without recording a graph. Differencing each output before weighting keeps the
    /// rounding error to the outputs that element affects (the others are computed identically and cancel exactly).
    private func finiteDifferences(_ autogradCase: AutogradCase<T>, inputs: [[T]], weights: [T]) -> [[Double]?] {
        let w = convertToDouble(weights)
        return Backends.withBackend(backend) {
            withNoGrad {
                var shifted = inputs
                func evaluate() -> [Double] {
                    let tensors = zip(autogradCase.inputs, shifted).map { Tensor<T>($1, shape: $0.shape) }
                    return convertToDouble(autogradCase.function(tensors).scalars)
                }
                return inputs.indices.map { k -> [Double]? in
                    inputs[k].indices.map { i in
                        let x = inputs[k][i]
                        let up = x + T(Self.step), down = x - T(Self.step)
                        shifted[k][i] = up
                        let plus = evaluate()
                        shifted[k][i] = down
                        let minus = evaluate()
                        shifted[k][i] = x
                        var sum = 0.0
                        for j in plus.indices { sum += w[j] * (plus[j] - minus[j]) }
                        return sum / (Double(up) - Double(down))
                    }
                }
            }
        }
    }

    /// The values of the inputs that produced output element `index`, for elementwise cases.
    private static func describeInputs(_ inputs: [[T]], outputCount: Int, at index: Int) -> String {
        inputs.enumerated().compactMap { k, values in
            values.count == outputCount && index < values.count
                ? "x\(k) \(describe(Double(values[index]), as: T.self))" : nil
        }.joined(separator: ", ")
    }

    private func mismatch(_ kernel: String, _ context: String) -> ConformanceMismatch {
        ConformanceMismatch(kernel: kernel, scalarType: T.typeName, context: context, index: 0, expected: 0, actual: 0)
    }
}

private func convertToDouble<T: TensorScalar>(_ values: [T]) -> [Double] {
    values.withUnsafeBufferPointer { convertToDouble($0) }
}
