/// A backend that runs a compiled step's fused elementwise runs (`FusedRun`) in one pass, instead of one kernel call
/// per operation. It is optional: a compiled step replays kernel by kernel on a backend that does not conform, and
/// on one that returns `false`.
///
/// A conforming backend walks the run's `count` elements in tiles (slices of the elements), calls
/// `FusedRun.evaluate(_:scratch:scratchStride:on:consume:)` for each tile, and accumulates the tile's values for each
/// of the run's reductions in exactly the order its own `reduce` (full sums) and `matmul` (1×k times k×1) kernels add
/// them, so that every result equals the unfused kernels' bitwise (a NaN equals any NaN: which of two NaNs survives an
/// addition is the compiler's choice of operand order). Intermediates that only the run uses then live in the tile
/// scratch, never in memory.
///
/// ```swift
/// final class MyBackend: ForwardingBackend, FusingBackend {
///     func runFused(_ run: FusedRun<Float>) -> Bool { false }   // not yet: replay kernel by kernel
///     func runFused(_ run: FusedRun<Double>) -> Bool { false }
/// }
/// ```
public protocol FusingBackend: Backend {
    /// Runs `run` over all its elements and stores its reductions; returns `false`, having written nothing, when
    /// this backend cannot match its unfused kernels bitwise for this run (the replay then runs them one by one).
    /// - Parameter run: the run; valid only for the duration of the call (it addresses the replay's buffers).
    /// - Returns: whether the run was done.
    func runFused(_ run: FusedRun<Float>) -> Bool
    /// The `Double` form of `runFused(_:)`.
    func runFused(_ run: FusedRun<Double>) -> Bool
    /// The fewest elements a run must cover to be fused: shorter runs are replayed kernel by kernel, where fusing
    /// them would cost more (setting a run up) than it saves (memory traffic that small buffers do not have).
    /// Default: 0, every run.
    var minimumFusedCount: Int { get }
}

extension FusingBackend {
    public var minimumFusedCount: Int { 0 }
}

/// What a fused reduction computes.
///
/// A struct of named values rather than an enum, so that a later kind does not break a backend's exhaustive switch:
/// compare with `==` and return `false` from `FusingBackend.runFused(_:)` for a kind you do not know.
public struct FusedReductionKind: Hashable, Sendable, CustomStringConvertible {
    /// A small integer, so that comparing kinds costs nothing on the replay's hot path.
    @usableFromInline let code: Int

    @inlinable init(code: Int) { self.code = code }

    public var description: String {
        switch code {
        case 0: return "sum"
        case 1: return "dot"
        default: return "reduction \(code)"
        }
    }

    /// `Σ x[i]` over the run: the backend's `reduce(.sum, …)` with one row of `count` elements (outer 1, inner 1).
    @inlinable public static var sum: FusedReductionKind { FusedReductionKind(code: 0) }
    /// `Σ x[i]·y[i]` over the run: the backend's `matmul` of a 1×`count` by a `count`×1 matrix.
    @inlinable public static var dot: FusedReductionKind { FusedReductionKind(code: 1) }
}
