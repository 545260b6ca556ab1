import ArgumentParser
import Ember
import EmberCBLAS
import EmberDistributed
import Foundation

/// `ember info`: the backends (the one in use and why), the simd kernel path, the thread count, OpenBLAS's version
/// and chosen core, the CPU's vector features, the MPI library and the number of processes (under `mpirun`).
struct InfoCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "info",
        abstract: "Show the backends, simd kernels, threads, OpenBLAS core, CPU features, MPI library and processes.")

    func run() throws {
        let environment = ProcessInfo.processInfo.environment
        let selected = try Backends.resolveEnvironment()
        try ComputeOptions.applyThreads(nil)
        print("backends:        \(Backends.names.joined(separator: ", "))")
        print("backend in use:  \(selected.name)"
              + (environment["EMBER_BACKEND"].map { " (EMBER_BACKEND=\($0))" }
                 ?? " (default: \(DefaultBackendRule.current.reason))"))
        print("simd kernels:    \(SIMDKernelPath.selection); this CPU runs "
              + SIMDKernelPath.available.map(\.rawValue).joined(separator: ", "))
        print("threads:         \(Threads.count)"
              + (environment["EMBER_NUM_THREADS"].map { " (EMBER_NUM_THREADS=\($0))" } ?? " (cores)"))
        let cpu = OpenBLASInfo.cpu
        print("cpu:             \(cpu.modelName ?? "unknown")")
        print("vector features: \(cpu.vectorFeatures.joined(separator: " "))")
        print("openblas:        \(OpenBLASInfo.config)")
        print("openblas core:   \(OpenBLASInfo.coreName)"
              + (OpenBLASInfo.coreTypeOverride.map { " (OPENBLAS_CORETYPE=\($0))" } ?? ""))
        if let warning = OpenBLASInfo.genericCoreWarning() {
            print("note:            \(warning)")
        }
        print("mpi:             \(ProcessGroup.mpiLibraryVersion)")
        let group = Launch.group
        print("processes:       \(group.worldSize)"
              + (group.usesMPI ? " (launched by mpirun)" : " (not launched by mpirun)"))
    }
}
