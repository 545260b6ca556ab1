import EmberBackend

/// Where a kernel's random input values come from.
enum ValueDomain {
    /// Uniform in a range.
    case uniform(ClosedRange<Double>)
    /// Positive and skewed toward the lower bound, so several orders of magnitude occur: the fourth power of a
    /// uniform draw between the fourth roots of the (positive) bounds.
    case spread(ClosedRange<Double>)
    /// A random sign times a `spread` magnitude (never zero, for divisors).
    case signedSpread(ClosedRange<Double>)
    /// One of a few values, so that ties and equal pairs occur (for comparisons, `maximum`, `minimum`).
    case grid([Double])

    func draw(_ rng: inout SplitMix64) -> Double {
        switch self {
        case .uniform(let range): return rng.uniform(range)
        case .spread(let range): return Self.spread(range, &rng)
        case .signedSpread(let range): return (rng.chance(0.5) ? -1 : 1) * Self.spread(range, &rng)
        case .grid(let values): return rng.pick(values)
        }
    }

    private static func spread(_ range: ClosedRange<Double>, _ rng: inout SplitMix64) -> Double {
        let low = range.lowerBound.squareRoot().squareRoot(), high = range.upperBound.squareRoot().squareRoot()
        let fourthRoot = rng.uniform(low...high)
        return fourthRoot * fourthRoot * fourthRoot * fourthRoot
    }
}

/// Non-finite and signed-zero values sprinkled into inputs to check NaN and infinity propagation.
let nonFiniteValues: [Double] = [.nan, .infinity, -.infinity, 0, -0.0]

extension SplitMix64 {
    /// `count` values from `domain`, each replaced with probability `chance` by one of `specials`.
    mutating func values(_ count: Int, _ domain: ValueDomain, specials: [Double] = [], chance: Double = 0) -> [Double] {
        // `Array(unsafeUninitializedCapacity: 0)` writes the count of the shared empty-array singleton, which
        // ThreadSanitizer reports as a race between tests running in parallel: empty arrays are made plainly.
        guard count > 0 else { return [] }
        return [Double](unsafeUninitializedCapacity: count) { buffer, initialized in
            let out = buffer.baseAddress!
            if case .uniform(let range) = domain, specials.isEmpty {
                // The common case, written out so that large inputs are quick to draw in debug builds.
                let low = range.lowerBound, width = range.upperBound - range.lowerBound
                for i in 0..<count { out[i] = low + width * (Double(next() >> 11) * 0x1p-53) }
            } else {
                for i in 0..<count {
                    out[i] = !specials.isEmpty && self.chance(chance) ? pick(specials) : domain.draw(&self)
                }
            }
            initialized = count
        }
    }
}

/// One input buffer of a kernel call: its values as the scalar type `T` and the same values as `Double`.
///
/// The buffer always holds at least one element, so it has an address even for an empty tensor.
struct Operand<T: TensorScalar> {
    private(set) var scalars: [T]
    /// The values of `scalars`, exactly (after rounding to `T`), for magnitudes and messages.
    private(set) var values: [Double]

    init(_ doubles: [Double]) {
        scalars = convert(doubles.isEmpty ? [0] : doubles)
        values = doubles.isEmpty ? [] : scalars.withUnsafeBufferPointer { convertToDouble($0) }
    }

    var count: Int { values.count }
    subscript(i: Int) -> Double { values[i] }

    /// Calls `body` with the address of the first element.
    func withPointer<R>(_ body: (UnsafePointer<T>) -> R) -> R {
        scalars.withUnsafeBufferPointer { body($0.baseAddress!) }
    }
}

/// Converts `Double` values to `T`, rounding, in concrete code (pointer loops stay fast in debug builds).
func convert<T: TensorScalar>(_ doubles: [Double]) -> [T] {
    if T.self == Double.self { return unsafeBitCast(doubles, to: [T].self) }
    guard T.self == Float.self else { return doubles.map { T($0) } }
    guard !doubles.isEmpty else { return [] }   // see `values(_:_:specials:chance:)`
    let floats = [Float](unsafeUninitializedCapacity: doubles.count) { buffer, initialized in
        doubles.withUnsafeBufferPointer { source in
            for i in 0..<source.count { buffer[i] = Float(source[i]) }
        }
        initialized = doubles.count
    }
    return unsafeBitCast(floats, to: [T].self)
}

/// Converts `T` values to `Double` exactly, in concrete code.
func convertToDouble<T: TensorScalar>(_ scalars: UnsafeBufferPointer<T>) -> [Double] {
    guard !scalars.isEmpty else { return [] }   // see `SplitMix64.values(_:_:specials:chance:)`
    return [Double](unsafeUninitializedCapacity: scalars.count) { buffer, initialized in
        if let base = scalars.baseAddress {
            let raw = UnsafeRawPointer(base)
            if T.self == Double.self {
                let source = raw.assumingMemoryBound(to: Double.self)
                for i in 0..<scalars.count { buffer[i] = source[i] }
            } else if T.self == Float.self {
                let source = raw.assumingMemoryBound(to: Float.self)
                for i in 0..<scalars.count { buffer[i] = Double(source[i]) }
            } else {
                for i in 0..<scalars.count { buffer[i] = Double(scalars[i]) }
            }
        }
        initialized = scalars.count
    }
}
