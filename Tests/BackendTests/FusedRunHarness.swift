import EmberBackend
import EmberSIMD
import Glibc
import Testing

// The harness of FusedRunTests: fused programs built directly (`FusedProgram`), their memory, the same steps run one
// by one as ordinary kernels (the oracle), and a seeded generator of random programs.

/// A scalar compared by bit pattern (NaN payloads and the sign of zero included).
protocol FuzzScalar: TensorScalar {
    var bits: UInt64 { get }
}
extension Float: FuzzScalar { var bits: UInt64 { UInt64(bitPattern) } }
extension Double: FuzzScalar { var bits: UInt64 { bitPattern } }

/// Deterministic pseudo-random numbers (SplitMix64), so a failure reproduces from its seed.
struct FuzzRandom {
    var state: UInt64
    /// Whether `value` returns the awkward values too (NaN, infinities, subnormals …): a NaN anywhere in a long row
    /// makes its sum NaN, which hides a wrong order of additions.
    var awkward = true
    init(_ seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
    mutating func below(_ n: Int) -> Int { Int(next() % UInt64(n)) }
    mutating func chance(_ percent: Int) -> Bool { below(100) < percent }
    mutating func pick<C: RandomAccessCollection>(_ c: C) -> C.Element where C.Index == Int {
        c[c.startIndex + below(c.count)]
    }

    /// Mostly ordinary values in [-4, 4), else one of the awkward ones.
    mutating func value<T: FuzzScalar>(_: T.Type) -> T {
        if !awkward || chance(75) { return -4 + 8 * T(Double(next() >> 11) / Double(1 << 53)) }
        // A quiet NaN with payload 5: which NaN an operation returns shows which operand it took.
        let payloadNaN = T(sign: .minus, exponentBitPattern: (1 << T.exponentBitCount) - 1,
                           significandBitPattern: (1 << (T.significandBitCount - 1)) | 5)
        let specials: [T] = [0, -0.0, 1, -1, .infinity, -.infinity, .nan, -.nan, payloadNaN,
                             T.leastNonzeroMagnitude, -T.leastNonzeroMagnitude, T.leastNormalMagnitude / 3,
                             T.leastNormalMagnitude, T.greatestFiniteMagnitude, -T.greatestFiniteMagnitude, 0.5, 2]
        return pick(specials)
    }
}

/// The memory a program addresses: slot 0 holds `buffers` data buffers of `count` elements (each 3 elements past
/// the previous one's end, so most start unaligned), slot 1 the scalar operands, slot 2 the reductions' results.
final class FusedMemory<T: FuzzScalar> {
    static var buffers: Int { 4 }
    static var scalarCount: Int { 4 }
    static var resultCount: Int { 6 }
    let count: Int
    let regions: [UnsafeMutableBufferPointer<T>]
    var bases: [UnsafeMutableRawPointer]

    init(count: Int, random: inout FuzzRandom) {
        self.count = count
        let regions = [Self.buffers * (count + 3), Self.scalarCount, Self.resultCount].map {
            UnsafeMutableBufferPointer<T>.allocate(capacity: $0)
        }
        // 1021 random values (a prime, so the pattern shifts against tiles and vectors) repeated: quick to build.
        let pool = (0..<1021).map { _ in random.value(T.self) }
        pool.withUnsafeBufferPointer { pool in
            for region in regions {
                var i = 0, from = random.below(pool.count)
                while i < region.count {
                    let take = Swift.min(pool.count - from, region.count - i)
                    (region.baseAddress! + i).initialize(from: pool.baseAddress! + from, count: take)
                    i += take
                    from = 0
                }
            }
        }
        self.regions = regions
        bases = regions.map { UnsafeMutableRawPointer($0.baseAddress!) }
    }

    init(copying other: FusedMemory) {
        count = other.count
        regions = other.regions.map { region in
            let copy = UnsafeMutableBufferPointer<T>.allocate(capacity: region.count)
            _ = copy.initialize(from: region)
            return copy
        }
        bases = regions.map { UnsafeMutableRawPointer($0.baseAddress!) }
    }

    deinit { for region in regions { region.deallocate() } }

    static func data(_ j: Int, count: Int) -> FusedOperand {
        FusedOperand(slot: 0, byteOffset: j * (count + 3) * MemoryLayout<T>.stride, isScratch: false)
    }
    static func scalar(_ j: Int) -> FusedOperand {
        FusedOperand(slot: 1, byteOffset: j * MemoryLayout<T>.stride, isScratch: false)
    }
    static func result(_ k: Int) -> FusedOperand {
        FusedOperand(slot: 2, byteOffset: k * MemoryLayout<T>.stride, isScratch: false)
    }

    /// `backend.runFused` on this memory.
    func runFused(_ program: FusedProgram<T>, on backend: any FusingBackend) -> Bool {
        bases.withUnsafeBufferPointer { T._runFused(backend, FusedRun(program: program, bases: $0.baseAddress!)) }
    }

    /// The program's steps one by one as ordinary kernels over all `count` elements, its scratch buffers full length.
    func runUnfused(_ program: FusedProgram<T>, on backend: any Backend) {
        let n = program.count
        let scratch = (0..<program.scratchCount).map { _ in UnsafeMutablePointer<T>.allocate(capacity: Swift.max(1, n)) }
        defer { for buffer in scratch { buffer.deallocate() } }
        bases.withUnsafeBufferPointer { bases in
            func p(_ operand: FusedOperand?) -> UnsafeMutablePointer<T> {
                operand!.isScratch ? scratch[operand!.slot] : operand!.pointer(bases.baseAddress!, as: T.self)
            }
            for step in program.steps {
                let scalar = step.scalarSource?() ?? step.scalar
                switch step.operation {
                case .unary(let op): T._unary(backend, op, p(step.a), p(step.out), count: n)
                case .binary(let op, let kind):
                    let layout: BroadcastLayout = kind == .scalarLHS ? .scalarLHS(n)
                        : kind == .scalarRHS ? .scalarRHS(n) : .elementwise(n)
                    T._binary(backend, op, p(step.a), p(step.b), p(step.out), layout: layout)
                case .fill: T._fill(backend, scalar, p(step.out), count: n)
                case .copy: T._copy(backend, p(step.a), p(step.out), count: n)
                case .axpy: T._axpy(backend, scalar, p(step.a), p(step.out), count: n)
                case .scale: T._scale(backend, scalar, p(step.out), count: n)
                case .reduction(let k):
                    let out = program.reductionOutputs[k].pointer(bases.baseAddress!, as: T.self)
                    if program.reductionKinds[k] == .dot {
                        T._matmul(backend, p(step.a), p(step.b), out, shape: MatmulShape(m: 1, n: 1, k: n))
                    } else {
                        T._reduce(backend, .sum, p(step.a), out, shape: ReductionShape(outer: 1, length: n, inner: 1))
                    }
                }
            }
        }
    }

    /// The first element whose bits differ from `other`'s, as a message, or `nil`.
    func firstDifference(from other: FusedMemory) -> String? {
        for (r, (a, b)) in zip(regions, other.regions).enumerated()
        where memcmp(a.baseAddress!, b.baseAddress!, a.count * MemoryLayout<T>.stride) != 0 {
            // Any NaN equals any NaN: which NaN survives an addition of two is the compiler's choice of operand
            // order, and the baseline path's Swift sums, inlined into a fused run by a release build, chose differently.
            for i in a.indices where a[i].bits != b[i].bits && !(a[i].isNaN && b[i].isNaN) {
                return "slot \(r) [\(i)] (buffer \(i / (count + 3)), element \(i % (count + 3))): \(a[i]) vs \(b[i])"
            }
        }
        return nil
    }
}

/// A random program over `count` elements: 1–8 elementwise steps (every kind, in place, into scratch) with the
/// reductions `kinds` placed at random among them; every operand read is a data buffer or a scratch buffer written
/// before.
/// A random program of 1…`maxSteps` elementwise steps and the reductions `kinds` at random places; `native` keeps to
/// the steps the C driver runs (no unary step, binary `add`, `sub`, `mul` and `div` only).
func randomProgram<T: FuzzScalar>(count: Int, reductions kinds: [FusedReductionKind], native: Bool = false,
                                  maxSteps: Int = 8, random: inout FuzzRandom) -> FusedProgram<T> {
    let scratchCount = random.below(4)
    var defined = (0..<FusedMemory<T>.buffers).map { FusedMemory<T>.data($0, count: count) }
    var steps: [FusedStep<T>] = []
    // Native programs often read what the step before wrote, as real ones do (the C driver keeps it in registers).
    var lastWritten: FusedOperand?
    func read() -> FusedOperand {
        if native, let lastWritten, random.chance(50) { return lastWritten }
        return random.pick(defined)
    }
    func write() -> FusedOperand {
        guard scratchCount > 0, random.chance(50) else { return FusedMemory<T>.data(random.below(4), count: count) }
        let operand = FusedOperand(slot: random.below(scratchCount), byteOffset: 0, isScratch: true)
        if !defined.contains(where: { $0.isScratch && $0.slot == operand.slot }) { defined.append(operand) }
        return operand
    }
    func scalar() -> (T, (() -> T)?) {
        let value = random.value(T.self)
        return random.chance(30) ? (0, { value }) : (value, nil)
    }
    let elementwise = 1 + random.below(maxSteps)
    let positions = kinds.map { _ in random.below(elementwise + 1) }
    for i in 0...elementwise {
        for (k, kind) in kinds.enumerated() where positions[k] == i {
            steps.append(FusedStep(.reduction(k), a: read(), b: kind == .dot ? read() : nil))
        }
        guard i < elementwise else { break }
        switch native ? 1 + random.below(5) : random.below(6) {
        case 0:
            let a = read()
            steps.append(FusedStep(.unary(random.pick(UnaryOp.allCases)), a: a, out: random.chance(25) ? a : write()))
        case 1:
            let kind = random.pick([BroadcastLayout.Kind.elementwise, .scalarLHS, .scalarRHS])
            let a = kind == .scalarLHS ? FusedMemory<T>.scalar(random.below(4)) : read()
            let b = kind == .scalarRHS ? FusedMemory<T>.scalar(random.below(4)) : read()
            let out = random.chance(25) ? (kind == .scalarLHS ? b : a) : write()
            let op = native ? random.pick([BinaryOp.add, .sub, .mul, .div]) : random.pick(BinaryOp.allCases)
            steps.append(FusedStep(.binary(op, kind), a: a, b: b, out: out))
        case 2:
            let (value, source) = scalar()
            steps.append(FusedStep(.fill, out: write(), scalar: value, scalarSource: source))
        case 3:
            let a = read()
            steps.append(FusedStep(.copy, a: a, out: write()))
        case 4:
            let (value, source) = scalar()
            steps.append(FusedStep(.axpy, a: read(), out: read(), scalar: value, scalarSource: source))
        default:
            let (value, source) = scalar()
            steps.append(FusedStep(.scale, out: read(), scalar: value, scalarSource: source))
        }
        lastWritten = steps.last?.out
    }
    return FusedProgram(count: count, steps: steps, reductionKinds: kinds,
                        reductionOutputs: kinds.indices.map { FusedMemory<T>.result($0) }, scratchCount: scratchCount)
}

/// The program's steps, for failure messages.
func describe<T>(_ program: FusedProgram<T>) -> String {
    func name(_ operand: FusedOperand?) -> String {
        guard let operand else { return "-" }
        return operand.isScratch ? "s\(operand.slot)" : "m\(operand.slot):\(operand.byteOffset)"
    }
    return program.steps.map { "\($0.operation)(\(name($0.a)), \(name($0.b)) -> \(name($0.out)))" }
        .joined(separator: "; ")
}
