import Ember
import Foundation

/// What a run will need against what the machine has, checked before anything is allocated, so that a run too large
/// for the machine ends in one line instead of an allocation failure and a crash dump.
///
/// The estimates are peak resident sizes measured with `/usr/bin/time -f %M` (see each one), rounded up; they only
/// need to be right within a small factor, since they guard against sizes that are off by orders of magnitude.
enum MemoryBudget {
    /// The bytes this process may still use and where that figure comes from: `MemAvailable` in `/proc/meminfo`,
    /// lowered to the cgroup's limit minus its usage when there is one; else the physical memory.
    static func available() -> (bytes: Double, source: String) {
        var best = (bytes: Double(ProcessInfo.processInfo.physicalMemory), source: "physical memory")
        if let kib = procField("MemAvailable:", in: "/proc/meminfo") { best = (kib * 1024, "MemAvailable in /proc/meminfo") }
        for (limitPath, usagePath) in [("/sys/fs/cgroup/memory.max", "/sys/fs/cgroup/memory.current"),
                                       ("/sys/fs/cgroup/memory/memory.limit_in_bytes",
                                        "/sys/fs/cgroup/memory/memory.usage_in_bytes")] {
            if let limit = number(limitPath), let usage = number(usagePath), limit - usage < best.bytes {
                best = (max(0, limit - usage), "the cgroup's memory limit")
            }
        }
        return best
    }

    /// Throws when `bytes` exceed what `available()` reports.
    /// - Parameters:
    ///   - bytes: the estimate (a `Double`, so that absurd sizes do not overflow).
    ///   - option: the option(s) that ask for it, as typed (`--n 99999999999999`).
    ///   - what: what the memory holds.
    static func check(_ bytes: Double, option: String, for what: String) throws {
        let (free, source) = available()
        guard bytes > free else { return }
        throw CLIError("\(option) needs about \(Allocator.formatBytes(bytes)) of memory (\(what)), but only "
            + "\(Allocator.formatBytes(free)) is available (\(source)); ask for less")
    }

    /// `ember linreg` (the tutorial) on `n` points: Float x and y, the training temporaries, and the Double copies of
    /// the closed-form check. Measured: 52 bytes a point (n = 1M → 4M: 79 → 228 MiB).
    static func linreg(points n: Int) -> Double { 56 * Double(n) }

    /// `ember mlp` with `hidden` units on `n` points. Measured: about 9 Floats a parameter (the parameter, its
    /// gradient, Adam's two moments, the step's temporaries), about 10 Floats per point and hidden unit (the
    /// activations of a forward pass over every training point), and 48 bytes a point of data.
    static func mlp(points n: Int, hidden h: Int) -> Double {
        let parameters = Double(h) * Double(h) + 4 * Double(h) + 1
        return 40 * parameters + 40 * Double(n) * Double(h) + 48 * Double(n)
    }

    private static func number(_ path: String) -> Double? {
        (try? String(contentsOfFile: path, encoding: .utf8)).flatMap { Double($0.trimmingCharacters(in: .whitespacesAndNewlines)) }
    }
}
