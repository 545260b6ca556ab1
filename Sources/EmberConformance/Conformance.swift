import EmberBackend

/// The conformance kit: runs a backend's kernels against the reference backend and reports every difference.
public enum Conformance {
    /// The seed `checkKernels` uses unless told otherwise.
    public static let defaultSeed: UInt64 = 0x456D_6265_72   // "Ember"

    /// Checks every kernel of `backend` against the reference backend, in `Float` and `Double`.
    ///
    /// Covers `fill`, `copyStrided` (permutes, expands, slices), `unary` for every `UnaryOp`, `binary` for every
    /// `BinaryOp` in all four `BroadcastLayout` kinds, `reduce` for every `ReduceOp` over random `[outer, length,
    /// inner]`, `matmul` with the four transpose combinations, the composites `copy`, `axpy`, `scale`, `dot`, the index
    /// kernels `gather`, `scatterAdd`, `addStrided` and `erf`, in-place `unary`/`binary`, and `conv2d`, max and average
    /// pooling and their gradients (stride, padding, dilation, groups, ceil mode); over empty tensors, every length
    /// around SIMD widths and block edges, NaN and infinities, and (with `includeLarge`) sizes that take threaded paths. Outputs are compared element by element under `Tolerance`,
    /// so a transposed or permuted result fails; writes past the end of an output are caught too.
    ///
    /// Run it from a test of your backend (`Conformance.checkAll` adds the gradient and training checks):
    /// ```swift
    /// import EmberConformance
    /// import Testing
    ///
    /// @Test func myBackendConforms() {
    ///     let report = Conformance.checkKernels(MyBackend())
    ///     #expect(report.passed, "\(report)")
    /// }
    /// ```
    /// - Parameters:
    ///   - backend: The backend under test.
    ///   - seed: Seeds the random shapes and values; the same seed runs the same checks.
    ///   - includeLarge: Adds the large cases, which reach the threaded code paths: 2¹⁸ + 7 = 262,151 elements for
    ///     elementwise kernels, reductions and copies (above the 64K–128K-element threading thresholds of the
    ///     built-in backends, and small enough to check in seconds in a debug build) and one product of about
    ///     300 × 300 × 300 per scalar type. Without them the kit runs in a few seconds.
    /// - Returns: A report of every check and the first mismatches of each failed one.
    public static func checkKernels(_ backend: any Backend, seed: UInt64 = defaultSeed,
                                    includeLarge: Bool = true) -> ConformanceReport {
        var report = ConformanceReport(backendName: backend.name)
        report = check(Float.self, backend, seed: seed, includeLarge: includeLarge, report: report)
        report = check(Double.self, backend, seed: seed &+ 1, includeLarge: includeLarge, report: report)
        return report
    }

    private static func check<T: TensorScalar>(_ type: T.Type, _ backend: any Backend, seed: UInt64,
                                               includeLarge: Bool, report: ConformanceReport) -> ConformanceReport {
        var checker = KernelChecker<T>(backend: backend, seed: seed, includeLarge: includeLarge, report: report)
        checker.checkDataMovement()
        checker.checkUnary()
        checker.checkBinary()
        checker.checkKnownValues()
        checker.checkReduce()
        checker.checkMatmul()
        checker.checkIndexing()
        checker.checkBLASLevel1()
        checker.checkConvolution()
        checker.checkPooling()
        return checker.report
    }
}
