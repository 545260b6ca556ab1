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

extension FusibleKernel {
    /// The call as a step of a fused program, its operands placed by `operand`; a reduction becomes the program's
    /// reduction `index` (its output then goes in the program's `reductionOutputs`).
    func step<Scalar: TensorScalar>(reduction index: Int, operand: (BufferRef?) -> FusedOperand?) -> FusedStep<Scalar> {
        let fused: FusedStep<Scalar>.Operation
        switch operation {
        case .unary(let op): fused = .unary(op)
        case .binary(let op, let kind): fused = .binary(op, kind)
        case .fill: fused = .fill
        case .copy: fused = .copy
        case .axpy: fused = .axpy
        case .scale: fused = .scale
        case .sum, .dot: fused = .reduction(index)
        }
        return FusedStep(fused, a: operand(a), b: operand(b), out: isReduction ? nil : operand(out),
                         scalar: Scalar(scalar), scalarSource: scalarSource.flatMap { $0 as? () -> Scalar })
    }

    /// The call alone over the replay's buffers, as `KernelPreparing` takes it.
    func preparable<Scalar: TensorScalar>(as _: Scalar.Type) -> PreparableKernel<Scalar> {
        func operand(_ ref: BufferRef?) -> FusedOperand? {
            ref.map { FusedOperand(slot: $0.slot, byteOffset: $0.byteOffset, isScratch: false) }
        }
        return PreparableKernel(step: step(reduction: 0, operand: operand), count: count,
                                reduction: isReduction ? (isDot ? .dot : .sum, operand(out)!) : nil)
    }
}
