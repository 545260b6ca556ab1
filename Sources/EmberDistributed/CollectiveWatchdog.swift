import Foundation
import Synchronization

/// Ends the process when a collective waits longer than the group's timeout, so that a job whose peer has hung,
/// died, exited early or called different collectives fails with a message instead of hanging.
///
/// A background thread looks ten times a second at when the collective in progress began. On expiry it writes one
/// line to standard error and calls `_exit(1)`; `mpirun` then ends every other process of the job. (It cannot call
/// `MPI_Abort`: the thread that owns MPI is the one stuck in the collective.)
final class CollectiveWatchdog: Sendable {
    enum Operation: Int {
        case allReduce = 1, broadcast, allGather, barrier

        var name: String {
            switch self {
            case .allReduce: "allReduce"
            case .broadcast: "broadcast"
            case .allGather: "allGather"
            case .barrier: "barrier"
            }
        }
    }

    private let rank: Int
    private let worldSize: Int
    private let timeoutNanoseconds: UInt64
    /// When the collective in progress began (`DispatchTime` nanoseconds), 0 when none is.
    private let started = Atomic<UInt64>(0)
    private let operation = Atomic<Int>(0)
    private let bytes = Atomic<Int>(0)
    private let stopped = Atomic<Bool>(false)

    init(rank: Int, worldSize: Int, timeout: Duration) {
        self.rank = rank
        self.worldSize = worldSize
        let (seconds, attoseconds) = timeout.components
        timeoutNanoseconds = UInt64(max(0, seconds)) * 1_000_000_000 + UInt64(max(0, attoseconds) / 1_000_000_000)
        let thread = Thread { [self] in watch() }
        thread.name = "ember-collective-watchdog"
        thread.start()
    }

    func begin(_ operation: Operation, bytes: Int) {
        self.operation.store(operation.rawValue, ordering: .relaxed)
        self.bytes.store(bytes, ordering: .relaxed)
        started.store(DispatchTime.now().uptimeNanoseconds, ordering: .releasing)
    }

    func end() { started.store(0, ordering: .releasing) }

    func stop() { stopped.store(true, ordering: .releasing) }

    private func watch() {
        while !stopped.load(ordering: .acquiring) {
            usleep(100_000)
            let start = started.load(ordering: .acquiring)
            guard start != 0, DispatchTime.now().uptimeNanoseconds &- start > timeoutNanoseconds,
                  !stopped.load(ordering: .acquiring) else { continue }
            let name = Operation(rawValue: operation.load(ordering: .relaxed))?.name ?? "a collective"
            let size = bytes.load(ordering: .relaxed)
            let message = "error: rank \(rank) of \(worldSize): \(name)"
                + (size > 0 ? " of \(size) bytes" : "") + " waited more than "
                + "\(Double(timeoutNanoseconds) / 1e9) s for the other processes (EMBER_DISTRIBUTED_TIMEOUT): "
                + "a process has hung, died, exited early or runs different collectives; ending the job\n"
            _ = message.withCString { write(STDERR_FILENO, $0, strlen($0)) }
            _exit(1)
        }
    }
}
