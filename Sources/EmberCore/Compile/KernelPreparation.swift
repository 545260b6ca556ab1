import EmberBackend

/// Hands each sequence of consecutive kernels of a trace that the backend can prepare (`KernelPreparing`: the simd
/// backend's small C kernels, and those the cblas backend runs on simd) to it once, when the trace is made, and replays the one call it returns instead of
/// the recorded calls: each recorded call goes through the scalar type's and the backend's protocol dispatch at every
/// replay, which on a 100-element kernel costs about as much as its arithmetic. Kernels in fused runs are not
/// prepared (their run is one call already), and live regions end a sequence.
enum KernelPreparation {
    /// `entries` with each sequence of kernels `backend` prepares replaced by its prepared call.
    static func prepare<Scalar: TensorScalar>(_ entries: [TapeEntry], on backend: any KernelPreparing,
                                              as _: Scalar.Type) -> [TapeEntry] {
        var result: [TapeEntry] = []
        var pending: [(kernel: TapeKernel, preparable: PreparableKernel<Scalar>)] = []
        func flush() {
            if let call = pending.isEmpty ? nil : backend.preparedKernels(pending.map(\.preparable)) {
                result.append(.kernel(TapeKernel(name: "prepared", run: call, preparedNames: pending.map(\.kernel.name))))
            } else {
                result += pending.map { .kernel($0.kernel) }
            }
            pending.removeAll()
        }
        for entry in entries {
            if case .kernel(let kernel) = entry, let fusion = kernel.fusion {
                let preparable = fusion.preparable(as: Scalar.self)
                if backend.canPrepare(preparable) {
                    pending.append((kernel, preparable))
                    continue
                }
            }
            flush()
            result.append(entry)
        }
        flush()
        return result
    }
}
