import EmberBackend
import EmberCore

/// Where the values of an autograd input come from. Each domain keeps the inputs of the ops it feeds away from
/// kinks and singularities by much more than the finite-difference step, so that both the reference comparison and
/// the finite differences see one smooth branch.
enum AutogradDomain {
    /// Uniform in a range.
    case uniform(ClosedRange<Double>)
    /// A random sign times a magnitude uniform in a positive range: away from 0 (`relu`, `abs`, divisors).
    case signed(ClosedRange<Double>)
    /// `k/4 + offset` for a random integer `k` in −8…8. Two grids whose offsets differ by 0.12 never tie (any two
    /// values differ by at least 0.12, for `maximum`, `minimum`, `L1Loss`), and the offset 0.1 stays at least 0.1
    /// from the `clamp` bounds ±0.5.
    case grid(offset: Double)
    /// Distinct values: a shuffled ramp with steps of 0.05 (jittered by up to 0.02), so `max` and `min` have no ties.
    case distinct

    func draw(_ count: Int, _ rng: inout SplitMix64) -> [Double] {
        switch self {
        case .uniform(let range):
            return rng.values(count, .uniform(range))
        case .signed(let range):
            return (0..<count).map { _ in (rng.chance(0.5) ? -1 : 1) * rng.uniform(range) }
        case .grid(let offset):
            return (0..<count).map { _ in Double(rng.int(in: -8...8)) / 4 + offset }
        case .distinct:
            let ramp = (0..<count).map { (Double($0) - Double(count) / 2) * 0.05 + rng.uniform(0...0.02) }
            return rng.shuffled(ramp)
        }
    }
}

/// One input of an autograd case: its shape and where its values come from.
struct AutogradInput {
    var shape: [Int]
    var domain: AutogradDomain
}

/// One differentiable computation to check: a function of leaf tensors, run forward and backward.
struct AutogradCase<T: TensorScalar> {
    /// The op, such as `"mul"`; mismatches are reported as `"autograd.mul"` and `"autograd.mul.grad[1]"`.
    var op: String
    /// The variant and the input shapes, for the report.
    var context: String
    var inputs: [AutogradInput]
    /// The longest sum in the forward or backward pass (a broadcast or reduced length, a product's inner dimension);
    /// 1 when there is none.
    var length: Int
    /// How much the backward formula can amplify the elementwise tolerance of the kernels it uses (see `tolerances`).
    var slack: Double
    /// Whether to compare with finite differences (in `Double`; off for the large cases).
    var finiteDifferences: Bool
    var function: ([Tensor<T>]) -> Tensor<T>
    /// A function whose gradients, run on absolute values, bound `Σ|termᵢ|` from above when `function`'s do not.
    var magnitudeFunction: (([Tensor<T>]) -> Tensor<T>)?
    /// The tensors whose gradients are compared, in the order of `inputs`, when they are not the leaves themselves
    /// (a layer's parameters, into which the function copies the leaves' values).
    var gradientSources: (([Tensor<T>]) -> [Tensor<T>])?

    /// The tolerance of the forward output and of the gradients.
    ///
    /// Without accumulation both use `Tolerance.elementwise`, the gradients scaled by `slack`: a backward formula of
    /// a few correctly rounded operations stays within it, and one that reuses a transcendental result (which a
    /// backend may compute to the elementwise tolerance) amplifies that error by the formula's condition number —
    /// about 2 for `g·eˣ` or `g/(2√x)`, 3 for `pow` with a tensor exponent, and up to 26 for `g·(1 − tanh²)` at
    /// |x| = 2 and 19 for `g·σ·(1 − σ)` at |x| = 3, hence a slack of 30 there.
    /// With accumulation over `length` terms, the forward output uses `Tolerance.accumulation`, and the gradients the
    /// same plus the (slack-scaled) elementwise error of each term times `Σ|termᵢ|`.
    func tolerances(_ type: T.Type) -> (forward: Tolerance, gradient: Tolerance) {
        let base = Tolerance.elementwise(T.self)
        var gradient = Tolerance(relative: base.relative * slack, absolute: base.absolute * slack)
        guard length > 1 else { return (base, gradient) }
        let accumulation = Tolerance.accumulation(T.self, length: length)
        gradient.perMagnitude = accumulation.perMagnitude + gradient.relative
        return (accumulation, gradient)
    }
}
