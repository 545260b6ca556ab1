import Foundation
import Synchronization

/// The processes that train together, and their collective operations, like the default process group of
/// `torch.distributed` on its MPI backend.
///
/// Start the same program on several processes with `mpirun` (one machine or a cluster); each calls
/// `ProcessGroup.initialize()` once and learns its `rank` among `worldSize` processes. Collectives
/// (`allReduce`, `broadcast`, `allGather`, `barrier`, in `ProcessGroup+Collectives.swift`) must be called by every
/// process in the same order. Outside `mpirun`, `initialize()` returns a group of one process without starting MPI,
/// so the same program also runs alone, and every collective returns its input.
///
/// A process that waits in a collective longer than `timeout` (a peer has hung, died, exited early or runs
/// different collectives) prints one line naming its rank and the operation and ends with exit status 1, which
/// makes `mpirun` end the whole job: a broken job fails instead of hanging.
///
/// ```swift
/// let group = try ProcessGroup.initialize()
/// defer { group.shutdown() }
/// let total = Tensor<Double>([Double(group.rank + 1)])
/// group.allReduce(total)   // 1 + 2 + … + worldSize on every process
/// if group.rank == 0 { print(total.item()) }
/// ```
public final class ProcessGroup: Sendable {
    /// This process's place in the group, in `0..<worldSize`.
    public let rank: Int
    /// The number of processes in the group.
    public let worldSize: Int
    /// How long a collective may wait for the other processes before this one ends the job.
    public let timeout: Duration
    /// The MPI world when launched by `mpirun`; `nil` for a group of this process alone.
    let communicator: MPICommunicator?
    private let isShutDown = Atomic<Bool>(false)

    private init(rank: Int, worldSize: Int, timeout: Duration, communicator: MPICommunicator?) {
        self.rank = rank
        self.worldSize = worldSize
        self.timeout = timeout
        self.communicator = communicator
    }

    /// A group of this process alone (rank 0 of 1), which never starts MPI; its collectives return their input.
    public static let single = ProcessGroup(rank: 0, worldSize: 1, timeout: defaultTimeout, communicator: nil)

    /// Thirty minutes, as in PyTorch.
    public static let defaultTimeout: Duration = .seconds(1800)

    private enum State {
        case idle, active(ProcessGroup), shutDown
    }

    private static let state = Mutex<State>(.idle)

    /// Starts the process group, like `torch.distributed.init_process_group("mpi")`: MPI when the process was
    /// launched by `mpirun` (or another MPI launcher), else a group of this process alone. Calling it again returns
    /// the same group.
    /// - Parameter timeout: how long a collective may wait for the others; `nil` takes `EMBER_DISTRIBUTED_TIMEOUT`
    ///   (seconds) when set, else `defaultTimeout`.
    /// - Returns: the group, also available as `ProcessGroup.current`.
    /// - Throws: `DistributedError` when the timeout variable is malformed, MPI fails to start, or the group was
    ///   shut down before.
    public static func initialize(timeout: Duration? = nil) throws -> ProcessGroup {
        try state.withLock { state in
            switch state {
            case let .active(group): return group
            case .shutDown: throw DistributedError.alreadyShutDown
            case .idle: break
            }
            let environment = ProcessInfo.processInfo.environment
            let limit = try timeout ?? parseTimeout(environment) ?? defaultTimeout
            let group: ProcessGroup
            if isLaunchedByMPI(environment) {
                let communicator = try MPICommunicator.start(timeout: limit)
                group = ProcessGroup(rank: communicator.rank, worldSize: communicator.worldSize, timeout: limit,
                                     communicator: communicator)
            } else {
                group = ProcessGroup(rank: 0, worldSize: 1, timeout: limit, communicator: nil)
            }
            state = .active(group)
            return group
        }
    }

    /// The group `initialize()` started and that has not been shut down, like `torch.distributed.is_initialized()`.
    public static var current: ProcessGroup? {
        state.withLock { state in
            if case let .active(group) = state { return group }
            return nil
        }
    }

    /// Whether this group runs on MPI (launched by `mpirun`), rather than being a group of one process.
    public var usesMPI: Bool { communicator != nil }

    /// Waits for every process, then shuts MPI down, like `destroy_process_group()`. Every process must call it
    /// before exiting normally (MPI requires it); a second call does nothing.
    public func shutdown() {
        guard let communicator else { return release(to: .idle) }
        guard !isShutDown.exchange(true, ordering: .acquiringAndReleasing) else { return }
        communicator.finish()
        release(to: .shutDown)
    }

    /// Ends this group's time as `current`, if it is current.
    private func release(to next: State) {
        ProcessGroup.state.withLock { state in
            if case let .active(group) = state, group === self { state = next }
        }
    }

    /// Ends every process of the job at once with `code`, like `MPI_Abort`; outside MPI, exits this process.
    public func abort(exitCode code: Int32) -> Never {
        if let communicator, !isShutDown.load(ordering: .acquiring) { communicator.abort(code) }
        exit(code)
    }

    /// Stops the program when the group was shut down, naming `operation`.
    func checkActive(_ operation: String) {
        precondition(!isShutDown.load(ordering: .relaxed), "\(operation): the process group was shut down")
    }

    /// Whether an MPI launcher started this process: Open MPI's `mpirun`, or a PMIx/PMI launcher such as `srun`.
    public static func isLaunchedByMPI(_ environment: [String: String] = ProcessInfo.processInfo.environment) -> Bool {
        ["OMPI_COMM_WORLD_SIZE", "PMIX_RANK", "PMI_RANK"].contains { environment[$0] != nil }
    }

    /// The MPI library's own description (`MPI_Get_library_version`), e.g. "Open MPI v4.1.4, …"; callable at any
    /// time, before or without `initialize()`.
    public static var mpiLibraryVersion: String { MPICommunicator.libraryVersion }

    /// `EMBER_DISTRIBUTED_TIMEOUT` as a duration, or `nil` when unset.
    static func parseTimeout(_ environment: [String: String]) throws -> Duration? {
        guard let text = environment["EMBER_DISTRIBUTED_TIMEOUT"] else { return nil }
        guard let seconds = Double(text.trimmingCharacters(in: .whitespaces)), seconds > 0, seconds.isFinite else {
            throw DistributedError.invalidTimeout(text)
        }
        return .milliseconds(Int64((seconds * 1000).rounded(.up)))
    }
}
