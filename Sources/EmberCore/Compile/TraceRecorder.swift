import EmberBackend

/// Collects one trace: the buffers the step's kernels touch (resolved from their addresses to the objects that own
/// them) and the kernel calls in order, plus the live regions between them.
///
/// Every storage created or handed to a kernel while the trace runs is held here until the trace ends, so an address
/// is never reused by another buffer during the trace and resolves to exactly one owner.
final class TraceRecorder {
    /// A buffer seen during the trace, with its address at that time.
    struct Known {
        let source: TraceSlotSource
        let base: Int
        let bytes: Int
        var slot: Int?
    }

    /// What a known buffer is keyed by: its owner, or (for an index input, a plain array) the argument position.
    enum Key: Hashable {
        case object(ObjectIdentifier)
        case input(Int)
    }

    private(set) var known: [Key: Known] = [:]
    private var byBase: [Int: Key] = [:]
    /// Storages created during the trace (held, so that their addresses stay unique).
    private(set) var allocated: [AnyObject] = []
    private(set) var allocatedIDs: Set<ObjectIdentifier> = []
    /// The slots in order of first use by a kernel.
    private(set) var slots: [TraceSlotSource] = []
    private(set) var entries: [TapeEntry] = []
    /// The bytes of each slot's buffer.
    private(set) var slotBytes: [Int] = []
    /// How each entry uses its slots (empty for live regions), for the memory plan.
    private(set) var uses: [[SlotUse]] = []
    /// Index inputs read by `gather`/`scatterAdd`, with the smallest length their indices must stay below.
    private(set) var indexBounds: [Int: Int] = [:]
    /// Why the trace cannot be replayed; the first reason wins.
    private(set) var failure: String?
    /// Takes a snapshot of the parameters' gradient bindings at a live region (set by the compiled step).
    var snapshotBindings: (() -> AnyObject)?
    /// Scalars that kernels recorded now take from a source at each replay (`CompileTracing.withReplayScalar`):
    /// the value they have now, as a `Double`, and the `() -> S` that gives it.
    var replayScalars: [(value: Double, source: Any)] = []

    /// The source of a kernel's scalar argument `value`, when a replay scalar in force has that value.
    func replayScalarSource<S: TensorScalar>(_ value: S) -> (() -> S)? {
        for scalar in replayScalars.reversed() where scalar.value.bitPattern == Double(value).bitPattern {
            if let source = scalar.source as? () -> S { return source }
        }
        return nil
    }

    init() {
        // Room for a small step's buffers and kernels, so that the dictionaries do not grow by rehashing.
        known.reserveCapacity(32)
        byBase.reserveCapacity(32)
        allocatedIDs.reserveCapacity(32)
    }

    /// Registers argument `index` of the step, whose memory `owner` (or, with `nil`, a plain array) provides.
    func addInput(_ index: Int, owner: AnyObject?, base: Int, bytes: Int) {
        let key = owner.map { Key.object(ObjectIdentifier($0)) } ?? .input(index)
        known[key] = Known(source: .input(index), base: base, bytes: bytes)
        byBase[base] = key
    }

    func fail(_ reason: String) {
        if failure == nil { failure = reason }
    }

    func noteAllocation(_ storage: AnyObject) {
        guard failure == nil else { return }
        allocated.append(storage)
        allocatedIDs.insert(ObjectIdentifier(storage))
    }

    func noteOwner(_ owner: any TraceOwner, base: Int, bytes: Int) {
        guard failure == nil else { return }
        let id = Key.object(ObjectIdentifier(owner))
        if known[id] != nil { return }
        known[id] = Known(source: .held(owner), base: base, bytes: bytes)
        byBase[base] = id
    }

    func recordLive(_ body: @escaping () -> Void) {
        guard failure == nil else { return }
        entries.append(.live(body: body, bindings: snapshotBindings?()))
        uses.append([])
    }

    /// The slot reference of `pointer`, or `nil` (and the trace fails) when no buffer the trace knows holds it.
    func ref(_ pointer: UnsafeRawPointer, _ kernel: String) -> BufferRef? {
        guard let found = lookup(pointer) else {
            fail("\(kernel) used memory that belongs to no tensor the trace can follow")
            return nil
        }
        return found
    }

    /// Like `ref`, but a scalar operand in no tensor (a Swift value passed by address, such as the divisor of
    /// `mean()`) becomes a constant of the trace: its value now, held in a one-element buffer.
    func scalarRef<S: TensorScalar>(_ pointer: UnsafePointer<S>, _ kernel: String) -> BufferRef? {
        if let found = lookup(pointer) { return found }
        guard failure == nil else { return nil }
        let constant = TensorStorage<S>.allocate(1, shape: [])
        return constant.withUnsafeMutablePointerToElements { base in
            base.initialize(to: pointer.pointee)
            noteOwner(constant, base: Int(bitPattern: base), bytes: MemoryLayout<S>.stride)
            return ref(base, kernel)
        }
    }

    private func lookup(_ pointer: UnsafeRawPointer) -> BufferRef? {
        let address = Int(bitPattern: pointer)
        var id = byBase[address]
        if id == nil {
            id = known.first { _, k in address >= k.base && address < k.base + Swift.max(k.bytes, 1) }?.key
        }
        guard let id, var entry = known[id] else { return nil }
        let slot: Int
        if let existing = entry.slot {
            slot = existing
        } else {
            slot = slots.count
            slots.append(entry.source)
            slotBytes.append(entry.bytes)
            entry.slot = slot
            known[id] = entry
        }
        return BufferRef(slot: slot, byteOffset: address - entry.base)
    }

    /// Appends a kernel call unless the trace has failed.
    /// - Parameters:
    ///   - reads: the operands the kernel reads.
    ///   - writes: the operands it overwrites.
    ///   - updates: the operands it reads and writes (`axpy`'s `y`, `scatterAdd`'s `out`).
    ///   - fusion: what the call computes, when it can join a fused run.
    func append(_ name: String, reads: [BufferRef] = [], writes: [BufferRef] = [], updates: [BufferRef] = [],
                fusion: FusibleKernel? = nil,
                _ run: @escaping (UnsafePointer<UnsafeMutableRawPointer>, any Backend) -> Void) {
        guard failure == nil else { return }
        entries.append(.kernel(TapeKernel(name: name, run: run, fusion: fusion)))
        uses.append(reads.map { SlotUse(slot: $0.slot, kind: .read) } + updates.map { SlotUse(slot: $0.slot, kind: .update) }
            + writes.map { SlotUse(slot: $0.slot, kind: .write) })
    }

    /// Records that the indices of input `input` are read by a kernel whose indices must lie in `0..<length`.
    func boundIndices(of ref: BufferRef, below length: Int) {
        guard case .input(let input) = slots[ref.slot] else {
            fail("gather/scatterAdd read indices computed inside the step (not the step's own label input)")
            return
        }
        indexBounds[input] = Swift.min(indexBounds[input] ?? length, length)
    }

    /// Ends the trace: returns the slots' owners (each held once) and forgets everything else, so that the caller can
    /// test which storages created during the trace are still referenced outside it.
    func finish() -> (slots: [TraceSlotSource], entries: [TapeEntry], createdIDs: Set<ObjectIdentifier>) {
        let result = (slots, entries, allocatedIDs)
        known = [:]
        byBase = [:]
        allocated = []
        slots = []
        entries = []
        return result
    }
}
