import Dispatch
import Foundation
import Synchronization

/// The number of threads Ember's threaded kernels use, shared by every backend that threads (OpenBLAS included).
///
/// It starts from `EMBER_NUM_THREADS` when that holds a positive integer, and otherwise from the number of active
/// cores. Change it for the whole process with `Threads.setCount(_:)`.
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
        let initial = initialCount()
        storage.store(initial, ordering: .relaxed)
        return initial
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

    private static func initialCount() -> Int {
        (try? parseEnvironment()) ?? max(1, ProcessInfo.processInfo.activeProcessorCount)
    }

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
