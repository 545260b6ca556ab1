import EmberBackend

/// Joins a trace's kernels into fused runs for a `FusingBackend`: maximal runs of consecutive fusible kernels
/// (`FusibleKernel`) over the same element count, each replayed as one `FusedProgram`.
///
/// A kernel joins the run in progress only if the tiled evaluation of the run (every step over elements `i..<j`,
/// then the next tile) computes what the kernels compute one after another:
/// - every buffer the run touches element by element is touched at one offset (so tile `i..<j` of one operand is
///   tile `i..<j` of every operand that shares its memory);
/// - a scalar operand (read at every position) is never written by the run;
/// - a reduction's result (stored after the last tile) is never touched by a later step of the run.
///
/// An intermediate that only the run uses (created by the step, first written by the run and never used outside
/// it) becomes a tile buffer of the scratch: it is never stored in memory.
enum FusionPlanner {
    /// The entries with each run of two or more fusible kernels replaced by one `.fused` entry.
    /// - Parameters:
    ///   - entries: the trace's entries; `uses` says how each uses its slots.
    ///   - memory: for each slot, the slot whose memory it uses (`MemoryPlan.assign`).
    ///   - candidates: the slots that are intermediates of the step (the only ones that may become scratch).
    ///   - minimumCount: the fewest elements a run must cover (`FusingBackend.minimumFusedCount`).
    static func fuse<Scalar: TensorScalar>(_ entries: [TapeEntry], uses: [[SlotUse]], memory: [Int],
                                           candidates: Set<Int>, minimumCount: Int = 0,
                                           as: Scalar.Type) -> [TapeEntry] {
        let lifetimes = SlotLifetimes(uses: uses, slotCount: memory.count)
        var result: [TapeEntry] = []
        var run = Run(start: 0)
        func close(at end: Int) {
            if run.kernels.count >= 2 && run.count >= minimumCount {
                let program: FusedProgram<Scalar> = run.program(entries: run.start..<end, lifetimes: lifetimes,
                                                                candidates: candidates)
                result.append(.fused(program: program, kernels: run.kernels))
            } else {
                result += run.kernels.map { TapeEntry.kernel($0) }
            }
            run = Run(start: end)
        }
        for (index, entry) in entries.enumerated() {
            guard case .kernel(let kernel) = entry, let fusion = kernel.fusion else {
                close(at: index)
                result.append(entry)
                run.start = index + 1
                continue
            }
            if !run.admits(fusion, memory: memory) {
                close(at: index)
            }
            run.add(kernel, fusion, memory: memory)
        }
        close(at: entries.count)
        return result
    }

    /// The run being built.
    private struct Run {
        var start: Int
        var kernels: [TapeKernel] = []
        var count = -1
        /// Byte offset of each memory (a `memory` slot) the run touches element by element.
        var offsets: [Int: Int] = [:]
        var written: Set<Int> = [], scalarReads: Set<Int> = [], reductionOutputs: Set<Int> = []

        init(start: Int) { self.start = start }

        func admits(_ k: FusibleKernel, memory: [Int]) -> Bool {
            if kernels.isEmpty { return true }
            guard k.count == count else { return false }
            for (ref, writes) in k.elementOperands {
                let m = memory[ref.slot]
                if reductionOutputs.contains(m) { return false }
                if let offset = offsets[m], offset != ref.byteOffset { return false }
                if writes && scalarReads.contains(m) { return false }
            }
            if let scalar = k.scalarOperand {
                let m = memory[scalar.slot]
                if written.contains(m) || reductionOutputs.contains(m) { return false }
            }
            // A reduction's result may go where earlier steps of the run read or wrote (it is stored after them);
            // only later steps must keep off it (checked above as they come).
            return true
        }

        mutating func add(_ kernel: TapeKernel, _ k: FusibleKernel, memory: [Int]) {
            if kernels.isEmpty { count = k.count }
            kernels.append(kernel)
            for (ref, writes) in k.elementOperands {
                offsets[memory[ref.slot]] = ref.byteOffset
                if writes { written.insert(memory[ref.slot]) }
            }
            if let scalar = k.scalarOperand { scalarReads.insert(memory[scalar.slot]) }
            if k.isReduction, let out = k.out { reductionOutputs.insert(memory[out.slot]) }
        }

        /// The program of the run, which covers `entries`.
        func program<Scalar: TensorScalar>(entries: Range<Int>, lifetimes: SlotLifetimes,
                                           candidates: Set<Int>) -> FusedProgram<Scalar> {
            let fusions = kernels.map { $0.fusion! }
            // Intermediates only this run uses, first written by an elementwise step of it: tile buffers.
            var scratch: [Int: Int] = [:]
            let scalarSlots = Set(fusions.compactMap { $0.scalarOperand?.slot })
            for k in fusions where !k.isReduction {
                guard let out = k.out, candidates.contains(out.slot), !scalarSlots.contains(out.slot),
                      scratch[out.slot] == nil, lifetimes.isConfined(out.slot, to: entries) else { continue }
                scratch[out.slot] = scratch.count
            }
            func operand(_ ref: BufferRef?) -> FusedOperand? {
                guard let ref else { return nil }
                if let tile = scratch[ref.slot] { return FusedOperand(slot: tile, byteOffset: 0, isScratch: true) }
                return FusedOperand(slot: ref.slot, byteOffset: ref.byteOffset, isScratch: false)
            }
            var steps: [FusedStep<Scalar>] = []
            var kinds: [FusedReductionKind] = [], outputs: [FusedOperand] = []
            for k in fusions {
                let operation: FusedStep<Scalar>.Operation
                switch k.operation {
                case .unary(let op): operation = .unary(op)
                case .binary(let op, let kind): operation = .binary(op, kind)
                case .fill: operation = .fill
                case .copy: operation = .copy
                case .axpy: operation = .axpy
                case .scale: operation = .scale
                case .sum, .dot:
                    operation = .reduction(kinds.count)
                    kinds.append(k.isDot ? .dot : .sum)
                    outputs.append(operand(k.out)!)
                }
                let isReduction = k.isReduction
                steps.append(FusedStep(operation, a: operand(k.a), b: operand(k.b), out: isReduction ? nil : operand(k.out),
                                       scalar: Scalar(k.scalar), scalarSource: k.scalarSource as? () -> Scalar))
            }
            return FusedProgram(count: count, steps: steps, reductionKinds: kinds, reductionOutputs: outputs,
                                scratchCount: scratch.count)
        }
    }
}

/// The first and last entry that uses each slot, and whether that first use overwrites it (within one kernel reads
/// come first: an `out` that is also an input is read before it is written).
struct SlotLifetimes {
    private(set) var first: [Int?], last: [Int], startsWithWrite: [Bool]

    init(uses: [[SlotUse]], slotCount: Int) {
        first = Array(repeating: nil, count: slotCount)
        last = Array(repeating: -1, count: slotCount)
        startsWithWrite = Array(repeating: false, count: slotCount)
        for (entry, slotUses) in uses.enumerated() {
            for use in slotUses {
                if first[use.slot] == nil {
                    first[use.slot] = entry
                    startsWithWrite[use.slot] = use.kind == .write
                        && !slotUses.contains { $0.slot == use.slot && $0.kind != .write }
                }
                last[use.slot] = entry
            }
        }
    }

    /// Whether every use of `slot` lies in `entries` and the first overwrites it.
    func isConfined(_ slot: Int, to entries: Range<Int>) -> Bool {
        guard let start = first[slot] else { return false }
        return startsWithWrite[slot] && entries.contains(start) && entries.contains(last[slot])
    }
}
