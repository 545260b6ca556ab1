import EmberBackend
import Foundation
import Synchronization

/// Chooses the backend every tensor operation runs on: one place for the whole process, `EMBER_BACKEND` included.
///
/// The backend in force is, in order: the one set for the current task with `withBackend(_:_:)`; the one set for the
/// process with `setDefault(_:)`; the one `EMBER_BACKEND` names; otherwise `defaultName`.
///
/// ```swift
/// try Backends.setDefault("reference")
/// let y = try Backends.withBackend("simd") { Tensor<Float>([1, 2]) * 2 }
/// ```
public enum Backends {
    private struct State {
        var factories: [String: @Sendable () -> any Backend] = [:]
        var order: [String] = []
        var instances: [String: any Backend] = [:]
        /// Every default ever published, kept alive so that readers of `published` never see a freed box.
        var publishedBoxes: [BackendBox] = []
    }

    private static let state = Mutex(State())
    @TaskLocal private static var scoped: (any Backend)?

    /// The name used when neither code nor `EMBER_BACKEND` chooses one: the built-in backend that runs fastest on
    /// this CPU (`DefaultBackendRule.current` says why).
    public static var defaultName: String { BuiltinBackends.defaultName }

    /// The backend in force for the calling task.
    ///
    /// An invalid `EMBER_BACKEND` ends the process at the first operation: one line on standard error that lists the
    /// valid names, and exit status 2. Call `resolveEnvironment()` first to handle it as an error instead.
    @inlinable
    public static var current: any Backend {
        // Reading a task-local costs more than the kernel of a small op: skip each until some task has set one.
        if CompileTracing.activeTraces.load(ordering: .relaxed) > 0, let tracer = tracingBackend { return tracer }
        if scopesUsed.load(ordering: .relaxed), let backend = scopedBackend { return backend }
        // The process default is one atomic load, no lock; only the very first op resolves it.
        if let box = published.load(ordering: .acquiring) { return box.takeUnretainedValue().backend }
        return resolveProcessDefault()
    }

    @usableFromInline static var scopedBackend: (any Backend)? { scoped }
    /// The tracer of a compiled step tracing in this task, ahead of every other choice. A task-local of its own, read
    /// only while some trace runs, so that tracing leaves `current` as cheap as it was (`withBackend` makes every later
    /// read of `current`, in any task, look up a task-local).
    /// Typed, so that the hooks of `CompileTracing` reach the trace's recorder without a cast.
    @TaskLocal private static var tracer: TracingBackend?
    @usableFromInline static var tracingBackend: TracingBackend? { tracer }

    /// Runs `body` with `tracer` in force for this task, or, with `nil`, with the trace's tracer out of force (a live
    /// region); for `CompiledStep` and `CompileTracing`.
    static func withTracer<R>(_ tracer: TracingBackend?, _ body: () throws -> R) rethrows -> R {
        try $tracer.withValue(tracer, operation: body)
    }
    @usableFromInline static let scopesUsed = Atomic<Bool>(false)
    /// The process default, published lock-free for `current`.
    @usableFromInline static let published = Atomic<Unmanaged<BackendBox>?>(nil)

    /// Publishes the backend `EMBER_BACKEND` (or the default name) selects, unless `setDefault` got there first.
    @usableFromInline static func resolveProcessDefault() -> any Backend {
        do {
            let backend = try resolveEnvironment()
            return state.withLock { s in
                if let box = published.load(ordering: .acquiring) { return box.takeUnretainedValue().backend }
                publish(backend, in: &s)
                return backend
            }
        } catch {
            // Bad configuration, not a programming error: one line and a non-zero exit, no crash report.
            FileHandle.standardError.write(Data("error: \(error)\n".utf8))
            exit(2)
        }
    }

    /// Makes `backend` the process default; call with the state locked.
    private static func publish(_ backend: any Backend, in s: inout State) {
        let box = BackendBox(backend)
        s.publishedBoxes.append(box)
        published.store(Unmanaged.passUnretained(box), ordering: .releasing)
    }

    /// The names that can be selected, built-in first, in registration order.
    public static var names: [String] {
        registerBuiltinsIfNeeded()
        return state.withLock { $0.order }
    }

    /// Registers a backend under `name`, so that `EMBER_BACKEND=name` and `backend(named:)` find it.
    /// Registering a name again replaces the factory.
    public static func register(_ name: String, factory: @escaping @Sendable () -> any Backend) {
        registerBuiltinsIfNeeded()
        addFactory(name, factory)
    }

    /// The backend registered under `name` (one shared instance per name).
    /// - Throws: `BackendError.unknown` listing the valid names.
    public static func backend(named name: String) throws -> any Backend {
        registerBuiltinsIfNeeded()
        return try state.withLock { s in
            if let instance = s.instances[name] { return instance }
            guard let factory = s.factories[name] else {
                throw BackendError.unknown(name: name, known: s.order)
            }
            let instance = factory()
            s.instances[name] = instance
            return instance
        }
    }

    /// The backend `EMBER_BACKEND` names, or the default when it is unset or empty.
    ///
    /// A program that wants to report a wrong `EMBER_BACKEND` itself (rather than let the first operation end the
    /// process with exit status 2) checks it first:
    ///
    /// ```swift
    /// do {
    ///     Backends.setDefault(try Backends.resolveEnvironment())
    /// } catch {
    ///     print("using the default backend: \(error)")
    ///     try? Backends.setDefault(Backends.defaultName)   // else the first operation would end the program
    /// }
    /// ```
    /// - Parameter environment: The variables to read (default: the process's).
    /// - Returns: The backend, one shared instance per name.
    /// - Throws: `BackendError.unknownEnvironment` when the variable names no registered backend.
    public static func resolveEnvironment(
        _ environment: [String: String] = ProcessInfo.processInfo.environment
    ) throws -> any Backend {
        let requested = environment["EMBER_BACKEND"]?.trimmingCharacters(in: .whitespaces) ?? ""
        do {
            return try backend(named: requested.isEmpty ? defaultName : requested)
        } catch BackendError.unknown(let name, let known) {
            throw BackendError.unknownEnvironment(name: name, known: known)
        }
    }

    /// Sets the backend for the whole process (every task that has not chosen one with `withBackend`).
    public static func setDefault(_ backend: any Backend) {
        state.withLock { publish(backend, in: &$0) }
    }

    /// Sets the backend registered under `name` for the whole process.
    public static func setDefault(_ name: String) throws {
        setDefault(try backend(named: name))
    }

    /// Runs `body` with `backend` in force for the current task and the tasks it creates.
    public static func withBackend<R>(_ backend: any Backend, _ body: () throws -> R) rethrows -> R {
        scopesUsed.store(true, ordering: .relaxed)
        return try $scoped.withValue(backend, operation: body)
    }

    /// Runs `body` with `backend` in force for the current task and the tasks it creates.
    public static func withBackend<R>(_ backend: any Backend, _ body: () async throws -> R) async rethrows -> R {
        scopesUsed.store(true, ordering: .relaxed)
        return try await $scoped.withValue(backend, operation: body)
    }

    /// Runs `body` with the backend registered under `name` in force for the current task.
    public static func withBackend<R>(_ name: String, _ body: () throws -> R) throws -> R {
        try withBackend(try backend(named: name), body)
    }

    private static let builtinsRegistered = Atomic<Bool>(false)

    private static func registerBuiltinsIfNeeded() {
        guard !builtinsRegistered.load(ordering: .acquiring) else { return }
        state.withLock { s in
            guard !builtinsRegistered.load(ordering: .relaxed) else { return }
            for (name, factory) in BuiltinBackends.all where s.factories[name] == nil {
                s.factories[name] = factory
                s.order.append(name)
            }
            builtinsRegistered.store(true, ordering: .releasing)
        }
    }

    private static func addFactory(_ name: String, _ factory: @escaping @Sendable () -> any Backend) {
        state.withLock { s in
            if s.factories[name] == nil { s.order.append(name) }
            s.factories[name] = factory
            s.instances[name] = nil
        }
    }
}

/// Errors in choosing a backend.
public enum BackendError: Error, CustomStringConvertible, Equatable {
    /// No backend is registered under `name`.
    case unknown(name: String, known: [String])
    /// `EMBER_BACKEND` names no registered backend.
    case unknownEnvironment(name: String, known: [String])

    public var description: String {
        switch self {
        case .unknown(let name, let known):
            "unknown backend \"\(name)\"; valid names: \(known.joined(separator: ", "))"
        case .unknownEnvironment(let name, let known):
            "EMBER_BACKEND=\"\(name)\" names no backend; valid names: \(known.joined(separator: ", "))"
        }
    }
}

/// A backend behind a class reference, so that it can be published through an atomic pointer.
@usableFromInline
final class BackendBox: Sendable {
    @usableFromInline let backend: any Backend
    init(_ backend: any Backend) { self.backend = backend }
}
