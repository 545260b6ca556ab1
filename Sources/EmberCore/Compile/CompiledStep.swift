import EmberBackend

/// A training step that traces itself once and then replays the recorded kernels, like `mx.compile` or tinygrad's
/// `TinyJit`. Create one with `compile(_:_:_:)`.
///
/// Call 0 runs eagerly (creating gradients and optimizer state); call 1 runs under a `TracingBackend` that records
/// every kernel call; later calls replay the recording on the same buffers, re-running the optimizer's `step()` (and
/// any other `CompileTracing.liveRegion`) live. When a guard fails (input shapes, backend, grad mode, thread count,
/// train/eval flags, gradients present, the optimizer's parameters), the step retraces, keeping up to `cacheSize`
/// traces; past that, and when the step cannot be traced at all (a host read such as `item()`), it runs eagerly and
/// says why once on standard error.
public final class CompiledStep<Scalar: TensorScalar, Target: CompiledStepInput> {
    /// The most traces kept; a step that needs more runs eagerly.
    public static var cacheSize: Int { 8 }

    let body: (Tensor<Scalar>, Target) -> Tensor<Scalar>
    let context: CompiledStepContext<Scalar>
    let isEnabled: Bool
    // The state below is read at every call: `@exclusivity(unchecked)` spares each read its run-time exclusivity
    // check (a compiled step is not `Sendable`, and no access to these spans a call that could touch them).
    @exclusivity(unchecked) var traces: [CompiledTrace<Scalar>] = []
    /// Why the step runs eagerly for good, once decided.
    @exclusivity(unchecked) public private(set) var eagerReason: String?
    /// How many calls ran eagerly, were traced, and were replayed.
    @exclusivity(unchecked) public private(set) var eagerCalls = 0, tracedCalls = 0, replayedCalls = 0
    private var saidCacheFull = false

    init(body: @escaping (Tensor<Scalar>, Target) -> Tensor<Scalar>, context: CompiledStepContext<Scalar>, enabled: Bool) {
        self.body = body
        self.context = context
        self.isEnabled = enabled
    }

    /// The kernel calls each trace replays, in cache order (the most recently traced last).
    public var kernelCounts: [Int] { traces.map(\.kernelCount) }

    /// For each trace, its fused runs and the kernel calls they replace (none unless the backend is a
    /// `FusingBackend`).
    public var fusedRunCounts: [(runs: Int, kernels: Int)] { traces.map { ($0.fusedRunCount, $0.fusedKernelCount) } }

    /// For each trace, the kernels its backend prepared for it (`EMBER_COMPILE_FUSE=0` turns them off): on `simd`, its
    /// small C kernels, and on `cblas` those it runs on `simd`; each run of them is replayed as one call without the
    /// dispatch layers of `Backend` calls (a sequence counts once in `kernelCounts`). Zero on other backends.
    public var preparedKernelCounts: [Int] { traces.map(\.preparedKernelCount) }

    /// For each trace, the buffers it holds and the tensors they serve (intermediates whose lifetimes do not overlap
    /// share memory, so the first is smaller).
    public var bufferCounts: [(buffers: Int, tensors: Int)] { traces.map { ($0.bufferCount, $0.heldSlotCount) } }

    /// Runs one step on a batch and returns its loss, a new tensor at every call.
    /// - Parameters:
    ///   - x: the inputs.
    ///   - y: the targets (a tensor, or class labels).
    /// - Returns: the loss the step's closure returned (without autograd history when replayed).
    @_specialize(where Scalar == Float, Target == Tensor<Float>)
    @_specialize(where Scalar == Float, Target == IndexTensor)
    @_specialize(where Scalar == Double, Target == Tensor<Double>)
    @_specialize(where Scalar == Double, Target == IndexTensor)
    public func callAsFunction(_ x: Tensor<Scalar>, _ y: Target) -> Tensor<Scalar> {
        guard isEnabled, eagerReason == nil, eagerCalls + tracedCalls + replayedCalls > 0 else { return eager(x, y) }
        var reason = "first trace"
        let backend = Backends.current
        for t in traces.indices.reversed() {
            let trace = traces[t]
            if let mismatch = trace.guards.mismatch(x.shape, y.shape, backend: backend, context: context) {
                reason = mismatch
                continue
            }
            if let loss = trace.replay(x, y, parameters: context.parameters, backend: backend) {
                replayedCalls += 1
                return loss
            }
            return eager(x, y)   // an index out of range: eager reports or handles it
        }
        guard traces.count < Self.cacheSize else {
            if !saidCacheFull {
                saidCacheFull = true
                CompileSettings.say("\(Self.cacheSize) traces cached and none fits (\(reason)); calls that fit none run eagerly")
            }
            return eager(x, y)
        }
        CompileSettings.log(traces.isEmpty ? "tracing the step (\(reason))" : "retracing the step: \(reason)")
        return trace(x, y)
    }

    private func eager(_ x: Tensor<Scalar>, _ y: Target) -> Tensor<Scalar> {
        eagerCalls += 1
        return body(x, y)
    }

    /// Runs the step under a tracing backend; keeps the trace when it can be replayed, else stays eager for good.
    private func trace(_ x: Tensor<Scalar>, _ y: Target) -> Tensor<Scalar> {
        tracedCalls += 1
        let recorder = TraceRecorder()
        let parameters = context.parameters
        recorder.snapshotBindings = { GradBindings(parameters) }
        let guards = CompileGuards(inputs: [x.shape, y.shape], context: context)
        let entryGrads = parameters.map(\.grad)
        let base = Backends.current
        for (k, input) in [x, y as any CompiledStepInput].enumerated() {
            input._withCompiledBuffer { address, owner, bytes in
                recorder.addInput(k, owner: owner, base: Int(bitPattern: address), bytes: bytes)
            }
        }
        let (result, lossRef) = runTraced(x, y, recorder: recorder, base: base)
        let finalBindings = GradBindings(parameters)
        var (sources, entries, created) = recorder.finish()
        if let failure = recorder.failure ?? (lossRef == nil ? "the loss is no kernel's output" : nil) {
            stayEager(failure)
            return result
        }
        var allowed = Set(finalBindings.storageIDs)
        for case .live(_, let bindings as GradBindings<Scalar>) in entries { allowed.formUnion(bindings.storageIDs) }
        guard let slots = Self.checkedSlots(&sources, created: created, allowed: allowed) else {
            stayEager("the step keeps a tensor it computed beyond the call (a replay would overwrite it)")
            return result
        }
        for (i, grad) in entryGrads.enumerated() {
            guard let grad else { continue }
            let read = slots.contains { if case .held(let owner) = $0 { return owner === grad.storage } else { return false } }
            if read { guards.gradsRead.append((i, grad)) }
        }
        func createdSlots(allowed isAllowed: Bool) -> Set<Int> {
            Set(slots.indices.filter { i in
                guard case .held(let owner) = slots[i], i != lossRef!.slot else { return false }
                let id = ObjectIdentifier(owner)
                return created.contains(id) && allowed.contains(id) == isAllowed
            })
        }
        var candidates = createdSlots(allowed: false), uses = recorder.uses
        let elided = CopyElision.find(entries, uses: uses, bytes: recorder.slotBytes, candidates: candidates,
                                      gradients: createdSlots(allowed: true), scalarBytes: MemoryLayout<Scalar>.stride)
        for copy in elided.reversed() {
            entries.remove(at: copy.entry)
            uses.remove(at: copy.entry)
            candidates.remove(copy.source)
        }
        var plan = MemoryPlan.assign(uses: uses, bytes: recorder.slotBytes, candidates: candidates)
        for copy in elided { plan[copy.source] = plan[copy.target] }
        let fusing = CompileSettings.fuses ? base as? any FusingBackend : nil
        if let fusing {
            entries = FusionPlanner.fuse(entries, uses: uses, memory: plan, candidates: candidates,
                                         minimumCount: fusing.minimumFusedCount, as: Scalar.self)
        }
        if CompileSettings.fuses, let preparing = base as? any KernelPreparing {
            entries = KernelPreparation.prepare(entries, on: preparing, as: Scalar.self)
        }
        traces.append(CompiledTrace(guards: guards, slots: slots.indices.map { slots[plan[$0]] }, entries: entries, loss: lossRef!,
                                    lossShape: result.shape, finalBindings: finalBindings,
                                    indexBounds: recorder.indexBounds.map { ($0.key, $0.value) },
                                    parameters: parameters, fusing: fusing))
        CompileSettings.log("trace \(traces.count): " + entries.map(\.logName).joined(separator: " "))
        return result
    }

    /// Runs the body with the tracer in force; returns a copy of the loss and where the trace holds it. The body's own
    /// loss tensor (and with it the autograd graph) is released before this returns.
    private func runTraced(_ x: Tensor<Scalar>, _ y: Target, recorder: TraceRecorder,
                           base: any Backend) -> (Tensor<Scalar>, BufferRef?) {
        let tracer = TracingBackend(base: base, recorder: recorder)
        CompileTracing.activeTraces.add(1, ordering: .relaxed)
        let loss = Backends.withTracer(tracer) { body(x, y) }
        CompileTracing.activeTraces.subtract(1, ordering: .relaxed)
        let ref = loss.storage.withUnsafeMutablePointerToElements { recorder.ref($0, "loss") }
        let copy = Tensor<Scalar>.uninitialized(loss.shape)
        loss.storage.withUnsafeMutablePointerToElements { source in
            copy.storage.withUnsafeMutablePointerToElements { Scalar._copy(base, source, $0, count: copy.count) }
        }
        return (copy, ref)
    }

    /// The slots, or `nil` when a storage the trace created is still referenced outside it (other than as a
    /// gradient), i.e. the step let a tensor it computed escape.
    private static func checkedSlots(_ sources: inout [TraceSlotSource], created: Set<ObjectIdentifier>,
                                     allowed: Set<ObjectIdentifier>) -> [TraceSlotSource]? {
        var owners: [AnyObject?] = []
        var inputs: [Int?] = []
        for source in sources {
            switch source {
            case .held(let owner): owners.append(owner); inputs.append(nil)
            case .input(let k): owners.append(nil); inputs.append(k)
            }
        }
        sources.removeAll()   // drop the enum's references, so that `owners` holds each owner once
        let ids = owners.map { $0.map { ObjectIdentifier($0) } }   // computed first: a bound owner would count
        for i in owners.indices {
            guard let id = ids[i], created.contains(id), !allowed.contains(id) else { continue }
            if !isKnownUniquelyReferenced(&owners[i]) { return nil }
        }
        return owners.indices.map { i in
            if let owner = owners[i] { return .held(owner as! any TraceOwner) }
            return .input(inputs[i]!)
        }
    }

    private func stayEager(_ reason: String) {
        eagerReason = reason
        CompileSettings.say("the step runs eagerly: \(reason)")
    }
}
