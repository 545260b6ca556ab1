import EmberBackend

// Scoped access to a tensor's elements, the only way to reach them. Each keeps the tensor's storage alive until its
// closure returns (`ManagedBuffer.withUnsafeMutablePointerToElements` fixes the lifetime), so a kernel never runs on
// memory an optimised build has already freed. A pointer must not escape its closure.
extension Tensor {
    /// Calls `body` with the address of the first element, to read.
    @inlinable @inline(__always)
    final func withReadPointer<R>(_ body: (UnsafePointer<Scalar>) throws -> R) rethrows -> R {
        try storage.withElements { try body(UnsafePointer($0)) }
    }

    /// Calls `body` with the address of the first element, to write.
    @inlinable @inline(__always)
    final func withMutablePointer<R>(_ body: (UnsafeMutablePointer<Scalar>) throws -> R) rethrows -> R {
        try storage.withElements(body)
    }

    /// Runs a kernel that reads `input` and writes `output` (which may be the same tensor).
    @inlinable @inline(__always)
    static func withKernelPointers<R>(
        _ input: Tensor, _ output: Tensor, _ body: (UnsafePointer<Scalar>, UnsafeMutablePointer<Scalar>) throws -> R
    ) rethrows -> R {
        try input.withReadPointer { x in try output.withMutablePointer { try body(x, $0) } }
    }

    /// Runs a kernel that reads `lhs` and `rhs` and writes `output` (which may be one of them).
    @inlinable @inline(__always)
    static func withKernelPointers<R>(
        _ lhs: Tensor, _ rhs: Tensor, _ output: Tensor,
        _ body: (UnsafePointer<Scalar>, UnsafePointer<Scalar>, UnsafeMutablePointer<Scalar>) throws -> R
    ) rethrows -> R {
        try lhs.withReadPointer { a in try rhs.withReadPointer { b in try output.withMutablePointer { try body(a, b, $0) } } }
    }
}
