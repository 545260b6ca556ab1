import EmberBackend

/// The memory behind one or more tensors: a contiguous buffer of `count` elements.
/// Tensors that are reshapes of each other share a storage.
@usableFromInline
final class TensorStorage<Scalar: TensorScalar> {
    @usableFromInline let pointer: UnsafeMutablePointer<Scalar>
    @usableFromInline let count: Int

    /// Uninitialised storage; every creator writes all elements before the tensor is seen.
    @inlinable
    init(uninitializedCount count: Int) {
        self.count = count
        pointer = .allocate(capacity: Swift.max(count, 1))
    }

    deinit { pointer.deallocate() }
}
