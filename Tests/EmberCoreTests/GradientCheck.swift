import Ember
import Testing

/// Central finite differences in Double: ∂f/∂x[i] ≈ (f(x + h·eᵢ) − f(x − h·eᵢ)) / 2h, compared with autograd.
/// With h = 1e-6 the truncation error is O(h²) ≈ 1e-12 and the rounding error O(ε/h) ≈ 1e-10, so a relative
/// tolerance of 1e-6 separates a right gradient from a wrong one by many orders of magnitude.
func expectGradientsMatch(
    _ inputs: [Tensor<Double>], tolerance: Double = 1e-6, sourceLocation: SourceLocation = #_sourceLocation,
    _ function: ([Tensor<Double>]) -> Tensor<Double>
) {
    let leaves = inputs.map { Tensor<Double>($0.scalars, shape: $0.shape, requiresGrad: true) }
    let output = function(leaves)
    let weights = Tensor<Double>((0..<output.count).map { 0.5 + Double($0 % 7) * 0.25 }, shape: output.shape)
    // A weighted sum makes every output element matter, with different weights.
    (output * weights).sum().backward()
    let h = 1e-6
    for (k, leaf) in leaves.enumerated() {
        let analytic = leaf.grad?.scalars ?? [Double](repeating: 0, count: leaf.count)
        for i in 0..<leaf.count {
            func probe(_ delta: Double) -> Double {
                withNoGrad {
                    let shifted = leaves.map { Tensor<Double>($0.scalars, shape: $0.shape) }
                    shifted[k].withUnsafeMutableBufferPointer { $0[i] += delta }
                    return (function(shifted) * weights).sum().item()
                }
            }
            let numeric = (probe(h) - probe(-h)) / (2 * h)
            let scale = max(1, abs(numeric), abs(analytic[i]))
            #expect(abs(numeric - analytic[i]) <= tolerance * scale,
                    "input \(k) element \(i): autograd \(analytic[i]) vs finite difference \(numeric)",
                    sourceLocation: sourceLocation)
        }
    }
}

/// Seeded values for gradient checks.
func randomTensor(_ shape: [Int], seed: UInt64, low: Double = -2, high: Double = 2) -> Tensor<Double> {
    var generator = RandomGenerator(seed: seed)
    let count = shape.reduce(1, *)
    return Tensor((0..<count).map { _ in low + (high - low) * generator.nextUniform() }, shape: shape)
}
