import Foundation

/// The process's peak resident memory (Linux `/proc/self/status` VmHWM), resettable so that each benchmark
/// workload reports its own peak.
enum ResidentMemory {
    /// Resets the peak to the current resident size (writing 5 to `/proc/self/clear_refs`); best effort.
    static func resetPeak() {
        try? "5".write(toFile: "/proc/self/clear_refs", atomically: false, encoding: .utf8)
    }

    /// The peak resident size in MiB since the last reset, or `nil` where `/proc` does not say.
    static func peakMiB() -> Double? { procField("VmHWM:", in: "/proc/self/status").map { $0 / 1024 } }
}

/// The number after `name` on its line of a `/proc` file such as `/proc/meminfo` (`MemAvailable:   22977292 kB`
/// gives 22977292), or `nil` where the file or the line is missing.
func procField(_ name: String, in path: String) -> Double? {
    guard let text = try? String(contentsOfFile: path, encoding: .utf8) else { return nil }
    for line in text.split(separator: "\n") where line.hasPrefix(name) {
        return line.dropFirst(name.count).split(whereSeparator: { $0 == " " || $0 == "\t" }).first.flatMap { Double($0) }
    }
    return nil
}
