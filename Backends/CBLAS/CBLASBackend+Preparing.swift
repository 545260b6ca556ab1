import EmberBackend
import EmberSIMD

/// The cblas backend prepares, for compiled steps, the small kernels it runs on its `simd` backend (`fill`,
/// `binary`, full sums; see `KernelPreparing`): they are that backend's very kernels, so its prepared sequences
/// compute the same bits. `axpy` runs on OpenBLAS (`?axpy`) and is replayed through the `Backend` method, ending a
/// sequence.
extension CBLASBackend: KernelPreparing {
    package func canPrepare<Scalar: TensorScalar>(_ kernel: PreparableKernel<Scalar>) -> Bool {
        switch kernel.step.operation {
        case .binary, .fill, .reduction: return simd.canPrepare(kernel)
        default: return false
        }
    }

    package func preparedKernels<Scalar: TensorScalar>(_ kernels: [PreparableKernel<Scalar>]) -> PreparedKernel? {
        simd.preparedKernels(kernels)
    }
}
