import EmberBackend

// Scoped access to a tensor's elements: the pointer is valid only inside the closure, which keeps the tensor (and
// so its storage) alive. Index ops are written in this form.
extension Tensor {
    /// Calls `body` with a pointer to the elements, read-only, keeping the tensor alive for the call.
    @inlinable
    public final func withReadPointer<R>(_ body: (UnsafePointer<Scalar>) throws -> R) rethrows -> R {
        try withExtendedLifetime(self) { try body(UnsafePointer(storage.pointer)) }
    }

    /// Calls `body` with a pointer to the elements to write them, keeping the tensor alive for the call.
    @inlinable
    public final func withMutablePointer<R>(_ body: (UnsafeMutablePointer<Scalar>) throws -> R) rethrows -> R {
        try withExtendedLifetime(self) { try body(storage.pointer) }
    }
}
