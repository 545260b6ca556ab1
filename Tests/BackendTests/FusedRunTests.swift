import EmberBackend
import EmberReference
import EmberSIMD
import Testing

// SIMDBackend.runFused against the same steps run one by one as the backend's ordinary kernels: every element and
// every reduction must have the same bits (signed zeros included; a NaN equals any NaN, see `firstDifference`), on every kernel path, at 1 and 2
// threads, for Float and Double. `.serialized`: the tests set the process's thread count (hence the suite's name: `make test`
// runs the *ThreadCountTests suites in a process of their own, so that no other test sees the count change).

private let paths = SIMDKernelPath.available
/// Lengths around the vector widths, the 64-element tile alignment, the tiles (4096 Float / 2048 Double elements)
/// and the threading threshold (2^17).
private let lengths = [0, 1, 3, 15, 16, 17, 63, 64, 65, 100, 4095, 4096, 4097, 2 * 4096 + 5, (1 << 17) + 77]

/// Runs `body` with `threads` threads; repeats it (up to 5 times) if another test changed the count meanwhile.
private func withThreads(_ threads: Int, _ body: () -> Void) {
    let saved = Threads.count
    defer { Threads.setCount(saved) }
    for _ in 0..<5 {
        Threads.setCount(threads)
        body()
        if Threads.count == threads { return }
    }
}

/// Runs `program` fused and unfused on copies of the same random memory and records any difference.
/// - Returns: whether `runFused` ran it.
@discardableResult
func check<T: FuzzScalar>(_ program: FusedProgram<T>, on backend: any FusingBackend, threads: Int, seed: UInt64,
                                  expectDecline: Bool = false, awkward: Bool = true, _ what: String) -> Bool {
    var random = FuzzRandom(seed)
    random.awkward = awkward
    let initial = FusedMemory<T>(count: program.count, random: &random)
    var ran = false
    withThreads(threads) {
        let fused = FusedMemory(copying: initial), unfused = FusedMemory(copying: initial)
        ran = fused.runFused(program, on: backend)
        let context = "\(what) \(T.self) n=\(program.count) threads=\(threads) seed=\(seed): \(describe(program))"
        if expectDecline {
            #expect(!ran, "\(context): expected runFused to return false")
            if let difference = fused.firstDifference(from: initial) {
                Issue.record("\(context): declined run wrote \(difference)")
            }
            return
        }
        #expect(ran, "\(context): runFused returned false")
        unfused.runUnfused(program, on: backend)
        if let difference = fused.firstDifference(from: unfused) { Issue.record("\(context): fused vs unfused \(difference)") }
    }
    return ran
}

/// Hand-written programs covering every step kind; `reductions` picks which reductions they end with. Past 100
/// elements the transcendentals and `pow` give way to cheap operations (debug builds run them slowly; the fuzzer
/// still runs them at every length below the threading threshold).
private func fixedProgram<T: FuzzScalar>(count n: Int, reductions kinds: [FusedReductionKind]) -> FusedProgram<T> {
    let cheap = n > 100
    typealias M = FusedMemory<T>
    let (x, y, w, g) = (M.data(0, count: n), M.data(1, count: n), M.data(2, count: n), M.data(3, count: n))
    let s0 = FusedOperand(slot: 0, byteOffset: 0, isScratch: true)
    let s1 = FusedOperand(slot: 1, byteOffset: 0, isScratch: true)
    var steps: [FusedStep<T>] = [
        FusedStep(.binary(.mul, .scalarRHS), a: x, b: M.scalar(0), out: s0),     // s0 = x·w₀
        FusedStep(.binary(.add, .scalarRHS), a: s0, b: M.scalar(1), out: s0),    // s0 += b (in place)
        FusedStep(.binary(.sub, .elementwise), a: s0, b: y, out: s1),            // s1 = s0 − y
        FusedStep(.unary(cheap ? .abs : .tanh), a: s1, out: w),                 // w = tanh(s1)
        FusedStep(.binary(.div, .scalarLHS), a: M.scalar(2), b: w, out: w),      // w = c / w (in place)
        FusedStep(.binary(cheap ? .mul : .pow, .elementwise), a: s1, b: w, out: g), // g = s1 ^ w
        FusedStep(.scale, out: g, scalar: T(0.5)),                                // g *= 0.5
        FusedStep(.axpy, a: s1, out: y, scalarSource: { T(-0.25) }),             // y += −0.25·s1
        FusedStep(.copy, a: s1, out: x),                                         // x = s1
        FusedStep(.unary(cheap ? .neg : .exp), a: x, out: x),                   // x = exp(x)
        FusedStep(.fill, out: s0, scalar: T(3)),                                 // s0 = 3
        FusedStep(.binary(.maximum, .elementwise), a: s0, b: g, out: g),         // g = max(s0, g)
    ]
    for (k, kind) in kinds.enumerated() {
        steps.append(kind == .dot ? FusedStep(.reduction(k), a: s1, b: k == 0 ? x : g)
                                  : FusedStep(.reduction(k), a: k == 0 ? s1 : g))
    }
    return FusedProgram(count: n, steps: steps, reductionKinds: kinds,
                        reductionOutputs: kinds.indices.map { M.result($0) }, scratchCount: 2)
}

private let reductionSets: [[FusedReductionKind]] = [[], [.sum], [.dot], [.sum, .sum], [.dot, .dot], [.dot, .sum],
                                                       [.sum, .dot]]

@Suite("SIMDBackend.runFused equals its unfused kernels bitwise", .serialized)
struct FusedRunThreadCountTests {
    @Test(arguments: paths)
    func fixedProgramsMatchUnfusedKernels(path: SIMDKernelPath) {
        let backend = SIMDBackend(path: path)
        for threads in [1, 2] {
            for n in lengths {
                // Long runs cost time in debug builds: fewer reduction sets, and past the threshold only at 2
                // threads (one thread runs them as the 2-tile lengths do; the declined mix has its own test).
                let large = n >= 1 << 17
                for (i, kinds) in reductionSets.enumerated()
                where n <= 100 || (!large && [0, 3, 5].contains(i)) || (large && threads == 2 && [0, 2, 3].contains(i)) {
                    let decline = n >= 1 << 17 && threads > 1 && kinds.contains(.sum) && kinds.contains(.dot)
                    let seed = UInt64(n * 31 + i)
                    check(fixedProgram(count: n, reductions: kinds) as FusedProgram<Float>, on: backend,
                          threads: threads, seed: seed, expectDecline: decline, "\(path) \(kinds)")
                    check(fixedProgram(count: n, reductions: kinds) as FusedProgram<Double>, on: backend,
                          threads: threads, seed: seed, expectDecline: decline, "\(path) \(kinds)")
                }
            }
        }
    }

    /// A few hundred seeded random programs: random path, thread count, scalar type, length and reductions.
    @Test func randomProgramsMatchUnfusedKernels() {
        let small = lengths.filter { $0 < 1 << 17 }
        for seed in UInt64(1)...300 {
            var random = FuzzRandom(seed &* 0x2545_F491_4F6C_DD1D)
            random.awkward = seed % 3 != 0   // a third on ordinary values, so that sums show their order
            let path = random.pick(paths), threads = 1 + random.below(2)
            let n = seed % 50 == 0 ? (1 << 17) + 1 + random.below(200) : random.chance(50) ? random.pick(small)
                : random.below(300)
            let kinds = (0..<random.below(3)).map { _ in random.chance(50) ? FusedReductionKind.sum : .dot }
            let decline = n >= 1 << 17 && threads > 1 && kinds.contains(.sum) && kinds.contains(.dot)
            let backend = SIMDBackend(path: path)
            if random.chance(50) {
                let program: FusedProgram<Float> = randomProgram(count: n, reductions: kinds, random: &random)
                check(program, on: backend, threads: threads, seed: seed, expectDecline: decline,
                      awkward: random.awkward, "fuzz \(path)")
            } else {
                let program: FusedProgram<Double> = randomProgram(count: n, reductions: kinds, random: &random)
                check(program, on: backend, threads: threads, seed: seed, expectDecline: decline,
                      awkward: random.awkward, "fuzz \(path)")
            }
        }
    }

    /// Random programs of the C driver's steps only, so that its register path (`FusedRegisters.h`, from 1024
    /// elements) runs them: up to 40 steps (past its 32, the tile path), up to 5 reductions (past its 4, the tile
    /// path), lengths around whole blocks of 4 vectors (64 and 32 elements) on both sides of 1024.
    @Test func randomNativeProgramsMatchUnfusedKernels() {
        let native = paths.filter { $0 != .baseline }
        guard !native.isEmpty else { return }   // a CPU without AVX2: the C driver never runs
        let lengths = [1023, 1024, 1025, 1056, 1087, 1088, 1119, 2047, 4095, 4096, 4097, 3 * 4096 + 64, 64, 100]
        for seed in UInt64(1)...400 {
            var random = FuzzRandom(seed &* 0x9E37_79B9_7F4A_7C15)
            random.awkward = seed % 2 == 0   // half the programs on ordinary values, so that sums show their order
            let path = random.pick(native)
            let threads = 1 + random.below(2)
            let n = random.chance(80) ? random.pick(lengths) : 1024 + random.below(2000)
            let kinds = (0..<random.below(random.chance(10) ? 6 : 4)).map { _ in
                random.chance(50) ? FusedReductionKind.sum : .dot
            }
            let maxSteps = random.chance(10) ? 40 : 16
            let backend = SIMDBackend(path: path)
            if random.chance(50) {
                let program: FusedProgram<Float> = randomProgram(count: n, reductions: kinds, native: true,
                                                                 maxSteps: maxSteps, random: &random)
                check(program, on: backend, threads: threads, seed: seed, awkward: random.awkward,
                      "native \(path)")
            } else {
                let program: FusedProgram<Double> = randomProgram(count: n, reductions: kinds, native: true,
                                                                  maxSteps: maxSteps, random: &random)
                check(program, on: backend, threads: threads, seed: seed, awkward: random.awkward,
                      "native \(path)")
            }
        }
    }

    /// Ten scratch tiles (more than the backend's pooled buffers hold at full tiles) chained through every buffer.
    @Test(arguments: paths)
    func manyScratchBuffersMatchUnfusedKernels(path: SIMDKernelPath) {
        let backend = SIMDBackend(path: path)
        for threads in [1, 2] {
            for n in [100, 2 * 4096 + 5, (1 << 17) + 77] {
                let x = FusedMemory<Double>.data(0, count: n)
                var steps = [FusedStep<Double>(.unary(.neg), a: x, out: FusedOperand(slot: 0, byteOffset: 0, isScratch: true))]
                for t in 1..<10 {
                    steps.append(FusedStep(.binary(.add, .elementwise),
                                           a: FusedOperand(slot: t - 1, byteOffset: 0, isScratch: true), b: x,
                                           out: FusedOperand(slot: t, byteOffset: 0, isScratch: true)))
                }
                steps.append(FusedStep(.copy, a: FusedOperand(slot: 9, byteOffset: 0, isScratch: true),
                                       out: FusedMemory<Double>.data(1, count: n)))
                steps.append(FusedStep(.reduction(0), a: FusedOperand(slot: 5, byteOffset: 0, isScratch: true)))
                let program = FusedProgram(count: n, steps: steps, reductionKinds: [.sum],
                                           reductionOutputs: [FusedMemory<Double>.result(0)], scratchCount: 10)
                check(program, on: backend, threads: threads, seed: UInt64(n), "\(path) ten scratch tiles")
            }
        }
    }

    /// A dot product adds on one thread while a long sum splits across threads: no single pass can honour both, so
    /// `runFused` declines, having written nothing; on one thread, or below the threshold, it runs.
    @Test(arguments: paths)
    func dotWithSplitSumDeclinesUntouched(path: SIMDKernelPath) {
        let backend = SIMDBackend(path: path), n = (1 << 17) + 5
        #expect(!check(fixedProgram(count: n, reductions: [.dot, .sum]) as FusedProgram<Float>, on: backend,
                       threads: 2, seed: 7, expectDecline: true, "decline"))
        #expect(!check(fixedProgram(count: n, reductions: [.sum, .dot]) as FusedProgram<Double>, on: backend,
                       threads: 2, seed: 8, expectDecline: true, "decline"))
        #expect(check(fixedProgram(count: n, reductions: [.dot, .sum]) as FusedProgram<Float>, on: backend,
                      threads: 1, seed: 9, "one thread"))
        #expect(check(fixedProgram(count: (1 << 17) - 64, reductions: [.dot, .sum]) as FusedProgram<Double>,
                      on: backend, threads: 2, seed: 10, "below the threshold"))
    }
}

// MARK: - The conformance example of WritingABackend.md ("Fusing elementwise runs"), verbatim

/// Elementwise-only fused runs in tiles on the base's kernels; runs with reductions are replayed one by one.
final class TiledBackend: ForwardingBackend, FusingBackend, @unchecked Sendable {
    init() { super.init(name: "tiled", forwardingTo: ReferenceBackend()) }

    func runFused(_ run: FusedRun<Float>) -> Bool { runTiled(run) }
    func runFused(_ run: FusedRun<Double>) -> Bool { runTiled(run) }

    private func runTiled<T: TensorScalar>(_ run: FusedRun<T>) -> Bool {
        guard run.reductions.isEmpty else { return false }
        let tile = 4096
        withUnsafeTemporaryAllocation(of: T.self, capacity: max(1, run.scratchCount * tile)) { scratch in
            for start in stride(from: 0, to: run.count, by: tile) {
                run.evaluate(start..<min(run.count, start + tile), scratch: scratch.baseAddress!,
                             scratchStride: tile, on: self) { _, _, _ in }
            }
        }
        return true
    }
}

extension FusedRunThreadCountTests {
    /// The documented example runs elementwise runs bitwise and declines runs with reductions.
    @Test func documentedTiledBackendMatchesItsUnfusedKernels() {
        let backend = TiledBackend()
        for seed in UInt64(1)...40 {
            var random = FuzzRandom(seed &* 0x9E37_79B9)
            let n = random.pick([0, 1, 17, 100, 4095, 4097, 2 * 4096 + 5])
            let kinds = (0..<random.below(2)).map { _ in FusedReductionKind.sum }
            let program: FusedProgram<Float> = randomProgram(count: n, reductions: kinds, random: &random)
            check(program, on: backend, threads: 1 + random.below(2), seed: seed, expectDecline: !kinds.isEmpty,
                  "TiledBackend")
        }
    }
}
