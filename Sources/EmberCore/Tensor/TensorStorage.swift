import EmberBackend

/// The memory behind one or more tensors: contiguous elements (the header records how many), allocated together with this header in one
/// block (a `ManagedBuffer`), so a new tensor costs two allocations (the tensor and its storage), not three.
/// Tensors that are reshapes of each other share a storage.
///
/// The elements are reached only through `withUnsafeMutablePointerToElements` (or the tensor's `withReadPointer` and
/// `withMutablePointer`, built on it), which keeps the storage alive until the closure returns. There is no property
/// that hands out the address: an optimised build may free the storage right after such a read, before the pointer
/// is used (a use-after-free that only release builds show).
@usableFromInline
final class TensorStorage<Scalar: TensorScalar>: ManagedBuffer<Int, Scalar> {
    /// Uninitialised storage for `count` elements; every creator writes all elements before the tensor is seen.
    /// A large request the machine cannot serve stops with a message naming `shape` and the bytes.
    @inlinable
    static func allocate(_ count: Int, shape: [Int]) -> TensorStorage {
        _ = Allocator.isTuned
        if count >= Allocator.checkedBytes / MemoryLayout<Scalar>.stride {
            Allocator.checkAllocation(count: count, stride: MemoryLayout<Scalar>.stride, scalar: "\(Scalar.self)",
                                      shape: shape)
        }
        let storage = unsafeDowncast(create(minimumCapacity: Swift.max(count, 1)) { _ in count }, to: TensorStorage.self)
        CompileTracing.noteAllocation(storage)   // a trace learns which buffers the step creates (Compile/)
        return storage
    }

    /// The elements' address for `body`, told to a running trace first (see `CompileTracing`). Every tensor access
    /// goes through here.
    @inlinable @inline(__always)
    final func withElements<R>(_ body: (UnsafeMutablePointer<Scalar>) throws -> R) rethrows -> R {
        try withUnsafeMutablePointerToElements { base in
            CompileTracing.noteAccess(self, base)
            return try body(base)
        }
    }
}
