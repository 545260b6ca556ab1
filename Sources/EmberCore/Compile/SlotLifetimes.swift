/// The entries that use each slot, and whether the first use overwrites it (within one kernel reads come first: an
/// `out` that is also an input is read before it is written).
struct SlotLifetimes {
    private(set) var first: [Int?], last: [Int], startsWithWrite: [Bool]
    /// The entries that use each slot, in order (empty unless asked for: an array per slot costs more than the rest).
    private(set) var users: [[Int]]

    init(uses: [[SlotUse]], slotCount: Int, listingUsers: Bool = false) {
        first = Array(repeating: nil, count: slotCount)
        last = Array(repeating: -1, count: slotCount)
        startsWithWrite = Array(repeating: false, count: slotCount)
        users = listingUsers ? Array(repeating: [], count: slotCount) : []
        for (entry, slotUses) in uses.enumerated() {
            for use in slotUses {
                if first[use.slot] == nil {
                    first[use.slot] = entry
                    startsWithWrite[use.slot] = use.kind == .write
                        && !slotUses.contains { $0.slot == use.slot && $0.kind != .write }
                }
                last[use.slot] = entry
                if listingUsers && users[use.slot].last != entry { users[use.slot].append(entry) }
            }
        }
    }

    /// Whether only `entries` use `slot` and the first of them overwrites it (needs `listingUsers`).
    func isConfined(_ slot: Int, to entries: Set<Int>) -> Bool {
        guard first[slot] != nil else { return false }
        return startsWithWrite[slot] && users[slot].allSatisfy(entries.contains)
    }
}

/// The memory an entry reads and writes (`MemoryPlan` memories, so that slots sharing memory are one), to tell
/// whether two entries may run in either order: they may when neither writes memory the other touches.
struct MemoryFootprint {
    var reads: Set<Int> = [], writes: Set<Int> = []

    init() {}

    init(_ uses: [SlotUse], memory: [Int]) {
        for use in uses {
            if use.kind != .write { reads.insert(memory[use.slot]) }
            if use.kind != .read { writes.insert(memory[use.slot]) }
        }
    }

    /// Whether running `self` and `other` in the other order could change what either computes.
    func conflicts(with other: MemoryFootprint) -> Bool {
        !writes.isDisjoint(with: other.reads) || !writes.isDisjoint(with: other.writes)
            || !other.writes.isDisjoint(with: reads)
    }

    mutating func formUnion(_ other: MemoryFootprint) {
        reads.formUnion(other.reads)
        writes.formUnion(other.writes)
    }
}
