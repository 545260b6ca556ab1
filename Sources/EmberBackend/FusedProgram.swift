import Synchronization

/// An operand of a fused step: `byteOffset` bytes into the replay's buffer of slot `slot`, or tile buffer `slot` of
/// the scratch (an intermediate only the run uses).
@usableFromInline
package struct FusedOperand: Sendable {
    @usableFromInline package let slot: Int
    @usableFromInline package let byteOffset: Int
    @usableFromInline package let isScratch: Bool

    @inlinable package init(slot: Int, byteOffset: Int, isScratch: Bool) {
        self.slot = slot
        self.byteOffset = byteOffset
        self.isScratch = isScratch
    }

    /// The operand's first element (in memory, the run's element 0).
    @inlinable @inline(__always)
    package func pointer<Scalar>(_ bases: UnsafePointer<UnsafeMutableRawPointer>, as: Scalar.Type)
        -> UnsafeMutablePointer<Scalar> {
        (bases[slot] + byteOffset).assumingMemoryBound(to: Scalar.self)
    }

    /// The operand's element `range.lowerBound` (in memory) or its tile buffer (in scratch).
    @inlinable @inline(__always)
    func pointer<Scalar>(_ range: Range<Int>, _ bases: UnsafePointer<UnsafeMutableRawPointer>,
                         _ scratch: UnsafeMutablePointer<Scalar>, _ stride: Int) -> UnsafeMutablePointer<Scalar> {
        isScratch ? scratch + slot * stride : pointer(bases, as: Scalar.self) + range.lowerBound
    }
}

/// One step of a fused run: an elementwise kernel, or a reduction fed with its operands.
@usableFromInline
package struct FusedStep<Scalar: TensorScalar> {
    @usableFromInline
    package enum Operation {
        case unary(UnaryOp)
        /// `kind` is `.elementwise`, `.scalarLHS` or `.scalarRHS`; a scalar operand is one element in memory.
        case binary(BinaryOp, BroadcastLayout.Kind)
        case fill, copy, axpy, scale
        /// Reduction number `k` of the run, fed with `a` (and `b` for a dot).
        case reduction(Int)
    }

    @usableFromInline package let operation: Operation
    @usableFromInline package let a: FusedOperand?, b: FusedOperand?, out: FusedOperand?
    /// The scalar argument of `fill`, `axpy` and `scale`, unless `scalarSource` gives it at each replay.
    @usableFromInline package let scalar: Scalar
    @usableFromInline package let scalarSource: (() -> Scalar)?

    @inlinable package init(_ operation: Operation, a: FusedOperand? = nil, b: FusedOperand? = nil, out: FusedOperand? = nil,
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
@usableFromInline
package final class FusedProgram<Scalar: TensorScalar>: @unchecked Sendable {
    @usableFromInline package let count: Int
    @usableFromInline package let steps: [FusedStep<Scalar>]
    package let reductionKinds: [FusedReductionKind]
    package let reductionOutputs: [FusedOperand]
    package let scratchCount: Int
    /// What the backend running the program derived from it once (its own form of the steps), kept for later replays.
    package let backendForm = FusedProgramCache()

    /// `@unchecked Sendable`: immutable after init. A backend may call `scalarSource` from its worker threads while the
    /// replaying task waits for them: the closures only read (SGD's reads its learning rate), nothing writes meanwhile.
    package init(count: Int, steps: [FusedStep<Scalar>], reductionKinds: [FusedReductionKind],
                 reductionOutputs: [FusedOperand], scratchCount: Int) {
        self.count = count
        self.steps = steps
        self.reductionKinds = reductionKinds
        self.reductionOutputs = reductionOutputs
        self.scratchCount = scratchCount
    }

    /// Inlinable, so that the backend's tile loop gets it specialised for its scalar type: unspecialised, each call
    /// looked up generic metadata and copied every step, several times the cost of a 100-element kernel.
    @inlinable @inline(__always)
    func evaluate(_ range: Range<Int>, bases: UnsafePointer<UnsafeMutableRawPointer>,
                  scratch: UnsafeMutablePointer<Scalar>, scratchStride stride: Int, on backend: any Backend,
                  consume: (Int, UnsafePointer<Scalar>, UnsafePointer<Scalar>?) -> Void) {
        let n = range.count
        // Through a pointer: `for step in steps` would copy each step (a generic struct holding a closure).
        steps.withUnsafeBufferPointer { steps in
            for i in steps.indices {
                let step = steps.baseAddress! + i
                func tile(_ operand: FusedOperand?) -> UnsafeMutablePointer<Scalar> {
                    operand!.pointer(range, bases, scratch, stride)
                }
                func scalar() -> Scalar { step.pointee.scalarSource?() ?? step.pointee.scalar }
                let (a, b, out) = (step.pointee.a, step.pointee.b, step.pointee.out)
                switch step.pointee.operation {
                case .unary(let op):
                    Scalar._unary(backend, op, tile(a), tile(out), count: n)
                case .binary(let op, .scalarLHS):
                    Scalar._binary(backend, op, a!.pointer(bases, as: Scalar.self), tile(b), tile(out),
                                   layout: .scalarLHS(n))
                case .binary(let op, .scalarRHS):
                    Scalar._binary(backend, op, tile(a), b!.pointer(bases, as: Scalar.self), tile(out),
                                   layout: .scalarRHS(n))
                case .binary(let op, _):
                    Scalar._binary(backend, op, tile(a), tile(b), tile(out), layout: .elementwise(n))
                case .fill:
                    Scalar._fill(backend, scalar(), tile(out), count: n)
                case .copy:
                    Scalar._copy(backend, tile(a), tile(out), count: n)
                case .axpy:
                    Scalar._axpy(backend, scalar(), tile(a), tile(out), count: n)
                case .scale:
                    Scalar._scale(backend, scalar(), tile(out), count: n)
                case .reduction(let k):
                    consume(k, tile(a), b.map { UnsafePointer($0.pointer(range, bases, scratch, stride)) })
                }
            }
        }
    }
}

/// One object a backend derives from a `FusedProgram` and keeps with it: made by the first replay, reused by the later
/// ones (a replay may run on any thread, hence the lock).
package final class FusedProgramCache: Sendable {
    private let value = Mutex<(any AnyObject & Sendable)?>(nil)

    package init() {}

    /// The object kept, or the one `make` returns (then kept) when there is none or it is not a `T`.
    package func get<T: AnyObject & Sendable>(_ type: T.Type, orMake make: () -> T) -> T {
        value.withLock { kept in
            if let object = kept as? T { return object }
            let object = make()
            kept = object
            return object
        }
    }
}
