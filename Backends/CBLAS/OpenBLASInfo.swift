import CEmberBLAS
import Foundation
import Synchronization

/// What OpenBLAS runs on this machine, and a warning when it chose slow kernels.
///
/// OpenBLAS picks its CPU kernels ("core") when the library loads. A build that does not recognise the CPU falls back
/// to generic kernels (Debian's 0.3.21 picks "Prescott" on some AVX-512 Xeons), which run matrix products about 8×
/// slower. Setting `OPENBLAS_CORETYPE` before the process starts overrides the choice; it cannot be changed later.
///
/// ```swift
/// print(OpenBLASInfo.config)     // "OpenBLAS 0.3.21 NO_LAPACKE DYNAMIC_ARCH NO_AFFINITY Cooperlake MAX_THREADS=64"
/// print(OpenBLASInfo.coreName)   // "Cooperlake"
/// print(OpenBLASInfo.cpu.vectorFeatures.joined(separator: " "))   // "sse2 ssse3 … avx2 avx512f …"
/// OpenBLASInfo.warnOnceIfGenericCore()   // prints only on a generic core, once per process
/// ```
public enum OpenBLASInfo {
    /// OpenBLAS's build configuration and version (`openblas_get_config`).
    public static var config: String { String(cString: openblas_get_config()) }

    /// The core OpenBLAS chose for this CPU (`openblas_get_corename`), such as `"SkylakeX"` or `"Prescott"`.
    public static var coreName: String { String(cString: openblas_get_corename()) }

    /// The processor's model name and vector features, from `/proc/cpuinfo`.
    public static var cpu: CPUFeatures { CPUFeatures.current }

    /// The value of `OPENBLAS_CORETYPE` this process started with, if any.
    public static var coreTypeOverride: String? { ProcessInfo.processInfo.environment["OPENBLAS_CORETYPE"] }

    /// OpenBLAS cores whose kernels predate AVX2 (lower-cased): running one of these on an AVX2 or AVX-512 CPU
    /// leaves most of its speed unused.
    public static let genericCores: Set<String> = [
        "unknown", "generic", "katmai", "coppermine", "northwood", "prescott", "banias", "atom", "core2", "penryn",
        "dunnington", "nehalem", "athlon", "opteron", "opteron_sse3", "barcelona", "nano", "sandybridge", "bobcat",
        "bulldozer", "piledriver", "steamroller",
    ]

    /// A one-line warning when OpenBLAS runs a generic core on a CPU with AVX2 or AVX-512, naming the
    /// `OPENBLAS_CORETYPE` value to try; `nil` when the choice is fine.
    public static func genericCoreWarning() -> String? {
        genericCoreWarning(coreName: coreName, cpu: cpu)
    }

    /// The warning for a given core name and CPU (see `genericCoreWarning()`).
    public static func genericCoreWarning(coreName: String, cpu: CPUFeatures) -> String? {
        guard genericCores.contains(coreName.lowercased()), cpu.hasAVX2 || cpu.hasAVX512 else { return nil }
        let (isa, suggestion) = cpu.hasAVX512 ? ("AVX-512", "SkylakeX") : ("AVX2", "Haswell")
        let model = cpu.modelName.map { " (\($0))" } ?? ""
        return "warning: OpenBLAS runs its generic \"\(coreName)\" kernels on a CPU with \(isa)\(model), so matrix "
            + "products may run several times slower; start the process with OPENBLAS_CORETYPE=\(suggestion) "
            + "to use the \(isa) kernels."
    }

    private static let warned = Atomic<Bool>(false)

    /// Prints `genericCoreWarning()` on standard error, at most once per process (safe from any thread).
    public static func warnOnceIfGenericCore() {
        guard !warned.load(ordering: .relaxed),
              warned.compareExchange(expected: false, desired: true, ordering: .relaxed).exchanged,
              let warning = genericCoreWarning() else { return }
        FileHandle.standardError.write(Data((warning + "\n").utf8))
    }
}
