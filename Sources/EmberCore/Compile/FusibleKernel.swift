import EmberBackend

/// A recorded kernel call described for fusion: an elementwise kernel over `count` elements, or a full reduction
/// (a sum over one row, or a 1×k by k×1 product) of `count` elements. `TraceRecorder` attaches one to each call
/// that qualifies; `FusionPlanner` joins them into runs.
struct FusibleKernel {
    enum Operation {
        case unary(UnaryOp)
        /// `kind` is `.elementwise`, `.scalarLHS` or `.scalarRHS` (a strided broadcast does not qualify).
        case binary(BinaryOp, BroadcastLayout.Kind)
        case fill, copy, axpy, scale
        case sum, dot
    }

    let operation: Operation
    let count: Int
    /// The operands: `a` and `b` are read (a scalar operand of `binary` is one element), `out` is written (read
    /// too by `axpy` and `scale`; `scale` has no other operand).
    let a: BufferRef?, b: BufferRef?, out: BufferRef?
    /// The scalar argument of `fill`, `axpy` and `scale` (a `Double` holds a `Float` or a `Double` exactly).
    var scalar: Double = 0
    /// A `() -> S` that gives the scalar at each replay instead (`CompileTracing.withReplayScalar`).
    var scalarSource: Any? = nil

    var isReduction: Bool {
        switch operation {
        case .sum, .dot: return true
        default: return false
        }
    }

    var isDot: Bool {
        if case .dot = operation { return true }
        return false
    }

    /// The operands read or written element by element (position `i` of the run touches their element `i`).
    var elementOperands: [(ref: BufferRef, writes: Bool)] {
        switch operation {
        case .unary, .copy: return [(a!, false), (out!, true)]
        case .binary(_, let kind):
            var operands: [(BufferRef, Bool)] = [(out!, true)]
            if kind != .scalarLHS { operands.append((a!, false)) }
            if kind != .scalarRHS { operands.append((b!, false)) }
            return operands
        case .fill, .scale: return [(out!, true)]
        case .axpy: return [(a!, false), (out!, true)]
        case .sum: return [(a!, false)]
        case .dot: return [(a!, false), (b!, false)]
        }
    }

    /// The one-element operand of a scalar `binary`, read at every position.
    var scalarOperand: BufferRef? {
        guard case .binary(_, let kind) = operation else { return nil }
        switch kind {
        case .scalarLHS: return a
        case .scalarRHS: return b
        default: return nil
        }
    }
}
