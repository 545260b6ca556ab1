/// Shares memory between the intermediates of a trace whose lifetimes do not overlap, as an eager step's allocator
/// does by reusing freed blocks: the replay then touches about as much memory as an eager step (which matters once the
/// working set outgrows the caches) and holds less.
///
/// A candidate is a buffer the trace created that is neither a gradient, the loss nor a constant: its first use is a
/// kernel that overwrites it (not one that reads or adds to it). Its lifetime runs from that kernel to its last use;
/// each candidate takes the memory of an earlier candidate of the same size whose lifetime has ended (the one that ended
/// last, which is warmest in the caches), else its own.
/// Writes in place (an `out` that is also an input) and live regions are handled by the lifetimes: a live region
/// touches only gradients and parameters, which are never candidates.
enum MemoryPlan {
    /// For each slot, the slot whose memory it uses (itself when it keeps its own).
    /// - Parameters:
    ///   - uses: each entry's slot uses, in order.
    ///   - bytes: each slot's size in bytes.
    ///   - candidates: the slots that may share.
    static func assign(uses: [[SlotUse]], bytes: [Int], candidates: Set<Int>) -> [Int] {
        let lifetimes = SlotLifetimes(uses: uses, slotCount: bytes.count)
        let (first, last) = (lifetimes.first, lifetimes.last)
        var owner = Array(bytes.indices)
        // Memory blocks: the slot that owns it and the entry after which it is free.
        var blocks: [(slot: Int, bytes: Int, freeAfter: Int)] = []
        let order = candidates.filter { first[$0] != nil && lifetimes.startsWithWrite[$0] }.sorted { first[$0]! < first[$1]! }
        for slot in order {
            let start = first[slot]!
            // The block freed last, as an allocator's free list hands out the most recently freed (cache-warm) block.
            let free = blocks.indices.filter { blocks[$0].bytes == bytes[slot] && blocks[$0].freeAfter < start }
            if let b = free.max(by: { blocks[$0].freeAfter < blocks[$1].freeAfter }) {
                owner[slot] = blocks[b].slot
                blocks[b].freeAfter = last[slot]
            } else {
                blocks.append((slot, bytes[slot], last[slot]))
            }
        }
        return owner
    }
}
