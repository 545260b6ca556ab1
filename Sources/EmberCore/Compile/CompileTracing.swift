import EmberBackend
import Synchronization

/// The hooks through which the rest of `EmberCore` tells a running trace what it cannot see in kernel calls alone:
/// which storages were created, which were handed to a kernel, when a value was read on the host, and which code
/// (an optimizer's `step()`) must re-run live at every replay instead of being recorded.
///
/// Every hook costs one relaxed atomic load when no trace is running. A trace is found through the tracer in force in
/// the calling task (`Backends.withTracer`, a task-local), so a trace in one task never sees the tensors of another.
public enum CompileTracing {
    /// How many traces are running in the process (any task).
    @usableFromInline static let activeTraces = Atomic<Int>(0)
    /// Counts `TensorStorage` allocations while `countingAllocations` runs (tests and `ember bench`).
    @usableFromInline static let allocationCounter = Atomic<Int>(0)
    @usableFromInline static let countsAllocations = Atomic<Bool>(false)

    /// Whether some trace or count runs; checked first by every hook.
    @inlinable @inline(__always)
    static var isWatching: Bool {
        activeTraces.load(ordering: .relaxed) > 0 || countsAllocations.load(ordering: .relaxed)
    }

    /// The trace recording in the calling task, if any.
    static var currentRecorder: TraceRecorder? {
        guard activeTraces.load(ordering: .relaxed) > 0 else { return nil }
        return Backends.tracingBackend?.recorder
    }

    /// Called by `TensorStorage.allocate` for every new storage.
    @inlinable @inline(__always)
    static func noteAllocation(_ storage: AnyObject) {
        if isWatching { noteAllocationSlow(storage) }
    }

    @usableFromInline @inline(never)
    static func noteAllocationSlow(_ storage: AnyObject) {
        if countsAllocations.load(ordering: .relaxed) { allocationCounter.add(1, ordering: .relaxed) }
        currentRecorder?.noteAllocation(storage)
    }

    /// Called when a tensor hands the address of its storage's elements to code (a kernel or the host).
    @inlinable @inline(__always)
    static func noteAccess<Scalar>(_ storage: TensorStorage<Scalar>, _ base: UnsafeMutablePointer<Scalar>) {
        if activeTraces.load(ordering: .relaxed) > 0 { noteAccessSlow(storage, base) }
    }

    @usableFromInline @inline(never)
    static func noteAccessSlow<Scalar>(_ storage: TensorStorage<Scalar>, _ base: UnsafeMutablePointer<Scalar>) {
        currentRecorder?.noteOwner(storage, base: Int(bitPattern: base),
                                   bytes: storage.header * MemoryLayout<Scalar>.stride)
    }

    /// Called when an op hands the address of an `IndexBuffer`'s elements to a kernel.
    @inline(__always)
    static func noteAccess(_ buffer: IndexBuffer, _ base: UnsafeMutablePointer<Int>, bytes: Int) {
        if activeTraces.load(ordering: .relaxed) > 0 {
            currentRecorder?.noteOwner(buffer, base: Int(bitPattern: base), bytes: bytes)
        }
    }

    /// Called by host reads and writes of tensor values (`item()`, `scalars`, element access, random numbers): a
    /// replay could not repeat them, so the trace running in this task ends and its step stays eager.
    /// - Parameter what: the operation, for the message (`"item()"`).
    @inlinable @inline(__always)
    public static func noteHostAccess(_ what: @autoclosure () -> String) {
        if activeTraces.load(ordering: .relaxed) > 0 { failTrace("\(what()) reads or writes tensor values on the host") }
    }

    @usableFromInline static func failTrace(_ reason: String) { currentRecorder?.fail(reason) }

    /// Runs `body` as a live region: inside a trace, the region is recorded as one call of `body` that every replay
    /// repeats against the real backend (so the learning rates and step counts it reads are read anew each time),
    /// and runs now with tracing suspended. Outside a trace it just runs `body`.
    ///
    /// Ember's optimizers run their `step()` this way; call it from the `step()` of an optimizer of your own, or
    /// around any code whose scalar arguments change between steps.
    ///
    /// ```swift
    /// CompileTracing.liveRegion { myOptimizer.step() }
    /// ```
    /// - Parameter body: the code to run live.
    public static func liveRegion(_ body: @escaping () -> Void) {
        if activeTraces.load(ordering: .relaxed) > 0, let tracer = Backends.tracingBackend {
            tracer.recorder.recordLive(body)
            Backends.withTracer(nil, body)   // the backend in force before the trace: the tracer's base
        } else {
            body()
        }
    }

    /// Runs `body`; inside a trace, the kernels it calls with the scalar argument `value` (`fill`, `axpy`, `scale`)
    /// take that argument from `source` at every replay instead of keeping `value`. Outside a trace it just runs
    /// `body`.
    ///
    /// Ember's `SGD` records its update this way, so a replay applies the learning rate in force (a scheduler's
    /// change included) without re-running `step()`. Keep `body` to the one call that takes the value, so that no
    /// other scalar argument can equal it by chance.
    ///
    /// ```swift
    /// CompileTracing.withReplayScalar(-optimizer.learningRate, { -optimizer.learningRate }) {
    ///     weight.addInPlace(gradient, alpha: -optimizer.learningRate)
    /// }
    /// ```
    /// - Parameters:
    ///   - value: the scalar argument as it is now.
    ///   - source: gives the argument at each replay.
    ///   - body: the code that calls the kernel.
    public static func withReplayScalar<S: TensorScalar>(_ value: S, _ source: @escaping () -> S, _ body: () -> Void) {
        guard activeTraces.load(ordering: .relaxed) > 0, let recorder = currentRecorder else { return body() }
        recorder.replayScalars.append((Double(value), source))
        body()
        recorder.replayScalars.removeLast()
    }

    /// Whether a trace in this task would record a live region now (optimizers test it before their update).
    @inlinable @inline(__always)
    public static var isTracing: Bool {
        activeTraces.load(ordering: .relaxed) > 0 && tracesThisTask
    }

    @usableFromInline static var tracesThisTask: Bool { Backends.tracingBackend != nil }

    /// Runs `body` and returns how many tensor storages it allocated (in any task of the process).
    /// - Parameter body: the code to measure.
    /// - Returns: the number of storages allocated.
    public static func countingAllocations(_ body: () -> Void) -> Int {
        allocationCounter.store(0, ordering: .relaxed)
        countsAllocations.store(true, ordering: .relaxed)
        body()
        countsAllocations.store(false, ordering: .relaxed)
        return allocationCounter.load(ordering: .relaxed)
    }
}
