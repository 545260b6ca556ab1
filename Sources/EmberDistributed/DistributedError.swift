/// Why a process group could not be started.
public enum DistributedError: Error, Equatable, CustomStringConvertible {
    /// `EMBER_DISTRIBUTED_TIMEOUT` does not hold a positive number of seconds.
    case invalidTimeout(String)
    /// `MPI_Init_thread` failed with this error code.
    case initializationFailed(code: Int32)
    /// MPI was shut down in this process; MPI cannot be started twice in one process.
    case alreadyShutDown

    public var description: String {
        switch self {
        case let .invalidTimeout(text):
            "EMBER_DISTRIBUTED_TIMEOUT must be a positive number of seconds, got \"\(text)\""
        case let .initializationFailed(code):
            "MPI could not be initialised (MPI_Init_thread returned \(code))"
        case .alreadyShutDown:
            "the process group was shut down; MPI cannot be initialised twice in one process"
        }
    }
}
