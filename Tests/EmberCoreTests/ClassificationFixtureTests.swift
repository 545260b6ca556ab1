import Ember
import Testing

/// PyTorch's values and gradients (`Fixtures/classification.json`) against Ember's, on every built-in backend, in
/// Double: relative 1e-9 (plus 1e-12 absolute for values that are zero up to rounding).
@Suite struct ClassificationFixtureTests {
    static let cases = (try? ClassificationFixture.load("classification")) ?? []

    @Test func fixturesLoad() {
        #expect(Self.cases.count >= 60)
    }

    @Test(arguments: cases) func matchesPyTorch(_ fixture: ClassificationFixture) throws {
        for name in ["reference", "simd", "cblas"] {
            try Backends.withBackend(name) {
                let leaves = fixture.inputs.map { Tensor<Double>($0.values, shape: $0.shape, requiresGrad: true) }
                let outcome = try #require(Self.run(fixture, leaves), "no Swift op for '\(fixture.op)'")
                let output = outcome.output
                #expect(output.shape == fixture.output.shape, "\(name): \(fixture.name) output shape")
                expectClose(output.scalars, fixture.output.values, "\(name): \(fixture.name) output")
                if let expected = fixture.outputIndices {
                    #expect(outcome.indices == expected.tensor, "\(name): \(fixture.name) indices")
                }
                for (actual, expected) in outcome.extra {
                    expectClose(actual.scalars, expected.values, "\(name): \(fixture.name) state")
                }
                guard output.requiresGrad else { return }
                output.backward(fixture.upstream.tensor)
                for (k, expected) in fixture.grads.enumerated() {
                    guard let expected else { continue }
                    let grad = try #require((outcome.gradientSources ?? leaves)[k].grad, "\(name): \(fixture.name) has no gradient for input \(k)")
                    #expect(grad.shape == expected.shape, "\(name): \(fixture.name) grad[\(k)] shape")
                    expectClose(grad.scalars, expected.values, "\(name): \(fixture.name) grad[\(k)]")
                }
            }
        }
    }

    /// The Ember op a fixture names, applied to `x`.
    static func run(_ f: ClassificationFixture, _ x: [Tensor<Double>]) -> FixtureOutcome? {
        if let layer = ClassificationLayerFixtures.run(f, x) { return layer }
        let axis = f.axis ?? 0
        let result: (Tensor<Double>, IndexTensor?)?
        switch f.op {
        case "softmax": result = (x[0].softmax(axis: axis), nil)
        case "logSoftmax": result = (x[0].logSoftmax(axis: axis), nil)
        case "logsumexp": result = (x[0].logsumexp(axis: axis, keepDim: f.keepDim ?? false), nil)
        case "crossEntropy":
            let loss = CrossEntropyLoss(weight: f.weight, ignoreIndex: f.ignoreIndex ?? -100,
                                        labelSmoothing: f.labelSmoothing ?? 0, reduction: f.lossReduction)
            result = (loss(x[0], f.indices!.tensor), nil)
        case "crossEntropyProbabilities":
            let loss = CrossEntropyLoss(weight: f.weight, labelSmoothing: f.labelSmoothing ?? 0,
                                        reduction: f.lossReduction)
            result = (loss(x[0], x[1]), nil)
        case "nllLoss":
            let loss = NLLLoss(weight: f.weight, ignoreIndex: f.ignoreIndex ?? -100, reduction: f.lossReduction)
            result = (loss(x[0], f.indices!.tensor), nil)
        case "gather": result = (x[0].gather(axis: axis, f.indices!.tensor), nil)
        case "indexSelect": result = (x[0].indexSelect(axis: axis, f.indices!.tensor), nil)
        case "maxWithIndices": result = x[0].maxWithIndices(axis: axis)
        case "minWithIndices": result = x[0].minWithIndices(axis: axis)
        case "topk": result = x[0].topk(f.k!, axis: axis, largest: f.largest ?? true)
        case "index": result = subscripted(x[0], f.expr!).map { ($0, nil) }
        case "narrow": result = (x[0].narrow(axis: axis, start: f.start!, length: f.length!), nil)
        case "cat": result = (Tensor.cat(x, axis: axis), nil)
        case "stack": result = (Tensor.stack(x, axis: axis), nil)
        case "split": result = (Tensor.cat(x[0].split(sizes: f.sizes!, axis: axis).map { $0.flatten() }), nil)
        case "chunk": result = (Tensor.cat(x[0].chunk(f.chunks!, axis: axis).map { $0.flatten() }), nil)
        default: result = nil
        }
        return result.map { FixtureOutcome(output: $0.0, indices: $0.1) }
    }

    /// The Swift spelling of each PyTorch index expression in the fixtures.
    static func subscripted(_ x: Tensor<Double>, _ expression: String) -> Tensor<Double>? {
        switch expression {
        case "[1]": x[1]
        case "[-1]": x[-1]
        case "[:, 1]": x[.all, 1]
        case "[1:3]": x[1..<3]
        case "[:, -2:]": x[.all, (-2)...]
        case "[None]": x[.newAxis]
        case "[::2]": x[.range(nil, nil, step: 2)]
        case "[1, None, 0:2]": x[1, .newAxis, 0..<2]
        case "[:, 1:4:2]": x[.all, .range(1, 4, step: 2)]
        default: nil
        }
    }
}

/// `|actual − expected| ≤ 1e-9·|expected| + 1e-12` for every element.
func expectClose(_ actual: [Double], _ expected: [Double], _ what: String,
                 sourceLocation: SourceLocation = #_sourceLocation) {
    #expect(actual.count == expected.count, "\(what): \(actual.count) values instead of \(expected.count)",
            sourceLocation: sourceLocation)
    for (i, (a, e)) in zip(actual, expected).enumerated() where !(abs(a - e) <= 1e-9 * abs(e) + 1e-12) {
        Issue.record("\(what): element \(i) is \(a), PyTorch gives \(e)", sourceLocation: sourceLocation)
        return
    }
}
