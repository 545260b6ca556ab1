import Foundation
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

    /// Allocations of at least this many bytes are tried with `malloc` before the tensor's storage is created, so
    /// that one the machine cannot serve stops with `checkAllocation`'s message instead of the runtime's.
    public static let checkedBytes = 1 << 28

    /// Stops the process, naming the shape and the bytes, when a tensor of `count` elements of `stride` bytes cannot
    /// be allocated (its byte count overflows `Int`, exceeds the machine's memory and swap, or `malloc` refuses it);
    /// returns when it can. The message follows
    /// PyTorch's allocator: `not enough memory: you tried to allocate N bytes`. Called for large tensors only.
    @inline(never)
    public static func checkAllocation(count: Int, stride: Int, scalar: String, shape: [Int]) {
        let (bytes, overflow) = count.multipliedReportingOverflow(by: stride)
        if overflow {
            fatalError("Ember: not enough memory: a \(scalar) tensor of shape \(shape) has \(count) elements, "
                + "whose byte count (× \(stride)) overflows Int")
        }
        let request = "you tried to allocate \(bytes) bytes (\(formatBytes(Double(bytes)))) for a \(scalar) tensor of "
            + "shape \(shape)"
        // Beyond memory and swap together, no allocator can serve it (and sanitizers' allocators abort instead of
        // returning NULL), so it is refused without asking.
        if let total = memoryAndSwap, Double(bytes) > total {
            fatalError("Ember: not enough memory: \(request); the machine has \(formatBytes(total)) of memory and swap")
        }
        guard let block = malloc(bytes) else { fatalError("Ember: not enough memory: \(request)") }
        free(block)
    }

    /// The machine's memory plus swap in bytes (`sysinfo`), or `nil` where it cannot be read.
    private static var memoryAndSwap: Double? {
        #if canImport(Glibc)
        var info = sysinfo()
        guard sysinfo(&info) == 0 else { return nil }
        return (Double(info.totalram) + Double(info.totalswap)) * Double(info.mem_unit)
        #else
        return nil
        #endif
    }

    /// `1.5 GiB`, `3.6 PiB`: a byte count in binary units, three significant digits.
    public static func formatBytes(_ bytes: Double) -> String {
        let units = ["bytes", "KiB", "MiB", "GiB", "TiB", "PiB", "EiB", "ZiB", "YiB"]
        var value = bytes, unit = 0
        while value >= 1024 && unit < units.count - 1 {
            value /= 1024
            unit += 1
        }
        if unit == 0 { return "\(Int(value)) bytes" }
        return String(format: value < 10 ? "%.2f" : value < 100 ? "%.1f" : "%.0f", value) + " " + units[unit]
    }

    /// The number of elements of `shape`, the product of its sizes; stops with a message naming `op` and the shape
    /// when the product overflows `Int`.
    @inlinable
    public static func elementCount(_ shape: [Int], op: String) -> Int {
        var count = 1
        for size in shape {
            let (product, overflow) = count.multipliedReportingOverflow(by: size)
            if overflow { elementCountOverflow(shape, op: op) }
            count = product
        }
        return count
    }

    @inline(never) @usableFromInline
    static func elementCountOverflow(_ shape: [Int], op: String) -> Never {
        fatalError("\(op): the element count of shape \(shape) overflows Int")
    }
}
