import EmberBackend

/// Hands each kernel of a trace that the backend can prepare (`KernelPreparing`, the simd backend's small C kernels)
/// to it once, when the trace is made, and replays the call it returns instead of the recorded one: the recorded call
/// goes through the scalar type's and the backend's protocol dispatch at every replay, which on a 100-element kernel
/// costs about as much as its arithmetic. Kernels in fused runs are not prepared (their run is one call already).
enum KernelPreparation {
    /// `entries` with every kernel `backend` prepares replaced by its prepared call.
    static func prepare<Scalar: TensorScalar>(_ entries: [TapeEntry], on backend: any KernelPreparing,
                                              as _: Scalar.Type) -> [TapeEntry] {
        entries.map { entry in
            guard case .kernel(var kernel) = entry, let fusion = kernel.fusion else { return entry }
            let (step, reduction) = fusion.preparable(as: Scalar.self)
            guard let call = backend.preparedKernel(step, count: fusion.count, reduction: reduction) else { return entry }
            kernel.run = call
            kernel.isPrepared = true
            return .kernel(kernel)
        }
    }
}
