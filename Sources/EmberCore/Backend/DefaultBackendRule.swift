import EmberCBLAS
import EmberSIMD

/// Which built-in backend runs when neither code nor `EMBER_BACKEND` chooses one, and why: the one that is fastest
/// for this build on this CPU, decided from what OpenBLAS and the `simd` backend each run here.
///
/// | OpenBLAS core | `simd` kernel path | default |
/// |---|---|---|
/// | built for this CPU (Haswell, SkylakeX, Cooperlake, Zen, …) | any | `cblas`: OpenBLAS's hand-written kernels |
/// | generic (Prescott, …: OpenBLAS did not recognise the CPU) | `avx2` or `avx512` | `simd`: its dispatched kernels run matrix products 3–5× faster than the generic ones |
/// | generic | `baseline` (no AVX2) | `cblas`: the CPU predates AVX2, and OpenBLAS's SSE kernels beat the portable Swift code |
///
/// The `simd` path does not depend on how Ember was compiled (`SIMDKernelPath`), so a plain
/// `swift build -c release` gets the same choice as a `-target-cpu native` build.
public struct DefaultBackendRule: Equatable, Sendable, CustomStringConvertible {
    /// `"cblas"` or `"simd"`.
    public let name: String
    /// One line saying why, for `ember info`.
    public let reason: String

    public var description: String { "\(name) (\(reason))" }

    /// The choice for this process: OpenBLAS's loaded core and `SIMDKernelPath.selected`.
    public static var current: DefaultBackendRule {
        DefaultBackendRule(openBLASCore: OpenBLASInfo.coreName, simdPath: SIMDKernelPath.selected)
    }

    /// The choice for an OpenBLAS core name and a `simd` kernel path.
    public init(openBLASCore core: String, simdPath: SIMDKernelPath) {
        let generic = OpenBLASInfo.genericCores.contains(core.lowercased())
        switch (generic, simdPath) {
        case (false, _):
            name = "cblas"
            reason = "OpenBLAS runs its \(core) kernels, made for this CPU"
        case (true, .avx2), (true, .avx512):
            name = "simd"
            reason = "OpenBLAS runs its generic \(core) kernels; the simd backend's \(simdPath) kernels are "
                + "several times faster"
        case (true, .baseline):
            name = "cblas"
            reason = "the simd backend runs its portable Swift kernels (baseline path); OpenBLAS's \(core) "
                + "kernels are faster"
        }
    }
}
