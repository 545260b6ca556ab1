import ArgumentParser
import Ember
import EmberDistributed
import Foundation

/// `ember bench`: the benchmark workloads (`BenchWorkloads.swift`) on every (or a chosen) backend, as a table or JSON lines.
struct BenchCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "bench",
        abstract: "Benchmark backends on the seed, linreg1m, mlp, classify, cnn, gemm and add1 workloads (use a release build).",
        discussion: """
            --compile adds compiled runs of the training workloads, marked * in the table ("compiled": true in JSON). \
            --workloads allreduce (under mpirun -np N) measures the all-reduce bus bandwidth from 4 KB to 64 MB, \
            as nccl-tests reports it, and a data-parallel step of the mlp workload on 1 and on N processes, on the \
            first --backend (default: the one in force).
            """)

    @Option(name: .customLong("backend"), help: "A backend to run (repeatable; default: every backend).")
    var backends: [String] = []

    @Option(parsing: .unconditional, help: "Threads for threaded kernels (default: EMBER_NUM_THREADS or the number of cores).")
    var threads: Int?

    @Option(help: ArgumentHelp("Comma-separated workloads: "
            + "\(BenchWorkload.allCases.map(\.rawValue).joined(separator: ", ")) (the default), or allreduce."))
    var workloads: String = BenchWorkload.allCases.map(\.rawValue).joined(separator: ",")

    @Option(parsing: .unconditional, help: "Timed repetitions per workload (the median is reported).")
    var repeats = 5

    @Flag(help: "Print one JSON object per result instead of a table.")
    var json = false

    @Flag(name: .customLong("compile"),
          help: "Also run seed, linreg1m, mlp, classify and cnn as compiled steps, each beside its eager run.")
    var compiled = false

    func run() throws {
        try require(repeats >= 1, "--repeats must be at least 1, got \(repeats)")
        try ComputeOptions.applyThreads(threads)
        let names = workloads.split(separator: ",").map(String.init)
        let chosen = try names.filter { $0 != "allreduce" }.map { name in
            guard let workload = BenchWorkload(rawValue: name) else {
                throw CLIError("unknown workload \"\(name)\"; valid: "
                    + (BenchWorkload.allCases.map(\.rawValue) + ["allreduce"]).joined(separator: ", "))
            }
            return workload
        }
        if names.contains("allreduce") {
            let backend = try backends.first.map { try Backends.backend(named: $0) } ?? Backends.resolveEnvironment()
            Backends.setDefault(backend)
            try AllReduceBench(group: Launch.group, repeats: repeats, json: json).run(backend: backend)
            if chosen.isEmpty { return }
        }
        let selected = try (backends.isEmpty ? Backends.names : backends).map { try Backends.backend(named: $0) }
        if !json {
            print("simd kernels: \(SIMDKernelPath.selection); default backend: \(DefaultBackendRule.current)")
            print("backend     workload     size              threads        time     GFLOP/s  peak RSS")
        }
        for backend in selected {
            Backends.setDefault(backend)
            for workload in chosen {
                ResidentMemory.resetPeak()
                var timings: [(size: String, seconds: Double, flops: Double?, compiled: Bool)]
                if compiled && workload.isCompilable {
                    // Eager and compiled in alternation, so that their ratio is measured under one machine state.
                    let (size, eager, compiled) = workload.sideBySide(repeats: repeats)
                    timings = [(size, eager, nil, false), (size, compiled, nil, true)]
                } else {
                    timings = workload.run(repeats: repeats).map { ($0.size, $0.seconds, $0.flops, false) }
                }
                for (size, seconds, flops, mode) in timings {
                    let result = BenchResult(backend: backend.name, workload: workload.rawValue, size: size,
                                             threads: Threads.count, seconds: seconds,
                                             gflops: flops.map { $0 / seconds / 1e9 },
                                             peakRssMib: ResidentMemory.peakMiB(), compiled: mode)
                    print(json ? try encodeJSONLine(result) : row(result))
                }
            }
        }
    }


    private func row(_ r: BenchResult) -> String {
        let time = r.seconds >= 1e-3 ? String(format: "%8.3f ms", r.seconds * 1e3) : String(format: "%8.3f µs", r.seconds * 1e6)
        let gflops = r.gflops.map { String(format: "%8.1f", $0) } ?? "       -"
        let rss = r.peakRssMib.map { String(format: "%7.1f MiB", $0) } ?? "-"
        return r.backend.padding(toLength: 12, withPad: " ", startingAt: 0)
            + (r.workload + (r.compiled ? "*" : "")).padding(toLength: 13, withPad: " ", startingAt: 0)
            + r.size.padding(toLength: 18, withPad: " ", startingAt: 0)
            + String(format: "%7d", r.threads) + "  " + time + "  " + gflops + "  " + rss
    }
}
