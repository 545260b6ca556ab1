import Foundation

/// The process's peak resident memory (Linux `/proc/self/status` VmHWM), resettable so that each benchmark
/// workload reports its own peak.
enum ResidentMemory {
    /// Resets the peak to the current resident size (writing 5 to `/proc/self/clear_refs`); best effort.
    static func resetPeak() {
        try? "5".write(toFile: "/proc/self/clear_refs", atomically: false, encoding: .utf8)
    }

    /// The peak resident size in MiB since the last reset, or `nil` where `/proc` does not say.
    static func peakMiB() -> Double? { field("VmHWM:") }

    private static func field(_ name: String) -> Double? {
        guard let status = try? String(contentsOfFile: "/proc/self/status", encoding: .utf8) else { return nil }
        for line in status.split(separator: "\n") where line.hasPrefix(name) {
            let kib = line.dropFirst(name.count).split(whereSeparator: { $0 == " " || $0 == "\t" }).first.flatMap { Double($0) }
            return kib.map { $0 / 1024 }
        }
        return nil
    }
}
