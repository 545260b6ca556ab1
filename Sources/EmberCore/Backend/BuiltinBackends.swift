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

    /// The backend used when neither code nor `EMBER_BACKEND` chooses one (see `DefaultBackendRule`).
    static var defaultName: String { DefaultBackendRule.current.name }
}
