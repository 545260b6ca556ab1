#if canImport(Glibc)
import CEmberSupport
import Glibc
#endif

/// Ember's memory policy: keep glibc from returning large tensor buffers to the kernel after every free.
///
/// By default glibc serves blocks of a few megabytes with `mmap` and unmaps them on `free`, so a training step that
/// allocates the same large activations every iteration pays a page fault and a zeroed page for every 4 KiB, every
/// step (a third of the `mlp` benchmark's time). Raising the mmap threshold to 256 MiB and the trim threshold to
/// 512 MiB keeps freed blocks in the heap for reuse; resident memory then stays flat at the working set's size.
/// Applied once, at the first tensor allocation, unless the process set `MALLOC_MMAP_THRESHOLD_` itself.
public enum Allocator {
    /// Whether the policy was applied (reading it applies it, once).
    public static let isTuned: Bool = {
        #if canImport(Glibc)
        guard getenv("MALLOC_MMAP_THRESHOLD_") == nil else { return false }
        return mallopt(M_MMAP_THRESHOLD, 256 << 20) == 1 && mallopt(M_TRIM_THRESHOLD, 512 << 20) == 1
        #else
        return false
        #endif
    }()
}
