import EmberBackend

/// An object that owns the memory a traced kernel used: a tensor storage, or the array behind an `IndexTensor`.
/// A replay reaches the memory only inside `withTraceBase`, so its address never outlives the owner.
protocol TraceOwner: AnyObject {
    /// Calls `body` with the address of the first element.
    func withTraceBase<R>(_ body: (UnsafeMutableRawPointer) throws -> R) rethrows -> R
}

extension TensorStorage: TraceOwner {
    func withTraceBase<R>(_ body: (UnsafeMutableRawPointer) throws -> R) rethrows -> R {
        // Straight to the elements, not through `withElements`: a replay is not an access a trace should see.
        try withUnsafeMutablePointerToElements { try body(UnsafeMutableRawPointer($0)) }
    }
}

extension IndexBuffer: TraceOwner {
    func withTraceBase<R>(_ body: (UnsafeMutableRawPointer) throws -> R) rethrows -> R {
        try withUnsafeMutablePointerToElements { try body(UnsafeMutableRawPointer($0)) }
    }
}

/// Where a slot of a trace finds its memory at replay.
enum TraceSlotSource {
    /// Argument `k` of the compiled step (`x` is 0, `y` is 1): a new buffer at every call.
    case input(Int)
    /// A buffer the trace keeps alive: a parameter, a gradient, an intermediate, a constant.
    case held(any TraceOwner)
}

/// A kernel operand: `byteOffset` bytes into the buffer of slot `slot`.
struct BufferRef {
    let slot: Int
    let byteOffset: Int

    /// The operand's address, given the slot addresses of the replay in progress.
    @inline(__always)
    func pointer<Scalar>(_ bases: UnsafePointer<UnsafeMutableRawPointer>, as type: Scalar.Type) -> UnsafeMutablePointer<Scalar> {
        (bases[slot] + byteOffset).assumingMemoryBound(to: Scalar.self)
    }
}

/// One recorded kernel call: its name (for counts and logs) and the call itself, with its scalar arguments captured
/// and its pointer arguments as slot references.
struct TapeKernel {
    let name: String
    var run: (UnsafePointer<UnsafeMutableRawPointer>, any Backend) -> Void
    /// What the call computes, when it can join a fused run (`FusionPlanner`).
    var fusion: FusibleKernel? = nil
    /// The kernels `run` stands for when it is a call the backend prepared for a sequence of them
    /// (`KernelPreparation`); empty for a recorded call.
    var preparedNames: [String] = []
}

/// One step of a replay.
enum TapeEntry {
    case kernel(TapeKernel)
    /// A live region (`CompileTracing.liveRegion`), run against the real backend after the gradient bindings seen
    /// when it was traced are restored.
    case live(body: () -> Void, bindings: AnyObject?)
    /// A fused run of kernels (a `FusedProgram`), handed to the backend's `FusingBackend.runFused`, with the kernels
    /// it replaces, replayed one by one when the backend declines.
    case fused(program: AnyObject, kernels: [TapeKernel])
}

/// How one kernel call uses one slot.
struct SlotUse {
    enum Kind { case read, write, update }
    let slot: Int
    let kind: Kind
}

extension TapeEntry {
    /// The entry in `EMBER_COMPILE_LOG=1` output: a kernel's name, `live`, or `fused[…]` with the kernels of the run.
    var logName: String {
        switch self {
        case .kernel(let kernel):
            return kernel.preparedNames.isEmpty ? kernel.name : "prepared[" + kernel.preparedNames.joined(separator: " ") + "]"
        case .live: return "live"
        case .fused(_, let kernels): return "fused[" + kernels.map(\.name).joined(separator: " ") + "]"
        }
    }
}
