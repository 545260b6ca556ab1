import CEmberMPI
import EmberBackend
import EmberCore
import Foundation
import Synchronization

/// Open MPI's `MPI_COMM_WORLD` behind the few calls Ember makes, on raw buffers of `Float` or `Double`.
///
/// Calls are serialised by a lock (MPI is started with `MPI_THREAD_SERIALIZED`), and each collective is watched by a
/// `CollectiveWatchdog` that ends the process when it waits longer than the group's timeout. MPI's default error
/// handler (`MPI_ERRORS_ARE_FATAL`) stays in force: an MPI error ends the whole job with MPI's own message.
final class MPICommunicator: Sendable {
    let rank: Int
    let worldSize: Int
    private let lock = Mutex(())
    private let watchdog: CollectiveWatchdog

    private init(rank: Int, worldSize: Int, watchdog: CollectiveWatchdog) {
        self.rank = rank
        self.worldSize = worldSize
        self.watchdog = watchdog
    }

    /// Initialises MPI and reads this process's rank and the world size.
    static func start(timeout: Duration) throws -> MPICommunicator {
        var provided: Int32 = 0
        let code = MPI_Init_thread(nil, nil, ember_mpi_thread_serialized(), &provided)
        guard code == MPI_SUCCESS else { throw DistributedError.initializationFailed(code: code) }
        var rank: Int32 = 0, size: Int32 = 0
        MPI_Comm_rank(ember_mpi_comm_world(), &rank)
        MPI_Comm_size(ember_mpi_comm_world(), &size)
        let watchdog = CollectiveWatchdog(rank: Int(rank), worldSize: Int(size), timeout: timeout)
        return MPICommunicator(rank: Int(rank), worldSize: Int(size), watchdog: watchdog)
    }

    static var libraryVersion: String {
        var buffer = [CChar](repeating: 0, count: Int(ember_mpi_max_library_version_string()) + 1)
        var length: Int32 = 0
        MPI_Get_library_version(&buffer, &length)
        let text = String(decoding: buffer.prefix(Int(length)).prefix { $0 != 0 }.map { UInt8(bitPattern: $0) },
                          as: UTF8.self)
        let line = text.split(whereSeparator: \.isNewline).first.map(String.init) ?? text
        return line.trimmingCharacters(in: .whitespaces)
    }

    /// MPI counts are 32-bit: buffers are sent in pieces of at most this many elements.
    static let maximumCount = Int(Int32.max)

    /// `MPI_Allreduce` in place.
    func allReduce<Scalar: TensorScalar>(_ buffer: UnsafeMutableBufferPointer<Scalar>, max: Bool) {
        guard let base = buffer.baseAddress else { return }
        let op = max ? ember_mpi_max() : ember_mpi_sum()
        watched(.allReduce, bytes: buffer.count * MemoryLayout<Scalar>.stride) {
            var start = 0
            while start < buffer.count {
                let n = Swift.min(Self.maximumCount, buffer.count - start)
                MPI_Allreduce(ember_mpi_in_place(), base + start, Int32(n), Self.datatype(Scalar.self), op,
                              ember_mpi_comm_world())
                start += n
            }
        }
    }

    /// `MPI_Bcast` from `root`.
    func broadcast<Scalar: TensorScalar>(_ buffer: UnsafeMutableBufferPointer<Scalar>, root: Int) {
        guard let base = buffer.baseAddress else { return }
        watched(.broadcast, bytes: buffer.count * MemoryLayout<Scalar>.stride) {
            var start = 0
            while start < buffer.count {
                let n = Swift.min(Self.maximumCount, buffer.count - start)
                MPI_Bcast(base + start, Int32(n), Self.datatype(Scalar.self), Int32(root), ember_mpi_comm_world())
                start += n
            }
        }
    }

    /// `MPI_Allgather`: every process's `input` into `output`, rank after rank.
    func allGather<Scalar: TensorScalar>(_ input: UnsafeBufferPointer<Scalar>, into output: UnsafeMutableBufferPointer<Scalar>) {
        precondition(output.count == input.count * worldSize, "allGather: the output holds \(output.count) elements, "
                     + "not \(input.count) × \(worldSize)")
        precondition(output.count <= Self.maximumCount,
                     "allGather: \(output.count) elements in all is more than MPI's limit of \(Self.maximumCount)")
        guard let target = output.baseAddress else { return }
        watched(.allGather, bytes: output.count * MemoryLayout<Scalar>.stride) {
            MPI_Allgather(input.baseAddress, Int32(input.count), Self.datatype(Scalar.self), target,
                          Int32(input.count), Self.datatype(Scalar.self), ember_mpi_comm_world())
        }
    }

    /// `MPI_Barrier`.
    func barrier() {
        watched(.barrier, bytes: 0) { MPI_Barrier(ember_mpi_comm_world()) }
    }

    /// Waits for every process, stops the watchdog and calls `MPI_Finalize`.
    func finish() {
        barrier()
        watchdog.stop()
        lock.withLock { _ in _ = MPI_Finalize() }
    }

    /// `MPI_Abort` on the world: ends every process of the job.
    func abort(_ code: Int32) -> Never {
        MPI_Abort(ember_mpi_comm_world(), code)
        exit(code)
    }

    private func watched(_ operation: CollectiveWatchdog.Operation, bytes: Int, _ body: () -> Void) {
        lock.withLock { _ in
            watchdog.begin(operation, bytes: bytes)
            body()
            watchdog.end()
        }
    }

    private static func datatype<Scalar: TensorScalar>(_: Scalar.Type) -> MPI_Datatype {
        if Scalar.self == Float.self { return ember_mpi_float() }
        if Scalar.self == Double.self { return ember_mpi_double() }
        preconditionFailure("EmberDistributed: collectives support Float and Double, not \(Scalar.self)")
    }
}
