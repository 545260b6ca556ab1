import EmberBackend

/// Joins a trace's kernels into fused runs for a `FusingBackend`: maximal runs of fusible kernels (`FusibleKernel`)
/// over the same element count, each replayed as one `FusedProgram`.
///
/// The kernels of a run need not be consecutive in the trace: a kernel over another count (the one-element loss
/// scaling between a forward and a backward pass) or one that cannot fuse moves out of the run's way, before it
/// or after it, when the two orders touch memory alike (neither writes memory the other reads or writes; memory is
/// compared after `MemoryPlan`'s sharing). Every kernel still computes from the same inputs, so the results keep
/// their bits.
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
        // Without a fusible kernel over `minimumCount` elements or more, no run is fused and nothing moves.
        let worthFusing = entries.contains { entry in
            guard case .kernel(let kernel) = entry, let fusion = kernel.fusion else { return false }
            return fusion.count >= minimumCount
        }
        guard worthFusing else { return entries }
        let lifetimes = SlotLifetimes(uses: uses, slotCount: memory.count, listingUsers: true)
        var result: [TapeEntry] = []
        var run = Run()
        // Kernels met while the run was open that must run after it, in order, and the memory they touch. Closing
        // the run puts them back at the head of the entries still to plan.
        var deferred: [Int] = [], deferredFootprint = MemoryFootprint()
        var pending = Array(entries.indices.reversed())   // a stack: the next entry last
        func close() {
            if run.kernels.count >= 2 && run.count >= minimumCount {
                let program: FusedProgram<Scalar> = run.program(lifetimes: lifetimes, candidates: candidates)
                result.append(.fused(program: program, kernels: run.kernels))
            } else {
                result += run.kernels.map { TapeEntry.kernel($0) }
            }
            pending += deferred.reversed()
            (run, deferred, deferredFootprint) = (Run(), [], MemoryFootprint())
        }
        // Closing the last run may put deferred kernels back.
        repeat {
            while let index = pending.popLast() {
                let entry = entries[index]
                guard case .kernel(let kernel) = entry else {
                    if run.kernels.isEmpty {
                        result.append(entry)
                    } else {
                        // After the run and the kernels it deferred.
                        pending.append(index)
                        close()
                    }
                    continue
                }
                let footprint = MemoryFootprint(uses[index], memory: memory)
                if let fusion = kernel.fusion, run.kernels.isEmpty || fusion.count == run.count {
                    if run.admits(fusion, memory: memory) && !footprint.conflicts(with: deferredFootprint) {
                        run.add(kernel, fusion, entry: index, footprint: footprint, memory: memory)
                    } else {
                        // A new run, after this one and the kernels it deferred.
                        pending.append(index)
                        close()
                    }
                    continue
                }
                // A kernel over another count, or not fusible, inside a run worth fusing moves out of the run's way:
                // before the run when neither writes memory the other touches (the run so far, and the kernels
                // deferred), else after it (later kernels join the run only if they keep off its memory).
                if !run.kernels.isEmpty && run.count >= minimumCount {
                    if footprint.conflicts(with: run.footprint) || footprint.conflicts(with: deferredFootprint) {
                        deferred.append(index)
                        deferredFootprint.formUnion(footprint)
                    } else {
                        result.append(entry)
                    }
                    continue
                }
                close()   // nothing deferred: the run is empty or too short to move kernels around
                if let fusion = kernel.fusion {
                    run.add(kernel, fusion, entry: index, footprint: footprint, memory: memory)
                } else {
                    result.append(entry)
                }
            }
            close()
        } while !pending.isEmpty
        let planned = result.reduce(0) { count, entry in
            if case .fused(_, let kernels) = entry { return count + kernels.count }
            return count + 1
        }
        precondition(planned == entries.count, "FusionPlanner: \(planned) entries planned of \(entries.count)")
        return result
    }

    /// The run being built.
    private struct Run {
        var kernels: [TapeKernel] = []
        /// The entries of the run's kernels, and the memory they touch.
        var members: Set<Int> = []
        var footprint = MemoryFootprint()
        var count = -1
        /// Byte offset of each memory (a `memory` slot) the run touches element by element.
        var offsets: [Int: Int] = [:]
        var written: Set<Int> = [], scalarReads: Set<Int> = [], reductionOutputs: Set<Int> = []

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

        mutating func add(_ kernel: TapeKernel, _ k: FusibleKernel, entry: Int, footprint: MemoryFootprint,
                          memory: [Int]) {
            if kernels.isEmpty { count = k.count }
            kernels.append(kernel)
            members.insert(entry)
            self.footprint.formUnion(footprint)
            for (ref, writes) in k.elementOperands {
                offsets[memory[ref.slot]] = ref.byteOffset
                if writes { written.insert(memory[ref.slot]) }
            }
            if let scalar = k.scalarOperand { scalarReads.insert(memory[scalar.slot]) }
            if k.isReduction, let out = k.out { reductionOutputs.insert(memory[out.slot]) }
        }

        /// The program of the run.
        func program<Scalar: TensorScalar>(lifetimes: SlotLifetimes,
                                           candidates: Set<Int>) -> FusedProgram<Scalar> {
            let fusions = kernels.map { $0.fusion! }
            // Intermediates only this run uses, first written by an elementwise step of it: tile buffers.
            var scratch: [Int: Int] = [:]
            let scalarSlots = Set(fusions.compactMap { $0.scalarOperand?.slot })
            for k in fusions where !k.isReduction {
                guard let out = k.out, candidates.contains(out.slot), !scalarSlots.contains(out.slot),
                      scratch[out.slot] == nil, lifetimes.isConfined(out.slot, to: members) else { continue }
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
                steps.append(k.step(reduction: kinds.count, operand: operand))
                if k.isReduction {
                    kinds.append(k.isDot ? .dot : .sum)
                    outputs.append(operand(k.out)!)
                }
            }
            return FusedProgram(count: count, steps: steps, reductionKinds: kinds, reductionOutputs: outputs,
                                scratchCount: scratch.count)
        }
    }
}
