import Foundation
import Synchronization
import Testing

/// Runs a program under `mpirun -np N` with a time limit, so that a hung rank fails the test instead of hanging it.
struct MPIJob {
    struct Result {
        var status: Int32
        var stdout: String
        var stderr: String
        var timedOut: Bool
        var seconds: Double

        /// Every line of standard output that is a JSON object.
        var jsonLines: [[String: Any]] {
            stdout.split(separator: "\n").compactMap {
                (try? JSONSerialization.jsonObject(with: Data($0.utf8))) as? [String: Any]
            }
        }

        /// The JSON line printed by `rank` (the worker tags its lines with `"rank"`).
        func json(rank: Int) -> [String: Any]? { jsonLines.first { $0["rank"] as? Int == rank } }
    }

    /// `mpirun` on the PATH, or nil.
    static let mpirun: String? = (ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin")
        .split(separator: ":").map { "\($0)/mpirun" }
        .first { FileManager.default.isExecutableFile(atPath: $0) }

    /// Why the MPI tests are skipped: only when `mpirun` is missing (`make test` installs it).
    static let missingMessage = "mpirun is not installed (apt-get install openmpi-bin libopenmpi-dev, or make deps)"

    /// A built executable of this package, next to the test bundle.
    static func executable(_ name: String) -> String {
        let bundleDirectory = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
        for directory in [bundleDirectory, Bundle.main.bundleURL.deletingLastPathComponent(), Bundle.main.bundleURL] {
            let candidate = directory.appendingPathComponent(name)
            if FileManager.default.isExecutableFile(atPath: candidate.path) { return candidate.path }
        }
        return bundleDirectory.appendingPathComponent(name).path
    }

    /// Runs `mpirun -np processes program arguments…` (or, with `programs`, one program per rank), ending it after
    /// `timeLimit` seconds. Ranks run single-threaded, with `EMBER_DISTRIBUTED_TIMEOUT` = `collectiveTimeout`.
    static func run(processes: Int = 2, _ program: String, _ arguments: [String], timeLimit: Double = 120,
                    collectiveTimeout: Double = 60, environment: [String: String] = [:]) throws -> Result {
        try run(ranks: [(processes, program, arguments)], timeLimit: timeLimit, collectiveTimeout: collectiveTimeout,
                environment: environment)
    }

    /// An MPMD job: each entry starts `count` ranks of `program arguments…` (`mpirun -np a prog1 : -np b prog2`).
    static func run(ranks: [(count: Int, program: String, arguments: [String])], timeLimit: Double = 120,
                    collectiveTimeout: Double = 60, environment: [String: String] = [:]) throws -> Result {
        let mpirun = try #require(Self.mpirun, Comment(rawValue: missingMessage))
        var arguments = ["--allow-run-as-root", "--oversubscribe", "--timeout", "\(Int(timeLimit))"]
        for (index, rank) in ranks.enumerated() {
            if index > 0 { arguments.append(":") }
            arguments += ["-np", "\(rank.count)", executable(rank.program)] + rank.arguments
        }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: mpirun)
        process.arguments = arguments
        var merged = ProcessInfo.processInfo.environment
        merged["EMBER_BACKEND"] = nil
        merged["EMBER_NUM_THREADS"] = "1"
        merged["EMBER_DISTRIBUTED_TIMEOUT"] = "\(collectiveTimeout)"
        // Under `make sanitize`: Open MPI leaks its start-up allocations (some from components it has unloaded, which
        // no suppression can name), so LeakSanitizer would fail every job; AddressSanitizer's other checks stay on.
        if let options = merged["ASAN_OPTIONS"] { merged["ASAN_OPTIONS"] = options + ":detect_leaks=0" }
        for (key, value) in environment { merged[key] = value }
        process.environment = merged
        let out = Pipe(), err = Pipe()
        process.standardOutput = out
        process.standardError = err
        let finished = DispatchSemaphore(value: 0)
        process.terminationHandler = { _ in finished.signal() }
        let start = DispatchTime.now().uptimeNanoseconds
        try process.run()
        // Read both pipes concurrently, so that neither fills up and blocks the job.
        let stdout = PipeReader(out), stderr = PipeReader(err)
        var timedOut = false
        if finished.wait(timeout: .now() + timeLimit + 10) == .timedOut {
            timedOut = true
            process.terminate()   // mpirun ends its ranks on SIGTERM
            if finished.wait(timeout: .now() + 10) == .timedOut { kill(process.processIdentifier, SIGKILL) }
        }
        process.waitUntilExit()
        return Result(status: process.terminationStatus, stdout: stdout.text(), stderr: stderr.text(),
                      timedOut: timedOut, seconds: Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9)
    }
}

/// Reads a pipe to its end on a background thread.
final class PipeReader: Sendable {
    private let data = Mutex(Data())
    private let done = DispatchSemaphore(value: 0)

    init(_ pipe: Pipe) {
        let handle = pipe.fileHandleForReading
        DispatchQueue.global().async { [self] in
            let bytes = handle.readDataToEndOfFile()
            data.withLock { $0 = bytes }
            done.signal()
        }
    }

    /// Everything read, once the writer has closed the pipe (empty if it has not within 30 s).
    func text() -> String {
        _ = done.wait(timeout: .now() + 30)
        return data.withLock { String(decoding: $0, as: UTF8.self) }
    }
}
