/// A call of kernels as a compiled step replays them: given the replay's slot addresses (and the backend in force).
package typealias PreparedKernel = (UnsafePointer<UnsafeMutableRawPointer>, any Backend) -> Void

/// One kernel of a compiled step as `KernelPreparing` takes it: `step` over `count` elements (an elementwise kernel,
/// or, for `.reduction`, a full sum or dot product of the kind `reduction` gives into its one-element `output`).
@usableFromInline
package struct PreparableKernel<Scalar: TensorScalar> {
    @usableFromInline package let step: FusedStep<Scalar>
    @usableFromInline package let count: Int
    @usableFromInline package let reduction: (kind: FusedReductionKind, output: FusedOperand)?

    /// Inlinable, like `FusedStep`'s, so that a trace preparing its kernels does not look up generic metadata for each.
    @inlinable package init(step: FusedStep<Scalar>, count: Int, reduction: (kind: FusedReductionKind, output: FusedOperand)?) {
        (self.step, self.count, self.reduction) = (step, count, reduction)
    }
}

/// A backend of this package that can hand a compiled step, once per trace, one ready-made call for a sequence of
/// its small kernels: the replay then skips, for each kernel, the layers between the step and the machine code (the
/// scalar type's and the backend's protocol dispatch, the op and layout switches, the threading decision), which
/// cost about as much as the arithmetic of a 100-element kernel.
///
/// The call must compute exactly what the backend's own kernels compute for the same operands, in the same order,
/// bit for bit, on any thread count the step's guards allow (the thread count is one of them). Package-only: an
/// outside backend is replayed through its `Backend` methods, unchanged.
package protocol KernelPreparing: Backend {
    /// Whether `kernel` can be part of a prepared sequence.
    func canPrepare<Scalar: TensorScalar>(_ kernel: PreparableKernel<Scalar>) -> Bool
    /// One call that runs `kernels` (each of which `canPrepare` accepted) in order, or `nil` to replay them through
    /// the `Backend` methods.
    func preparedKernels<Scalar: TensorScalar>(_ kernels: [PreparableKernel<Scalar>]) -> PreparedKernel?
}
