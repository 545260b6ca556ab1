import EmberBackend

import Foundation
import Synchronization

/// A seedable pseudo-random generator (xoshiro256**, seeded through SplitMix64), like `torch.Generator`.
///
/// ```swift
/// var generator = RandomGenerator(seed: 42)
/// let noise = Tensor<Float>.randn([100], generator: &generator)
/// ```
public struct RandomGenerator: RandomNumberGenerator, Sendable {
    private var state: (UInt64, UInt64, UInt64, UInt64)

    /// A generator whose sequence is fixed by `seed`.
    public init(seed: UInt64) {
        var splitMix = seed
        func next() -> UInt64 {
            splitMix &+= 0x9E37_79B9_7F4A_7C15
            var z = splitMix
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }
        state = (next(), next(), next(), next())
    }

    public mutating func next() -> UInt64 {
        let result = ((state.1 &* 5) << 7 | (state.1 &* 5) >> 57) &* 9
        let t = state.1 << 17
        state.2 ^= state.0
        state.3 ^= state.1
        state.1 ^= state.2
        state.0 ^= state.3
        state.2 ^= t
        state.3 = state.3 << 45 | state.3 >> 19
        return result
    }

    /// A uniform value in [0, 1) with 53 random bits.
    public mutating func nextUniform() -> Double {
        Double(next() >> 11) * 0x1.0p-53
    }

    /// A standard normal value (Box–Muller).
    public mutating func nextNormal() -> Double {
        var u1 = nextUniform()
        while u1 == 0 { u1 = nextUniform() }
        let u2 = nextUniform()
        return (-2 * Foundation.log(u1)).squareRoot() * Foundation.cos(2 * Double.pi * u2)
    }
}

/// The process-wide generator behind `Tensor.rand`/`randn` without an explicit generator, like PyTorch's default.
public enum GlobalRandom {
    private static let generator = Mutex(RandomGenerator(seed: 0))

    /// Reseeds the global generator, like `torch.manual_seed`.
    public static func seed(_ seed: UInt64) {
        generator.withLock { $0 = RandomGenerator(seed: seed) }
    }

    /// Runs `body` with exclusive use of the global generator.
    public static func withGenerator<R>(_ body: (inout RandomGenerator) -> R) -> R {
        CompileTracing.noteHostAccess("the global random generator")   // a replay would repeat the same numbers
        return generator.withLock { body(&$0) }
    }
}

/// Reseeds the global random generator, like `torch.manual_seed(seed)`.
public func manualSeed(_ seed: UInt64) {
    GlobalRandom.seed(seed)
}

extension Tensor {
    /// Uniform values in [0, 1), like `torch.rand`.
    public static func rand(_ shape: [Int], generator: inout RandomGenerator, requiresGrad: Bool = false) -> Tensor {
        Shape.validate(shape, op: "rand")
        CompileTracing.noteHostAccess("rand")
        let values = (0..<shape.reduce(1, *)).map { _ in Scalar(generator.nextUniform()) }
        return Tensor(values, shape: shape, requiresGrad: requiresGrad)
    }

    /// Standard normal values, like `torch.randn`.
    public static func randn(_ shape: [Int], generator: inout RandomGenerator, requiresGrad: Bool = false) -> Tensor {
        Shape.validate(shape, op: "randn")
        CompileTracing.noteHostAccess("randn")
        let values = (0..<shape.reduce(1, *)).map { _ in Scalar(generator.nextNormal()) }
        return Tensor(values, shape: shape, requiresGrad: requiresGrad)
    }

    /// Uniform values in [0, 1) from the global generator (see `manualSeed`).
    public static func rand(_ shape: [Int], requiresGrad: Bool = false) -> Tensor {
        GlobalRandom.withGenerator { rand(shape, generator: &$0, requiresGrad: requiresGrad) }
    }

    /// Standard normal values from the global generator (see `manualSeed`).
    public static func randn(_ shape: [Int], requiresGrad: Bool = false) -> Tensor {
        GlobalRandom.withGenerator { randn(shape, generator: &$0, requiresGrad: requiresGrad) }
    }

    /// Uniform values in [low, high) from the global generator, like `torch.empty(shape).uniform_(low, high)`.
    public static func uniform(_ shape: [Int], low: Scalar, high: Scalar) -> Tensor {
        GlobalRandom.withGenerator { g in
            Tensor((0..<shape.reduce(1, *)).map { _ in low + (high - low) * Scalar(g.nextUniform()) }, shape: shape)
        }
    }
}
