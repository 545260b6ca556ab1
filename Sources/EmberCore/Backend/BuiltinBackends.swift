import EmberBackend
import EmberCBLAS
import EmberReference
import EmberSIMD

/// The catalog of built-in backends: the one list in code (Package.swift holds the matching table of targets).
/// Adding a backend is a folder under `Backends/`, a row in Package.swift and a line here.
enum BuiltinBackends {
    static let all: [(name: String, factory: @Sendable () -> any Backend)] = [
        ("reference", { ReferenceBackend() }),
    ]

    static let defaultName = "reference"
}
