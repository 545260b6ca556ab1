import Dispatch
import Foundation
import Synchronization

/// The number of threads Ember's threaded kernels use, shared by every backend that threads (OpenBLAS included).
///
/// It starts from `EMBER_NUM_THREADS` when that holds a positive integer, and otherwise from the number of active
/// cores (an invalid `EMBER_NUM_THREADS` is reported once on standard error as a warning). Change it for the whole process with `Threads.setCount(_:)`.
///
/// ```swift
/// Threads.setCount(1)   // single-threaded kernels from here on
/// print(Threads.count)  // 1
/// ```
public enum Threads {
    private static let storage = Atomic<Int>(0)

    /// The thread count in force.
    public static var count: Int {
        let value = storage.load(ordering: .relaxed)
        if value > 0 { return value }
        storage.store(initialCount, ordering: .relaxed)
        return initialCount
    }

    /// Sets the thread count for every backend that threads. Values below 1 are treated as 1.
    public static func setCount(_ newValue: Int) {
        storage.store(max(1, newValue), ordering: .relaxed)
    }

    /// The value `EMBER_NUM_THREADS` asks for, or `nil` when it is unset. A value that is not a positive integer is
    /// reported as an error by `parseEnvironment`.
    public static func parseEnvironment(_ environment: [String: String] = ProcessInfo.processInfo.environment) throws -> Int? {
        guard let text = environment["EMBER_NUM_THREADS"] else { return nil }
        guard let value = Int(text.trimmingCharacters(in: .whitespaces)), value > 0 else {
            throw ThreadsError.invalidEnvironment(text)
        }
        return value
    }

    /// `EMBER_NUM_THREADS`, else the number of cores. An invalid value is reported once, as one warning line on
    /// standard error (as libgomp does for `OMP_NUM_THREADS`), and the cores are used; call `parseEnvironment()` to
    /// treat it as an error instead. A `static let`, so it is computed (and warned about) once.
    private static let initialCount: Int = {
        let cores = max(1, ProcessInfo.processInfo.activeProcessorCount)
        do {
            return try parseEnvironment() ?? cores
        } catch {
            FileHandle.standardError.write(Data("warning: \(error); using \(cores) threads (the number of cores)\n".utf8))
            return cores
        }
    }()

    /// Runs `body(chunk)` for `chunk` in `0..<chunks`, spread over up to `count` threads; returns when all are done.
    /// With one thread or one chunk it runs inline, with no dispatch cost.
    @inlinable
    public static func parallelFor(chunks: Int, _ body: (Int) -> Void) {
        if chunks <= 0 { return }
        if chunks == 1 || count == 1 {
            for chunk in 0..<chunks { body(chunk) }
            return
        }
        withoutActuallyEscaping(body) { body in
            let box = UncheckedSendableBox(body)
            DispatchQueue.concurrentPerform(iterations: chunks) { chunk in box.value(chunk) }
        }
    }
}

/// Errors in thread settings.
public enum ThreadsError: Error, CustomStringConvertible, Equatable {
    case invalidEnvironment(String)
    public var description: String {
        switch self {
        case .invalidEnvironment(let text):
            "EMBER_NUM_THREADS must be a positive integer, got \"\(text)\""
        }
    }
}

/// Carries a closure into `concurrentPerform`; the closure only touches disjoint parts of its buffers.
@usableFromInline
struct UncheckedSendableBox<Value>: @unchecked Sendable {
    @usableFromInline let value: Value
    @usableFromInline init(_ value: Value) { self.value = value }
}
