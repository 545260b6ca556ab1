import Ember
import Testing

/// PyTorch's values and gradients (`Fixtures/convolution.json`) against Ember's conv1d/conv2d, pools and
/// BatchNorm2d, on every built-in backend. In Double: relative 1e-9 plus 1e-11 absolute (the sums are a few hundred
/// terms of size about 1 at most). In Float, whose inputs are the fixture's rounded to Float: relative and absolute
/// 1e-4, well above the rounding of such sums (about 1e-6) and well below the error of a misplaced term.
@Suite struct ConvolutionFixtureTests {
    static let cases = (try? ConvolutionFixture.load()) ?? []

    @Test func fixturesLoad() {
        #expect(Self.cases.count >= 40)
        #expect(Set(Self.cases.map(\.op)).count == 7)
    }

    @Test(arguments: cases) func matchesPyTorchInDouble(_ fixture: ConvolutionFixture) throws {
        try check(fixture, Double.self, relative: 1e-9, absolute: 1e-11)
    }

    @Test(arguments: cases) func matchesPyTorchInFloat(_ fixture: ConvolutionFixture) throws {
        try check(fixture, Float.self, relative: 1e-4, absolute: 1e-4)
    }

    func check<T: TensorScalar>(_ fixture: ConvolutionFixture, _ type: T.Type, relative: Double,
                                absolute: Double) throws {
        func expectNear(_ actual: [T], _ expected: [Double], _ what: String) {
            #expect(actual.count == expected.count, "\(what): \(actual.count) values instead of \(expected.count)")
            for (i, (a, e)) in zip(actual.map(Double.init), expected).enumerated()
            where !(abs(a - e) <= relative * abs(e) + absolute) {
                Issue.record("\(what): element \(i) is \(a), PyTorch gives \(e)")
                return
            }
        }
        for name in ["reference", "simd", "cblas"] {
            try Backends.withBackend(name) {
                let what = "\(name), \(T.typeName): \(fixture.name)"
                let leaves = fixture.inputs.map { $0.tensor(T.self, requiresGrad: true) }
                let outcome = try #require(fixture.run(leaves), "no Swift op for '\(fixture.op)'")
                #expect(outcome.output.shape == fixture.output.shape, "\(what) output shape")
                expectNear(outcome.output.scalars, fixture.output.values, "\(what) output")
                for (actual, expected) in outcome.state {
                    expectNear(actual.scalars, expected.values, "\(what) running statistics")
                }
                outcome.output.backward(fixture.upstream.tensor(T.self))
                for (k, expected) in fixture.grads.enumerated() {
                    let grad = try #require(outcome.sources[k].grad, "\(what) has no gradient for input \(k)")
                    #expect(grad.shape == expected.shape, "\(what) grad[\(k)] shape")
                    expectNear(grad.scalars, expected.values, "\(what) grad[\(k)]")
                }
            }
        }
    }
}
