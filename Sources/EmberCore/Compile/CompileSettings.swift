import Foundation

/// The environment switches of compiled steps: `EMBER_COMPILE=0` turns compilation off (every call runs eagerly),
/// `EMBER_COMPILE_FUSE=0` replays kernel by kernel through the `Backend` methods even on a `FusingBackend` (no fused
/// runs, no prepared sequences), `EMBER_COMPILE_LOG=1` prints each trace and retrace, with its reason and its
/// kernels, on standard error.
public enum CompileSettings {
    /// Whether compiled steps trace and replay (`EMBER_COMPILE` is not `0`).
    public static let isEnabled: Bool = ProcessInfo.processInfo.environment["EMBER_COMPILE"] != "0"
    /// Whether replays fuse elementwise runs and prepare sequences of small kernels on a backend that can
    /// (`EMBER_COMPILE_FUSE` is not `0`).
    public static let fuses: Bool = ProcessInfo.processInfo.environment["EMBER_COMPILE_FUSE"] != "0"
    /// Whether traces and retraces are logged (`EMBER_COMPILE_LOG=1`).
    public static let logsTraces: Bool = ProcessInfo.processInfo.environment["EMBER_COMPILE_LOG"] == "1"

    /// Writes `line` to standard error, prefixed `compile: `.
    static func say(_ line: String) {
        FileHandle.standardError.write(Data("compile: \(line)\n".utf8))
    }

    /// Writes `line` when `EMBER_COMPILE_LOG=1`.
    static func log(_ line: @autoclosure () -> String) {
        if logsTraces { say(line()) }
    }
}
