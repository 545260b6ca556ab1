/// A tiny seeded random generator (SplitMix64) with the few draws the kit needs.
///
/// The kit uses its own generator and its own draw algorithms (not `Int.random(in:using:)`, whose algorithm the
/// standard library may change) so that one seed yields the same shapes and values on every platform and toolchain.
struct SplitMix64 {
    private var state: UInt64

    init(seed: UInt64) { state = seed }

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    /// A uniform `Double` in `[0, 1)`.
    mutating func unit() -> Double { Double(next() >> 11) * 0x1p-53 }

    /// A uniform `Double` in `range`.
    mutating func uniform(_ range: ClosedRange<Double>) -> Double {
        range.lowerBound + unit() * (range.upperBound - range.lowerBound)
    }

    /// A uniform integer in `range` (the modulo bias is irrelevant for test inputs).
    mutating func int(in range: ClosedRange<Int>) -> Int {
        range.lowerBound + Int(next() % UInt64(range.upperBound - range.lowerBound + 1))
    }

    /// `true` with the given probability.
    mutating func chance(_ probability: Double) -> Bool { unit() < probability }

    /// A uniformly chosen element of a non-empty collection.
    mutating func pick<C: RandomAccessCollection>(_ elements: C) -> C.Element where C.Index == Int {
        elements[elements.startIndex + int(in: 0...(elements.count - 1))]
    }

    /// The elements of `array` in a random order (Fisher–Yates).
    mutating func shuffled<E>(_ array: [E]) -> [E] {
        var result = array
        for i in stride(from: result.count - 1, to: 0, by: -1) { result.swapAt(i, int(in: 0...i)) }
        return result
    }
}
