/// Removes the copies that only move a finished intermediate into a gradient: the kernel that computed the
/// intermediate writes the gradient's memory instead, as `torch.compile` and XLA drop such copies.
///
/// A backward pass hands each leaf a new tensor and `accumulateGrad` copies it into the leaf's own `grad` (the tensor
/// may be shared with the graph in eager mode). In a trace that copy is one kernel call per parameter per step, over
/// the whole gradient. It is dropped when nothing can tell:
/// - the source is an intermediate that may share memory (a `MemoryPlan` candidate) and this copy is its last use;
/// - the destination is a gradient the trace created, of the same size, that nothing used before this copy;
/// - the copy covers both buffers whole, from their first byte.
/// Every kernel that used the source then uses the gradient's memory, which nothing else reads or writes before the
/// copy would have: each element ends with the bits the copy would have given it.
enum CopyElision {
    /// A dropped copy: the entry, and the slot that now uses the memory of another.
    struct Elided {
        let entry: Int
        let source: Int
        let target: Int
    }

    /// The copies to drop, in entry order.
    /// - Parameters:
    ///   - entries: the trace's entries.
    ///   - uses: each entry's slot uses.
    ///   - bytes: each slot's size in bytes.
    ///   - candidates: the slots that may share memory (`MemoryPlan`).
    ///   - gradients: the slots of gradients the trace created.
    ///   - scalarBytes: the bytes of one element.
    static func find(_ entries: [TapeEntry], uses: [[SlotUse]], bytes: [Int], candidates: Set<Int>,
                     gradients: Set<Int>, scalarBytes: Int) -> [Elided] {
        guard !gradients.isEmpty else { return [] }
        var lifetimes: SlotLifetimes?   // made at the first copy that could go
        var elided: [Elided] = []
        for (e, entry) in entries.enumerated() {
            guard case .kernel(let kernel) = entry, let fusion = kernel.fusion, case .copy = fusion.operation,
                  let a = fusion.a, let out = fusion.out, a.byteOffset == 0, out.byteOffset == 0 else { continue }
            let (source, target) = (a.slot, out.slot)
            guard candidates.contains(source), gradients.contains(target), source != target,
                  bytes[source] == bytes[target], fusion.count * scalarBytes == bytes[target] else { continue }
            let life = lifetimes ?? SlotLifetimes(uses: uses, slotCount: bytes.count)
            lifetimes = life
            guard life.last[source] == e, life.startsWithWrite[source], life.first[target] == e else { continue }
            elided.append(Elided(entry: e, source: source, target: target))
        }
        return elided
    }
}
