import CEmberSIMDKernels
import Synchronization

/// How one column block of a matrix product is cut into tiles of C for the threads to claim.
///
/// One thread takes row blocks of at most `GEMM.mc` rows, each across the whole column block (the GotoBLAS order).
/// Several threads get at least four tiles each where the shape allows it: rows are split first, in multiples of
/// `mr`, into a multiple of the thread count; columns, in whole `nr` panels, only when there are too few rows. Tiles
/// are claimed dynamically (`GEMMProgress`), so the work stays balanced when one thread starts late or is slowed
/// down by another process.
struct GEMMSchedule {
    let rowsPerTile: Int
    let columnsPerTile: Int
    let rowTiles: Int
    let columnTiles: Int
    /// Threads worth starting: no more than there are tiles.
    let threads: Int
    private let rows: Int
    private let columns: Int

    var tasks: Int { rowTiles * columnTiles }

    init(rows m: Int, columns: Int, mr: Int, nr: Int, threads requested: Int) {
        let mcMax = Swift.max(mr, GEMM.mc / mr * mr)
        let panels = (columns + nr - 1) / nr
        if requested <= 1 {
            rowsPerTile = Swift.min(mcMax, Self.roundUp(m, to: mr))
            columnsPerTile = panels * nr
        } else {
            let target = 4 * requested
            let rowBlocks = Swift.min((m + mr - 1) / mr, Self.roundUp(Swift.max(target, (m + mcMax - 1) / mcMax),
                                                                        to: requested))
            rowsPerTile = Swift.min(mcMax, Self.roundUp((m + rowBlocks - 1) / rowBlocks, to: mr))
            let rowCount = (m + rowsPerTile - 1) / rowsPerTile
            let columnBlocks = Swift.min(panels, (target + rowCount - 1) / rowCount)
            columnsPerTile = (panels + columnBlocks - 1) / columnBlocks * nr
        }
        rowTiles = (m + rowsPerTile - 1) / rowsPerTile
        columnTiles = (columns + columnsPerTile - 1) / columnsPerTile
        self.threads = Swift.max(1, Swift.min(requested, rowTiles * columnTiles))
        self.rows = m
        self.columns = columns
    }

    /// The rows and columns (relative to the column block) of tile `task`; column ranges start on panel boundaries.
    func tile(_ task: Int) -> (rows: Range<Int>, columns: Range<Int>) {
        let r = task / columnTiles * rowsPerTile, c = task % columnTiles * columnsPerTile
        return (r..<Swift.min(rows, r + rowsPerTile), c..<Swift.min(columns, c + columnsPerTile))
    }

    private static func roundUp(_ x: Int, to unit: Int) -> Int { (x + unit - 1) / unit * unit }
}

/// The shared counters of one threaded depth block: B panels claimed and packed, tiles claimed.
final class GEMMProgress: Sendable {
    private let nextPanel = Atomic<Int>(0)
    private let packedPanels = Atomic<Int>(0)
    private let nextTask = Atomic<Int>(0)

    /// Starts a new depth block; call only while no thread works on the previous one.
    func reset() {
        nextPanel.store(0, ordering: .relaxed)
        packedPanels.store(0, ordering: .relaxed)
        nextTask.store(0, ordering: .relaxed)
    }

    /// Packs panels until none is left unclaimed, then waits until the other threads have packed theirs. A thread
    /// only ever waits for a panel another running thread is packing.
    func forEachPanel(_ count: Int, _ pack: (Int) -> Void) {
        while true {
            let panel = nextPanel.wrappingAdd(1, ordering: .relaxed).oldValue
            if panel >= count { break }
            pack(panel)
            packedPanels.wrappingAdd(1, ordering: .releasing)
        }
        while packedPanels.load(ordering: .acquiring) < count { ember_cpu_relax() }
    }

    /// Runs `body` on tiles until none is left unclaimed.
    func forEachTask(_ count: Int, _ body: (Int) -> Void) {
        while true {
            let task = nextTask.wrappingAdd(1, ordering: .relaxed).oldValue
            if task >= count { return }
            body(task)
        }
    }
}

/// The packing memory of a backend's matrix products: A blocks (one per running thread) and B blocks (one per
/// product in flight, shared by its threads).
struct GEMMBuffers: Sendable {
    let packedA = PackingBufferPool(byteCount: GEMM.packedABytes)
    let packedB = PackingBufferPool(byteCount: GEMM.packedBBytes)
}
