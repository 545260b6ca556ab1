import EmberDistributed
import EmberIO
import Foundation

/// How `ember` runs under `mpirun -np N`: every process runs the same command, training commands train
/// data-parallel (see `DataParallelShard`), and only rank 0 prints to standard output and writes files.
///
/// Outside `mpirun` the group is this process alone and MPI is never started. An error on any process ends the whole
/// job (`MPI_Abort`) after one line on standard error; a process other than rank 0 waits a second first, so that an
/// error every process meets is reported once, by rank 0, and one met by that process alone still is.
enum Launch {
    /// Starts the process group and, on every rank but 0, sends standard output to `/dev/null`.
    static func start() throws {
        let group: ProcessGroup
        do { group = try ProcessGroup.initialize() } catch { throw CLIError("\(error)") }
        if group.rank != 0 {
            let null = open("/dev/null", O_WRONLY)
            if null >= 0 {
                dup2(null, STDOUT_FILENO)
                close(null)
            }
        }
    }

    /// The processes this command runs on (one, outside `mpirun`).
    static var group: ProcessGroup { ProcessGroup.current ?? .single }

    /// Whether this process prints and writes files: rank 0.
    static var isPrimary: Bool { group.rank == 0 }

    /// Ends a successful run: flushes standard output and shuts the group down (MPI requires every process to).
    static func finish() {
        fflush(nil)
        group.shutdown()
    }

    /// Reports `message` as one line on standard error and ends the job with `code`. Control characters (from file
    /// names, CSV headers, tensor names, other libraries' messages) are escaped, so nothing splits the line or
    /// reaches the terminal as an escape sequence.
    static func fail(_ message: String, code: Int32) -> Never {
        let message = MessageText.escaped(message)
        fflush(nil)
        let group = self.group
        guard group.usesMPI && group.worldSize > 1 else {
            FileHandle.standardError.write(Data("error: \(message)\n".utf8))
            exit(code)
        }
        if group.rank != 0 { sleep(1) }   // if every process failed alike, rank 0 has ended the job by now
        let origin = group.rank == 0 ? "" : "rank \(group.rank) of \(group.worldSize): "
        FileHandle.standardError.write(Data("error: \(origin)\(message)\n".utf8))
        group.abort(exitCode: code)
    }
}
