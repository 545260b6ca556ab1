import ArgumentParser
import Ember

/// Options every command that computes shares: which backend, how many threads, JSON output.
struct ComputeOptions: ParsableArguments {
    @Option(help: "The backend to run on (overrides EMBER_BACKEND): \(Backends.names.joined(separator: ", ")).")
    var backend: String?

    @Option(parsing: .unconditional, help: "Threads for threaded kernels (overrides EMBER_NUM_THREADS; default: the number of cores).")
    var threads: Int?

    /// Applies `--threads` and `--backend` (or `EMBER_BACKEND`) to the process and returns the backend in force.
    func apply() throws -> any Backend {
        try Self.applyThreads(threads)
        let chosen = try backend.map { try Backends.backend(named: $0) } ?? Backends.resolveEnvironment()
        Backends.setDefault(chosen)
        return chosen
    }
}

extension ComputeOptions {
    /// Sets the thread count from `--threads`, else from `EMBER_NUM_THREADS`, else leaves the default (the cores).
    static func applyThreads(_ threads: Int?) throws {
        if let threads {
            try require(threads >= 1, "--threads must be at least 1, got \(threads)")
            Threads.setCount(threads)
        } else {
            do {
                if let count = try Threads.parseEnvironment() { Threads.setCount(count) }
            } catch { throw CLIError("\(error)") }
        }
    }
}

/// Checks a numeric option, naming it in the error.
func require(_ condition: Bool, _ message: @autoclosure () -> String) throws {
    if !condition { throw CLIError(message()) }
}
