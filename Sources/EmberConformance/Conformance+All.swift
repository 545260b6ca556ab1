import EmberBackend

extension Conformance {
    /// Runs the whole conformance kit on `backend`: its kernels (`checkKernels`), the gradients of every
    /// differentiable op through autograd (`checkAutograd`), and training runs (`checkTraining`), each against the
    /// reference backend, merged into one report.
    ///
    /// This is the check to run on a backend written outside Ember, from a test of its package:
    /// ```swift
    /// import EmberConformance
    /// import Testing
    ///
    /// @Test func myBackendConforms() {
    ///     let report = Conformance.checkAll(MyBackend())
    ///     #expect(report.passed, "\(report)")
    /// }
    /// ```
    /// A failure names the kernel (`"binary.add"`, `"matmul"`), the op and input (`"autograd.mul.grad[1]"`) or the
    /// training value (`"training.tutorial.weight"`) that differs, with shapes, index and both values.
    /// - Parameters:
    ///   - backend: The backend under test.
    ///   - seed: Seeds every random shape and value; the same seed runs the same checks.
    ///   - includeLarge: Adds the sizes that take the threaded paths of the built-in backends, to kernels and
    ///     autograd (see `checkKernels` and `checkAutograd`).
    /// - Returns: One report of every check, in the order kernels, autograd, training.
    public static func checkAll(_ backend: any Backend, seed: UInt64 = defaultSeed,
                                includeLarge: Bool = true) -> ConformanceReport {
        var report = checkKernels(backend, seed: seed, includeLarge: includeLarge)
        report.merge(checkAutograd(backend, seed: seed, includeLarge: includeLarge))
        report.merge(checkTraining(backend, seed: seed))
        return report
    }
}
