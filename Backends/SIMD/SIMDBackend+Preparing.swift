import CEmberSIMDKernels
import EmberBackend

/// The simd backend prepares sequences of its small C kernels for compiled steps (`KernelPreparing`): `add`, `sub`,
/// `mul` and `div` (elementwise, or with a scalar operand), full sums, `axpy` and `fill`, under
/// `Parallel.cheapThreshold` elements, where its own kernels run on the calling thread whatever the thread count,
/// straight into the C kernel (`BinaryKernels.row`, `ReductionKernels.reduceRow`, `Level1Kernels.axpyRange`; `fill`
/// stores its value). The C driver (`SequenceDriver.h`) calls those same C kernels, so a replay computes the same bits.
extension SIMDBackend: KernelPreparing {
    // Specialised, and converted by type identity rather than by casts: a trace asks once per kernel, and the
    // generic paths (metadata look-ups, an array's element-by-element cast) cost several microseconds a trace.
    @_specialize(where Scalar == Float)
    @_specialize(where Scalar == Double)
    package func canPrepare<Scalar: TensorScalar>(_ kernel: PreparableKernel<Scalar>) -> Bool {
        SequenceStep.of(kernel, alphaIndex: -1, path: path) != nil
    }

    @_specialize(where Scalar == Float)
    @_specialize(where Scalar == Double)
    package func preparedKernels<Scalar: TensorScalar>(_ kernels: [PreparableKernel<Scalar>]) -> PreparedKernel? {
        if Scalar.self == Float.self {
            return KernelSequence<Float>.call(unsafeBitCast(kernels, to: [PreparableKernel<Float>].self), path: path)
        }
        if Scalar.self == Double.self {
            return KernelSequence<Double>.call(unsafeBitCast(kernels, to: [PreparableKernel<Double>].self), path: path)
        }
        return nil
    }
}

/// A prepared sequence: its steps in the C driver's form, allocated once, and the sources of the scalars read anew
/// at every replay (a learning rate).
final class KernelSequence<T: SIMDScalar> {
    private let steps: UnsafeMutablePointer<ember_sequence_step>
    private let count: Int
    private let sources: [() -> T]
    private let path: SIMDKernelPath

    private init(steps: [ember_sequence_step], sources: [() -> T], path: SIMDKernelPath) {
        self.steps = .allocate(capacity: steps.count)
        self.steps.initialize(from: steps, count: steps.count)
        (count, self.sources, self.path) = (steps.count, sources, path)
    }

    deinit { steps.deallocate() }

    /// The call running `kernels`, or `nil` when one has no C form here.
    static func call(_ kernels: [PreparableKernel<T>], path: SIMDKernelPath) -> PreparedKernel? {
        var steps: [ember_sequence_step] = [], sources: [() -> T] = []
        for kernel in kernels {
            guard let step = SequenceStep.of(kernel, alphaIndex: kernel.step.scalarSource == nil ? -1 : sources.count, path: path)
            else { return nil }
            if let source = kernel.step.scalarSource { sources.append(source) }
            steps.append(step)
        }
        let sequence = KernelSequence(steps: steps, sources: sources, path: path)
        return { bases, _ in sequence.run(bases) }
    }

    private func run(_ bases: UnsafePointer<UnsafeMutableRawPointer>) {
        guard !sources.isEmpty else {
            _ = T.Kernels.sequence(path, steps, count, bases, nil)
            return
        }
        withUnsafeTemporaryAllocation(of: Double.self, capacity: sources.count) { alphas in
            for i in 0..<sources.count { alphas[i] = Double(sources[i]()) }
            _ = T.Kernels.sequence(path, steps, count, bases, alphas.baseAddress)
        }
    }
}

/// The C driver's form of one prepared kernel.
enum SequenceStep {
    /// The C driver's form of `kernel`, or `nil` when it has none: the kernel is not one of the four, runs on
    /// several threads at its size, or `path` has no C kernels.
    @_specialize(where S == Float)
    @_specialize(where S == Double)
    static func of<S: TensorScalar>(_ kernel: PreparableKernel<S>, alphaIndex: Int,
                                      path: SIMDKernelPath) -> ember_sequence_step? {
        let n = kernel.count, s = kernel.step
        guard path != .baseline, n > 0, n < Parallel.cheapThreshold else { return nil }
        func slot(_ o: FusedOperand?) -> (Int, Int) { o.map { ($0.slot, $0.byteOffset) } ?? (-1, 0) }
        var (a, b, out) = (slot(s.a), slot(s.b), slot(s.out))
        var kind = EMBER_SEQUENCE_BINARY, op: Int32 = 0, strides = (0, 0)
        switch s.operation {
        case .binary(let binary, let layout):
            guard let code = FusedKernels.binaryCode(binary), layout != .strided, s.a != nil, s.b != nil, s.out != nil
            else { return nil }
            op = code
            strides = (layout == .scalarLHS ? 0 : 1, layout == .scalarRHS ? 0 : 1)
        case .reduction:
            guard let reduction = kernel.reduction, reduction.kind == .sum, s.a != nil else { return nil }
            kind = EMBER_SEQUENCE_SUM
            out = slot(reduction.output)
        case .axpy:
            guard s.a != nil, s.out != nil else { return nil }
            kind = EMBER_SEQUENCE_AXPY
        case .fill:
            guard s.out != nil else { return nil }
            kind = EMBER_SEQUENCE_FILL
        case .unary, .copy, .scale:
            return nil
        }
        if kind == EMBER_SEQUENCE_FILL { (a, b) = ((-1, 0), (-1, 0)) }
        return ember_sequence_step(kind: kind, op: op, slotA: a.0, offsetA: a.1, strideA: strides.0,
                                   slotB: b.0, offsetB: b.1, strideB: strides.1, slotOut: out.0, offsetOut: out.1,
                                   n: n, alphaIndex: alphaIndex, alpha: Double(s.scalar))
    }
}
