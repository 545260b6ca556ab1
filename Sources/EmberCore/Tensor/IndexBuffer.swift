import EmberBackend

/// A buffer of `Int` that an op keeps for its backward, such as `maxPool2d`'s arg-max indices.
///
/// Unlike a Swift array, it tells a running compiled-step trace (see `CompileTracing`) that it was created and where
/// its elements are, like `TensorStorage`, so the kernels that write and read it can be recorded and replayed.
final class IndexBuffer: ManagedBuffer<Int, Int> {
    /// A buffer of `count` uninitialised indices.
    static func allocate(_ count: Int) -> IndexBuffer {
        let buffer = unsafeDowncast(create(minimumCapacity: Swift.max(count, 1)) { _ in count }, to: IndexBuffer.self)
        CompileTracing.noteAllocation(buffer)
        return buffer
    }

    /// The elements' address for `body`, told to a running trace first. The address is valid only inside `body`.
    func withElements<R>(_ body: (UnsafeMutablePointer<Int>) throws -> R) rethrows -> R {
        try withUnsafeMutablePointerToElements { base in
            CompileTracing.noteAccess(self, base, bytes: header * MemoryLayout<Int>.stride)
            return try body(base)
        }
    }
}
