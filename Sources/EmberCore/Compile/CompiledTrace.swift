import EmberBackend

/// One recorded step, ready to replay: the kernel calls and live regions in order, the buffers they use (held here,
/// except the step's arguments, which each call supplies), the guards under which it is valid, and where the loss is.
///
/// A replay allocates no tensor, node or closure per kernel: it binds each slot to its memory for the duration of the
/// call (nested scoped accesses, so no address outlives its owner), runs the entries, restores the gradient bindings,
/// and copies the loss into one new tensor, so a loss the caller kept from an earlier call is never overwritten.
final class CompiledTrace<Scalar: TensorScalar> {
    let guards: CompileGuards<Scalar>
    let slots: [TraceSlotSource]
    /// The entries, each as the one call a replay makes: a kernel, a live region (after restoring its gradient
    /// bindings) or a fused run (with its kernels as the fallback). Closures, not the entries themselves, so that
    /// the replay loop copies no enum payloads.
    private let steps: ContiguousArray<ReplayCall>
    /// The same calls, unretained, for the replay loop: calling a closure held in an array retains and releases its
    /// context each time (a fifth of a small step's replay); `steps` keeps them alive.
    private let unretainedSteps: ContiguousArray<Unmanaged<ReplayCall>>
    let loss: BufferRef
    let lossShape: [Int]
    let finalBindings: GradBindings<Scalar>
    /// Index arguments and the bound their indices must stay below.
    let indexBounds: [(input: Int, bound: Int)]
    /// The number of kernel calls a replay makes (live regions not counted, a fused run counted once).
    let kernelCount: Int
    /// The number of fused runs, and the kernels they replace.
    let fusedRunCount: Int, fusedKernelCount: Int
    /// The number of kernels the backend prepared, in sequences each replayed as one call (`KernelPreparation`).
    let preparedKernelCount: Int

    /// The address of each held slot's memory (`nil` for arguments). Taken once, when the trace is made: `slots`
    /// holds every owner for as long as this trace exists, and a storage's elements never move, so each address is
    /// valid exactly as long as it is kept (binding every slot inside its own scoped access at every replay cost
    /// more than the replay's kernels on small steps).
    private let heldBases: [UnsafeMutableRawPointer?]
    /// The distinct buffers the trace holds (after `MemoryPlan` shared some), and the slots that use them.
    let bufferCount: Int, heldSlotCount: Int
    /// The slots of argument 0 (`x`) and 1 (`y`).
    private let inputSlots: [(slot: Int, input: Int)]

    init(guards: CompileGuards<Scalar>, slots: [TraceSlotSource], entries: [TapeEntry], loss: BufferRef,
         lossShape: [Int], finalBindings: GradBindings<Scalar>, indexBounds: [(input: Int, bound: Int)],
         parameters: [Parameter<Scalar>], fusing: (any FusingBackend)?) {
        self.guards = guards
        self.slots = slots
        self.loss = loss
        self.lossShape = lossShape
        self.finalBindings = finalBindings
        self.indexBounds = indexBounds
        var kernels = 0, runs = 0, fused = 0, prepared = 0
        for entry in entries {
            switch entry {
            case .kernel(let kernel):
                kernels += 1
                prepared += kernel.preparedNames.count
            case .fused(_, let replaced): runs += 1; fused += replaced.count
            case .live: break
            }
        }
        (kernelCount, fusedRunCount, fusedKernelCount, preparedKernelCount) = (kernels + runs, runs, fused, prepared)
        steps = ContiguousArray(entries.map { ReplayCall(Self.step($0, parameters: parameters, fusing: fusing)) })
        unretainedSteps = ContiguousArray(steps.map { Unmanaged.passUnretained($0) })
        heldBases = slots.map { source in
            guard case .held(let owner) = source else { return nil }
            return owner.withTraceBase { $0 }
        }
        let held = slots.compactMap { source -> ObjectIdentifier? in
            if case .held(let owner) = source { return ObjectIdentifier(owner) }
            return nil
        }
        heldSlotCount = held.count
        bufferCount = Set(held).count
        inputSlots = slots.indices.compactMap { i in
            guard case .input(let k) = slots[i] else { return nil }
            return (i, k)
        }
    }

    /// Replays the step on `inputs`; `nil` when an index argument holds an index the trace cannot serve (the caller
    /// then runs the step eagerly, which reports or handles it).
    /// Generic over the target (not `any CompiledStepInput`), so that the specialised compiled step reaches its
    /// arguments' memory with direct calls.
    func replay<Target: CompiledStepInput>(_ x: Tensor<Scalar>, _ y: Target, parameters: [Parameter<Scalar>],
                                           backend: any Backend) -> Tensor<Scalar>? {
        for i in 0..<indexBounds.count {
            let bound = indexBounds[i].bound
            if !(indexBounds[i].input == 0 ? x._indicesAreBelow(bound) : y._indicesAreBelow(bound)) { return nil }
        }
        let out = Tensor<Scalar>.uninitialized(lossShape)
        let complete = withUnsafeTemporaryAllocation(of: UnsafeMutableRawPointer.self,
                                                     capacity: Swift.max(slots.count, 1)) { bases in
            for i in 0..<heldBases.count { if let base = heldBases[i] { bases[i] = base } }
            // The arguments' memory, inside their scoped accesses for the whole replay.
            return x._withCompiledBuffer { xBase, _, _ in
                y._withCompiledBuffer { yBase, _, _ in
                    for (slot, input) in inputSlots {
                        guard let base = input == 0 ? xBase : yBase else { return false }
                        bases[slot] = base
                    }
                    run(UnsafePointer(bases.baseAddress!), backend: backend, into: out)
                    return true
                }
            }
        }
        guard complete else { return nil }
        finalBindings.restore(parameters)
        return out
    }

    /// Runs the entries on the slot addresses `bases` and copies the loss into `out`.
    private func run(_ bases: UnsafePointer<UnsafeMutableRawPointer>, backend: any Backend, into out: Tensor<Scalar>) {
        withExtendedLifetime(steps) {
            for step in unretainedSteps { step._withUnsafeGuaranteedRef { $0.call(bases, backend) } }
        }
        // A plain copy, not a kernel call: the loss is usually one element, and a copy's bits are the same anywhere.
        let source = loss.pointer(bases, as: Scalar.self)
        out.storage.withUnsafeMutablePointerToElements { $0.initialize(from: source, count: out.count) }
    }

    /// The call a replay makes for `entry`; `fusing` is the backend in force when the trace was made (which the
    /// guards require at replay), when it fuses.
    private static func step(_ entry: TapeEntry, parameters: [Parameter<Scalar>], fusing: (any FusingBackend)?)
        -> (UnsafePointer<UnsafeMutableRawPointer>, any Backend) -> Void {
        switch entry {
        case .kernel(let kernel):
            return kernel.run
        case .live(let body, let bindings):
            let bindings = bindings.map { unsafeDowncast($0, to: GradBindings<Scalar>.self) }
            return { _, _ in
                bindings?.restore(parameters)
                body()
            }
        case .fused(let program, let kernels):
            let program = unsafeDowncast(program, to: FusedProgram<Scalar>.self)
            let fallback = kernels.map(\.run)
            return { bases, backend in
                if let fusing, Scalar._runFused(fusing, FusedRun(program: program, bases: bases)) { return }
                for kernel in fallback { kernel(bases, backend) }
            }
        }
    }
}

/// One call of a replay, in a class so that the replay loop can reach it unretained.
final class ReplayCall {
    let call: (UnsafePointer<UnsafeMutableRawPointer>, any Backend) -> Void

    init(_ call: @escaping (UnsafePointer<UnsafeMutableRawPointer>, any Backend) -> Void) { self.call = call }
}
