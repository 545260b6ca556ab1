import EmberBackend
import EmberCore

extension Conformance {
    /// Trains the same models eagerly and as compiled steps (`compile(_:_:_:)`) on `backend`, and checks that the
    /// losses of every step and the final parameters are equal bit for bit (a NaN equals any NaN): a replay runs the
    /// very kernels an eager step runs, or on a `FusingBackend` fused runs of them that add in the same order, on the
    /// same backend and thread count, so nothing may differ. Also checks that the compiled runs
    /// did replay (a step that silently stayed eager would pass the comparison and prove nothing).
    ///
    /// The runs, each reported as `"compiled.<name>.loss"` and `"compiled.<name>.parameters"`:
    /// - `tutorial`: `y = weight · x + bias` on 100 points, `MSELoss`, `SGD` learning rate 0.1, 40 steps.
    /// - `mlp`: `Linear(2, 8)`–`ReLU`–`Linear(8, 1)` on 32 points, `MSELoss`, `SGD` with momentum 0.9, 20 steps.
    /// - `classifier`: `Linear(4, 16)`–`ReLU`–`Linear(16, 3)`, `CrossEntropyLoss`, `Adam`, three mini-batches of 8
    ///   with different labels in turn and a last batch of 5 (a retrace), 16 steps.
    /// - `scheduler`: the tutorial's model with `SGD` and a `StepLR` stepped inside the compiled step, 12 steps.
    /// - `cnn`: convolution, `BatchNorm2d`, max and average pooling, cross-entropy and `SGD` with momentum, 10 steps.
    /// - `elementwise<n>`: a seeded random program of elementwise operations on `n` elements (1 to 131,075, with
    ///   NaN, infinities, −0 and subnormals in the inputs of half of them) ending in a sum or a mean of squares,
    ///   `SGD`, 5 steps: the runs a `FusingBackend` fuses, across its tile and threading boundaries.
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

    /// Bitwise comparison, except that any NaN equals any NaN: the first few differing elements.
    ///
    /// A NaN's sign and payload are not part of a kernel's contract: when two NaNs meet in an addition, which one
    /// survives depends on the operand order the compiler chose for that instruction (IEEE 754 leaves it open, and
    /// LLVM treats `fadd` as commutative), so two correct implementations of one order of additions can disagree.
    static func compare(_ expected: [Float], _ actual: [Float], _ name: String) -> [ConformanceMismatch] {
        guard expected.count == actual.count else {
            return [ConformanceMismatch(kernel: name, scalarType: "Float32", context: "count", index: 0,
                                        expected: Double(expected.count), actual: Double(actual.count))]
        }
        let differing = expected.indices.filter { i in
            expected[i].bitPattern != actual[i].bitPattern && !(expected[i].isNaN && actual[i].isNaN)
        }
        return differing.prefix(3).map { i in
            ConformanceMismatch(kernel: name, scalarType: "Float32", context: "eager vs compiled, bitwise", index: i,
                                expected: Double(expected[i]), actual: Double(actual[i]),
                                checkedElements: expected.count, differingElements: differing.count)
        }
    }
}
