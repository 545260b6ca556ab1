import EmberBackend
import EmberCBLAS
import EmberReference
import EmberSIMD

/// The catalog of built-in backends: the one list in code (Package.swift holds the matching table of targets).
/// Adding a backend is a folder under `Backends/`, a row in Package.swift and a line here.
enum BuiltinBackends {
    static let all: [(name: String, factory: @Sendable () -> any Backend)] = [
        ("reference", { ReferenceBackend() }),
        ("simd", { SIMDBackend() }),
        ("cblas", { CBLASBackend() }),
    ]

    /// The backend used when neither code nor `EMBER_BACKEND` chooses one: `cblas` (OpenBLAS for matrix products,
    /// the SIMD kernels for the rest) when OpenBLAS runs kernels made for this CPU, and `simd` when OpenBLAS fell
    /// back to its generic kernels, which run several times slower than Ember's own.
    static var defaultName: String {
        OpenBLASInfo.genericCoreWarning() == nil ? "cblas" : "simd"
    }
}
