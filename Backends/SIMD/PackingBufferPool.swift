import Synchronization

/// Scratch memory for the packed panels of the matrix product, reused across calls.
///
/// A caller takes a buffer for the duration of `withBuffer` (one per thread of a threaded product), so concurrent
/// products never share one; buffers are allocated on first need and freed with the pool. After warm-up a product
/// allocates nothing.
final class PackingBufferPool: Sendable {
    /// Bytes in each buffer (64-byte aligned).
    let byteCount: Int
    /// Addresses of the idle buffers.
    private let idle = Mutex<[UInt]>([])

    init(byteCount: Int) {
        self.byteCount = byteCount
    }

    func withBuffer<R>(_ body: (UnsafeMutableRawPointer) -> R) -> R {
        let address = idle.withLock { $0.popLast() }
        let buffer = address.flatMap { UnsafeMutableRawPointer(bitPattern: $0) }
            ?? UnsafeMutableRawPointer.allocate(byteCount: byteCount, alignment: 64)
        defer {
            let returned = UInt(bitPattern: buffer)
            idle.withLock { $0.append(returned) }
        }
        return body(buffer)
    }

    deinit {
        idle.withLock { addresses in
            for address in addresses { UnsafeMutableRawPointer(bitPattern: address)?.deallocate() }
        }
    }
}
