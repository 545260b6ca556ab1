import EmberBackend
import EmberCore

extension Conformance {
    /// Trains the same models eagerly and as compiled steps (`compile(_:_:_:)`) on `backend`, and checks that the
    /// losses of every step and the final parameters are equal bit for bit: a replay runs the very kernels an eager
    /// step runs, on the same backend and thread count, so nothing may differ. Also checks that the compiled runs
    /// did replay (a step that silently stayed eager would pass the comparison and prove nothing).
    ///
    /// The runs, each reported as `"compiled.<name>.loss"` and `"compiled.<name>.parameters"`:
    /// - `tutorial`: `y = weight · x + bias` on 100 points, `MSELoss`, `SGD` learning rate 0.1, 40 steps.
    /// - `mlp`: `Linear(2, 8)`–`ReLU`–`Linear(8, 1)` on 32 points, `MSELoss`, `SGD` with momentum 0.9, 20 steps.
    /// - `classifier`: `Linear(4, 16)`–`ReLU`–`Linear(16, 3)`, `CrossEntropyLoss`, `Adam`, three mini-batches of 8
    ///   with different labels in turn and a last batch of 5 (a retrace), 16 steps.
    /// - `scheduler`: the tutorial's model with `SGD` and a `StepLR` stepped inside the compiled step, 12 steps.
    /// - Parameters:
    ///   - backend: The backend under test.
    ///   - seed: Seeds the data and the initial parameters.
    /// - Returns: A report of every comparison.
    public static func checkCompiled(_ backend: any Backend, seed: UInt64 = defaultSeed) -> ConformanceReport {
        var report = ConformanceReport(backendName: backend.name)
        Backends.withBackend(backend) {
            for scenario in CompiledScenarios.all(seed: seed) {
                let eager = scenario.run(false)
                let compiled = scenario.run(true)
                report.record(check: compare(eager.losses, compiled.losses, "compiled.\(scenario.name).loss"))
                report.record(check: compare(eager.parameters, compiled.parameters,
                                             "compiled.\(scenario.name).parameters"))
                report.record(check: compiled.replays > 0 ? [] : [
                    ConformanceMismatch(kernel: "compiled.\(scenario.name).replays", scalarType: "Float32",
                                        context: "the compiled step never replayed", index: 0, expected: 1, actual: 0),
                ])
            }
        }
        return report
    }

    /// Bitwise comparison (NaN equal to the same NaN): the first few differing elements.
    static func compare(_ expected: [Float], _ actual: [Float], _ name: String) -> [ConformanceMismatch] {
        guard expected.count == actual.count else {
            return [ConformanceMismatch(kernel: name, scalarType: "Float32", context: "count", index: 0,
                                        expected: Double(expected.count), actual: Double(actual.count))]
        }
        let differing = expected.indices.filter { expected[$0].bitPattern != actual[$0].bitPattern }
        return differing.prefix(3).map { i in
            ConformanceMismatch(kernel: name, scalarType: "Float32", context: "eager vs compiled, bitwise", index: i,
                                expected: Double(expected[i]), actual: Double(actual[i]),
                                checkedElements: expected.count, differingElements: differing.count)
        }
    }
}
