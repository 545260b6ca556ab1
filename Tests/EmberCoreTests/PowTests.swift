import Ember
import Testing

/// `pow` with negative and zero bases against values and gradients PyTorch computed
/// (`scripts/fixtures/pow_negative_base.py`), on every built-in backend, in Double and Float.
@Suite struct PowTests {
    static let bases: [Double] = [-2, -1.5, -0.5, 0, 0.5, 2]
    /// (exponent, torch.pow(x, exponent), the gradient of its sum)
    static let torchResults: [(exponent: Double, values: [Double], gradient: [Double])] = [
        (3.0, [-8.0, -3.375, -0.125, 0.0, 0.125, 8.0], [12.0, 6.75, 0.75, 0.0, 0.75, 12.0]),
        (4.0, [16.0, 5.0625, 0.0625, 0.0, 0.0625, 16.0], [-32.0, -13.5, -0.5, 0.0, 0.5, 32.0]),
        (1.0, [-2.0, -1.5, -0.5, 0.0, 0.5, 2.0], [1.0, 1.0, 1.0, 1.0, 1.0, 1.0]),
        (-1.0, [-0.5, -0.6666666666666666, -2.0, .infinity, 2.0, 0.5],
         [-0.25, -0.4444444444444444, -4.0, -.infinity, -4.0, -0.25]),
        (0.0, [1.0, 1.0, 1.0, 1.0, 1.0, 1.0], [0.0, 0.0, 0.0, 0.0, 0.0, 0.0]),
        (0.5, [.nan, .nan, .nan, 0.0, 0.7071067811865476, 1.4142135623730951],
         [.nan, .nan, .nan, .infinity, 0.7071067811865475, 0.35355339059327373]),
    ]

    @Test(arguments: Backends.names)
    func matchesPyTorchOnNegativeAndZeroBases(backendName: String) throws {
        let backend = try Backends.backend(named: backendName)
        try Backends.withBackend(backend) {
            try check(Double.self, tolerance: 1e-15)
            try check(Float.self, tolerance: 1e-6)
        }
    }

    func check<T: TensorScalar>(_ type: T.Type, tolerance: Double) throws {
        for (exponent, values, gradient) in Self.torchResults {
            let x = Tensor<T>(Self.bases.map { T($0) }, shape: [Self.bases.count], requiresGrad: true)
            let y = x.pow(T(exponent))
            y.sum().backward()
            let grad = try #require(x.grad)
            expectSame(y.scalars, values, tolerance, "\(T.self) pow(x, \(exponent))")
            expectSame(grad.scalars, gradient, tolerance, "\(T.self) d/dx pow(x, \(exponent))")
        }
    }

    func expectSame<T: TensorScalar>(_ actual: [T], _ expected: [Double], _ tolerance: Double, _ what: String) {
        for (a, e) in zip(actual.map(Double.init), expected) {
            let same = e.isNaN ? a.isNaN : (a == e || abs(a - e) <= tolerance * abs(e))
            #expect(same, "\(what): \(a) where PyTorch gives \(e) (x = \(Self.bases))")
        }
    }
}
