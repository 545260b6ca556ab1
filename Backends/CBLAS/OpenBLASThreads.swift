import CEmberBLAS
import EmberBackend
import Synchronization

/// Keeps OpenBLAS's thread count in step with `Threads.count`, Ember's one setting for every threaded backend.
///
/// `sync()` runs before every BLAS call. It costs two relaxed atomic loads and a compare; only when
/// `Threads.count` changed since the last call does it call `openblas_set_num_threads`.
enum OpenBLASThreads {
    /// The count last passed to OpenBLAS; 0 before the first call.
    private static let applied = Atomic<Int>(0)

    @inline(__always)
    static func sync() {
        let wanted = Threads.count
        if applied.load(ordering: .relaxed) != wanted { apply(wanted) }
    }

    private static func apply(_ count: Int) {
        // Two threads racing here both set the same value, which is harmless.
        openblas_set_num_threads(Int32(clamping: count))
        applied.store(count, ordering: .relaxed)
    }
}
