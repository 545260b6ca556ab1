/// A call of one kernel as a compiled step replays it: given the replay's slot addresses (and the backend in force).
package typealias PreparedKernel = (UnsafePointer<UnsafeMutableRawPointer>, any Backend) -> Void

/// A backend of this package that can hand a compiled step, once per trace, a ready-made call for a small kernel:
/// the replay then skips the layers between the step and the machine code (the scalar type's and the backend's
/// protocol dispatch, the op and layout switches, the threading decision), which cost about as much as the
/// arithmetic of a 100-element kernel.
///
/// The call must compute exactly what the backend's own kernel computes for the same operands, bit for bit, on any
/// thread count the step's guards allow (the thread count is one of them). Package-only: an outside backend is
/// replayed through its `Backend` methods, unchanged.
package protocol KernelPreparing: Backend {
    /// The call for `step` over `count` elements (an elementwise kernel, or, for `.reduction`, a full sum or dot
    /// product of the kind `reduction` gives into its one-element `output`), or `nil` to replay it through the
    /// `Backend` methods.
    func preparedKernel<Scalar: TensorScalar>(_ step: FusedStep<Scalar>, count: Int,
                                              reduction: (kind: FusedReductionKind, output: FusedOperand)?)
        -> PreparedKernel?
}
