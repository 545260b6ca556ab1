/// An operand of a fused step: `byteOffset` bytes into the replay's buffer of slot `slot`, or tile buffer `slot` of
/// the scratch (an intermediate only the run uses).
package struct FusedOperand: Sendable {
    package let slot: Int
    package let byteOffset: Int
    package let isScratch: Bool

    package init(slot: Int, byteOffset: Int, isScratch: Bool) {
        self.slot = slot
        self.byteOffset = byteOffset
        self.isScratch = isScratch
    }

    /// The operand's first element (in memory, the run's element 0).
    @inline(__always)
    package func pointer<Scalar>(_ bases: UnsafePointer<UnsafeMutableRawPointer>, as: Scalar.Type)
        -> UnsafeMutablePointer<Scalar> {
        (bases[slot] + byteOffset).assumingMemoryBound(to: Scalar.self)
    }

    /// The operand's element `range.lowerBound` (in memory) or its tile buffer (in scratch).
    @inline(__always)
    func pointer<Scalar>(_ range: Range<Int>, _ bases: UnsafePointer<UnsafeMutableRawPointer>,
                         _ scratch: UnsafeMutablePointer<Scalar>, _ stride: Int) -> UnsafeMutablePointer<Scalar> {
        isScratch ? scratch + slot * stride : pointer(bases, as: Scalar.self) + range.lowerBound
    }
}

/// One step of a fused run: an elementwise kernel, or a reduction fed with its operands.
package struct FusedStep<Scalar: TensorScalar> {
    package enum Operation {
        case unary(UnaryOp)
        /// `kind` is `.elementwise`, `.scalarLHS` or `.scalarRHS`; a scalar operand is one element in memory.
        case binary(BinaryOp, BroadcastLayout.Kind)
        case fill, copy, axpy, scale
        /// Reduction number `k` of the run, fed with `a` (and `b` for a dot).
        case reduction(Int)
    }

    package let operation: Operation
    package let a: FusedOperand?, b: FusedOperand?, out: FusedOperand?
    /// The scalar argument of `fill`, `axpy` and `scale`, unless `scalarSource` gives it at each replay.
    package let scalar: Scalar
    package let scalarSource: (() -> Scalar)?

    package init(_ operation: Operation, a: FusedOperand? = nil, b: FusedOperand? = nil, out: FusedOperand? = nil,
                 scalar: Scalar = 0, scalarSource: (() -> Scalar)? = nil) {
        self.operation = operation
        self.a = a
        self.b = b
        self.out = out
        self.scalar = scalar
        self.scalarSource = scalarSource
    }
}

/// A fused run as a compiled step keeps it: the steps, the reductions and where their results go. `FusedRun` binds
/// it to one replay's buffers.
package final class FusedProgram<Scalar: TensorScalar>: @unchecked Sendable {
    package let count: Int
    package let steps: [FusedStep<Scalar>]
    package let reductionKinds: [FusedReductionKind]
    package let reductionOutputs: [FusedOperand]
    package let scratchCount: Int

    /// `@unchecked Sendable`: immutable after init; `scalarSource` closures are only called by the replaying task.
    package init(count: Int, steps: [FusedStep<Scalar>], reductionKinds: [FusedReductionKind],
                 reductionOutputs: [FusedOperand], scratchCount: Int) {
        self.count = count
        self.steps = steps
        self.reductionKinds = reductionKinds
        self.reductionOutputs = reductionOutputs
        self.scratchCount = scratchCount
    }

    @inline(__always)
    func evaluate(_ range: Range<Int>, bases: UnsafePointer<UnsafeMutableRawPointer>,
                  scratch: UnsafeMutablePointer<Scalar>, scratchStride stride: Int, on backend: any Backend,
                  consume: (Int, UnsafePointer<Scalar>, UnsafePointer<Scalar>?) -> Void) {
        let n = range.count
        for step in steps {
            switch step.operation {
            case .unary(let op):
                Scalar._unary(backend, op, step.a!.pointer(range, bases, scratch, stride),
                              step.out!.pointer(range, bases, scratch, stride), count: n)
            case .binary(let op, let kind):
                let out = step.out!.pointer(range, bases, scratch, stride)
                switch kind {
                case .scalarLHS:
                    Scalar._binary(backend, op, step.a!.pointer(bases, as: Scalar.self),
                                   step.b!.pointer(range, bases, scratch, stride), out, layout: .scalarLHS(n))
                case .scalarRHS:
                    Scalar._binary(backend, op, step.a!.pointer(range, bases, scratch, stride),
                                   step.b!.pointer(bases, as: Scalar.self), out, layout: .scalarRHS(n))
                default:
                    Scalar._binary(backend, op, step.a!.pointer(range, bases, scratch, stride),
                                   step.b!.pointer(range, bases, scratch, stride), out, layout: .elementwise(n))
                }
            case .fill:
                Scalar._fill(backend, step.scalarSource?() ?? step.scalar, step.out!.pointer(range, bases, scratch, stride),
                             count: n)
            case .copy:
                Scalar._copy(backend, step.a!.pointer(range, bases, scratch, stride),
                             step.out!.pointer(range, bases, scratch, stride), count: n)
            case .axpy:
                Scalar._axpy(backend, step.scalarSource?() ?? step.scalar, step.a!.pointer(range, bases, scratch, stride),
                             step.out!.pointer(range, bases, scratch, stride), count: n)
            case .scale:
                Scalar._scale(backend, step.scalarSource?() ?? step.scalar,
                              step.out!.pointer(range, bases, scratch, stride), count: n)
            case .reduction(let k):
                consume(k, step.a!.pointer(range, bases, scratch, stride),
                        step.b.map { UnsafePointer($0.pointer(range, bases, scratch, stride)) })
            }
        }
    }
}
