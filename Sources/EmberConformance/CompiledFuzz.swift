import EmberBackend
import EmberCore

/// Seeded random elementwise programs for `Conformance.checkCompiled`: the runs a fusing backend fuses, over
/// lengths around tile and vector boundaries, with NaN, infinities, −0 and subnormal inputs in half of them.
extension CompiledScenarios {
    /// The lengths of the programs: one element, vector and tile edges, and past the simd backend's threading
    /// threshold (2¹⁷ elements).
    static let programLengths = [1, 2, 7, 16, 63, 100, 1001, 4097, 70_001, 131_075]

    static func elementwisePrograms(seed: UInt64) -> [Scenario] {
        programLengths.enumerated().map { i, n in
            Scenario(name: "elementwise\(n)") { program(seed: seed &+ 100 &+ UInt64(i), length: n, special: i % 2 == 1,
                                                        compiled: $0) }
        }
    }

    /// `y = weight ⊙ x`, one weight per element.
    final class ElementwiseModel: Module<Float> {
        let weight: Parameter<Float>

        init(_ weights: [Float]) {
            weight = Parameter(Tensor<Float>(weights))
            super.init()
        }

        override func forward(_ input: Tensor<Float>) -> Tensor<Float> { weight * input }
    }

    /// One random program: `weight ⊙ x`, then three to eight random elementwise operations, then a sum or a mean
    /// of squares, trained by SGD (with momentum half the time) for five steps.
    static func program(seed: UInt64, length n: Int, special: Bool, compiled: Bool) -> Outcome {
        var rng = SplitMix64(seed: seed)
        var xs = values(n, &rng)
        if special {
            let specials: [Float] = [.nan, .infinity, -.infinity, -0.0, .leastNonzeroMagnitude, -.leastNormalMagnitude]
            for _ in 0..<Swift.max(1, n / 16) { xs[rng.int(in: 0...(n - 1))] = specials[rng.int(in: 0...(specials.count - 1))] }
        }
        let x = Tensor<Float>(xs)
        let model = ElementwiseModel(values(n, &rng))
        let operations = (0..<rng.int(in: 3...8)).map { _ in rng.int(in: 0...11) }
        let scalar = Float(rng.uniform(0.5...2))
        let meanOfSquares = rng.int(in: 0...1) == 1
        let optimizer = SGD(model.parameters(), lr: 0.01, momentum: rng.int(in: 0...1) == 1 ? 0.9 : 0)
        let step = compile(model, optimizer, enabled: compiled) { (x: Tensor<Float>, _: Tensor<Float>) in
            var h = model(x)
            for operation in operations { h = apply(operation, h, x: x, weight: model.weight, scalar: scalar) }
            let loss = meanOfSquares ? (h * h).mean() : h.sum()
            optimizer.zeroGrad()
            loss.backward()
            optimizer.step()
            return loss
        }
        var outcome = Outcome()
        for _ in 0..<5 { outcome.losses.append(step(x, x).item()) }
        outcome.parameters = model.weight.scalars
        outcome.replays = step.replayedCalls
        return outcome
    }

    /// Elementwise operation number `operation` (0...11) of `h`.
    static func apply(_ operation: Int, _ h: Tensor<Float>, x: Tensor<Float>, weight: Tensor<Float>,
                      scalar: Float) -> Tensor<Float> {
        switch operation {
        case 0: return h.tanh()
        case 1: return h.sigmoid()
        case 2: return h.relu() - h * scalar
        case 3: return h.abs().sqrt()
        case 4: return h.tanh().exp()
        case 5: return (h.abs() + 1).log()
        case 6: return -h + x
        case 7: return h * weight
        case 8: return scalar - h
        case 9: return h / (h.abs() + scalar)
        case 10: return h * scalar + 0.5
        default: return (h - x) * (h + x)
        }
    }
}
