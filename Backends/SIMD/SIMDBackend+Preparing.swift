import EmberBackend

/// The simd backend prepares its small C kernels for compiled steps (`KernelPreparing`): `add`, `sub`, `mul` and
/// `div` (elementwise, or with a scalar operand), full sums, `axpy` and `fill`, under `Parallel.cheapThreshold`
/// elements, where its own kernels run on the calling thread whatever the thread count. Each prepared call is the
/// very call those kernels make (`BinaryKernels.row`, `ReductionKernels.reduceRow`, `Level1Kernels.axpyRange`,
/// `Level1Kernels.fill`), so a replay computes the same bits.
extension SIMDBackend: KernelPreparing {
    package func preparedKernel<Scalar: TensorScalar>(_ step: FusedStep<Scalar>, count: Int,
                                                      reduction: (kind: FusedReductionKind, output: FusedOperand)?)
        -> PreparedKernel? {
        if let step = step as? FusedStep<Float> { return PreparedKernels.make(step, count, reduction, path: path) }
        if let step = step as? FusedStep<Double> { return PreparedKernels.make(step, count, reduction, path: path) }
        return nil
    }
}

/// The calls `SIMDBackend.preparedKernel(_:)` hands out.
enum PreparedKernels {
    /// Specialised, so that the calls it returns are too (generic, each would look up its scalar type's witnesses).
    @_specialize(where T == Float)
    @_specialize(where T == Double)
    static func make<T: SIMDScalar>(_ step: FusedStep<T>, _ n: Int,
                                    _ reduction: (kind: FusedReductionKind, output: FusedOperand)?,
                                    path: SIMDKernelPath) -> PreparedKernel? {
        guard path != .baseline, n > 0, n < Parallel.cheapThreshold else { return nil }
        let (value, source) = (step.scalar, step.scalarSource)
        switch step.operation {
        case .binary(let op, let kind):
            guard let code = FusedKernels.binaryCode(op), kind != .strided, let a = step.a, let b = step.b,
                  let out = step.out else { return nil }
            let (sa, sb) = (kind == .scalarLHS ? 0 : 1, kind == .scalarRHS ? 0 : 1)
            return { bases, _ in
                _ = T.Kernels.binary(path, code, a.pointer(bases, as: T.self), sa, b.pointer(bases, as: T.self), sb,
                                     out.pointer(bases, as: T.self), n)
            }
        case .reduction:
            guard let reduction, reduction.kind == .sum, let x = step.a else { return nil }
            let out = reduction.output
            return { bases, _ in
                out.pointer(bases, as: T.self).pointee = T.Kernels.sum(path, x.pointer(bases, as: T.self), n)!
            }
        case .axpy:
            guard let x = step.a, let y = step.out else { return nil }
            return { bases, _ in
                _ = T.Kernels.axpy(path, source?() ?? value, x.pointer(bases, as: T.self), y.pointer(bases, as: T.self), n)
            }
        case .fill:
            guard let out = step.out else { return nil }
            return { bases, _ in Level1Kernels.fill(source?() ?? value, out.pointer(bases, as: T.self), count: n) }
        case .unary, .copy, .scale:
            return nil
        }
    }
}
