import EmberBackend

/// Noisy points on a line, as in the PyTorch linear-regression tutorial:
/// `x = linspace(0, 1, n)` and `y = slope · x + intercept + noise · N(0, 1)`.
///
/// ```swift
/// let (x, y) = sampleLinearData(n: 100, slope: 2, intercept: 1, noise: 0.1, seed: 42)
/// // x.shape == [100], y.shape == [100]
/// ```
/// - Parameters:
///   - n: the number of points, at least 1.
///   - slope: the true line's slope.
///   - intercept: the true line's intercept.
///   - noise: the standard deviation of the Gaussian noise added to `y`, non-negative.
///   - seed: seeds the noise; `nil` draws from the global generator (see `manualSeed`).
///   - type: the scalar type of the tensors, such as `Double.self`.
/// - Returns: `x` and `y`, both of shape `[n]`.
@inlinable
public func sampleLinearData<Scalar: TensorScalar>(
    n: Int, slope: Scalar = 1, intercept: Scalar = 0, noise: Scalar = 0.1, seed: UInt64? = nil,
    as type: Scalar.Type
) -> (x: Tensor<Scalar>, y: Tensor<Scalar>) {
    emberPrecondition(n > 0, "sampleLinearData: n must be positive, got \(n)")
    emberPrecondition(noise >= 0 && noise.isFinite, "sampleLinearData: noise must be non-negative, got \(noise)")
    let x = Tensor<Scalar>.linspace(0, 1, steps: n)
    let epsilon: Tensor<Scalar>
    if let seed {
        var generator = RandomGenerator(seed: seed)
        epsilon = Tensor.randn([n], generator: &generator)
    } else {
        epsilon = Tensor.randn([n])
    }
    let y = withNoGrad { x * slope + intercept + epsilon * noise }
    return (x, y)
}

/// `sampleLinearData` in `Float`, the tutorial's precision.
@inlinable
public func sampleLinearData(
    n: Int, slope: Float = 1, intercept: Float = 0, noise: Float = 0.1, seed: UInt64? = nil
) -> (x: Tensor<Float>, y: Tensor<Float>) {
    sampleLinearData(n: n, slope: slope, intercept: intercept, noise: noise, seed: seed, as: Float.self)
}
