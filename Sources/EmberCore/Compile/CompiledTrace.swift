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
    let entries: [TapeEntry]
    let loss: BufferRef
    let lossShape: [Int]
    let finalBindings: GradBindings<Scalar>
    /// Index arguments and the bound their indices must stay below.
    let indexBounds: [(input: Int, bound: Int)]
    /// The number of kernel calls a replay makes (live regions not counted).
    let kernelCount: Int

    init(guards: CompileGuards<Scalar>, slots: [TraceSlotSource], entries: [TapeEntry], loss: BufferRef,
         lossShape: [Int], finalBindings: GradBindings<Scalar>, indexBounds: [(input: Int, bound: Int)]) {
        self.guards = guards
        self.slots = slots
        self.entries = entries
        self.loss = loss
        self.lossShape = lossShape
        self.finalBindings = finalBindings
        self.indexBounds = indexBounds
        kernelCount = entries.reduce(0) { count, entry in
            if case .kernel = entry { return count + 1 }
            return count
        }
    }

    /// Replays the step on `inputs`; `nil` when an index argument holds an index the trace cannot serve (the caller
    /// then runs the step eagerly, which reports or handles it).
    func replay(_ inputs: [any CompiledStepInput], parameters: [Parameter<Scalar>],
                backend: any Backend) -> Tensor<Scalar>? {
        for (input, bound) in indexBounds where !inputs[input]._indicesAreBelow(bound) { return nil }
        let out = Tensor<Scalar>.uninitialized(lossShape)
        let complete = withUnsafeTemporaryAllocation(of: UnsafeMutableRawPointer.self, capacity: Swift.max(slots.count, 1)) {
            bases in
            bind(0, bases, inputs) {
                for entry in entries {
                    switch entry {
                    case .kernel(let kernel):
                        kernel.run(UnsafePointer(bases.baseAddress!), backend)
                    case .live(let body, let bindings):
                        (bindings as? GradBindings<Scalar>)?.restore(parameters)
                        body()
                    }
                }
                let source = loss.pointer(UnsafePointer(bases.baseAddress!), as: Scalar.self)
                out.storage.withUnsafeMutablePointerToElements { Scalar._copy(backend, source, $0, count: out.count) }
            }
        }
        guard complete else { return nil }
        finalBindings.restore(parameters)
        return out
    }

    /// Stores the address of slot `index` and of every later one in `bases`, each inside its owner's scoped
    /// access, then runs `body`; `false` (without running it) when an argument has no memory at all.
    private func bind(_ index: Int, _ bases: UnsafeMutableBufferPointer<UnsafeMutableRawPointer>,
                      _ inputs: [any CompiledStepInput], _ body: () -> Void) -> Bool {
        if index == slots.count {
            body()
            return true
        }
        switch slots[index] {
        case .held(let owner):
            return owner.withTraceBase { base in
                bases[index] = base
                return bind(index + 1, bases, inputs, body)
            }
        case .input(let k):
            return inputs[k]._withCompiledBuffer { base, _, _ in
                guard let base else { return false }
                bases[index] = base
                return bind(index + 1, bases, inputs, body)
            }
        }
    }
}
