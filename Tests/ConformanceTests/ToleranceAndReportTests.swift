import EmberConformance
import Testing

@Suite("Tolerance rule and report")
struct ToleranceAndReportTests {
    @Test func nanMatchesOnlyNaNAndInfinitiesMatchExactly() {
        let loose = Tolerance(relative: 1, absolute: 1e300)
        #expect(loose.accepts(.nan, .nan))
        #expect(!loose.accepts(.nan, 0))
        #expect(!loose.accepts(1, .nan))
        #expect(loose.accepts(.infinity, .infinity))
        #expect(!loose.accepts(.infinity, -.infinity))
        #expect(!loose.accepts(.infinity, .greatestFiniteMagnitude))
    }

    @Test func relativeAndAbsoluteBounds() {
        let float = Tolerance.elementwise(Float.self)
        #expect(float.accepts(1000, 1000.009))      // 9e-6 relative
        #expect(!float.accepts(1000, 1000.02))      // 2e-5 relative
        #expect(float.accepts(0, 9e-7))             // under the absolute floor
        #expect(!float.accepts(0, 2e-6))
        let double = Tolerance.elementwise(Double.self)
        #expect(double.accepts(1, 1 + 5e-13))
        #expect(!double.accepts(1, 1 + 5e-12))
        #expect(Tolerance.exact.accepts(0, -0.0))
        #expect(!Tolerance.exact.accepts(1, 1.nextUp))
    }

    @Test func accumulationToleranceGrowsWithTheSquareRootOfTheLength() {
        let short = Tolerance.accumulation(Double.self, length: 100)
        let long = Tolerance.accumulation(Double.self, length: 10_000)
        #expect(long.perMagnitude == 10 * short.perMagnitude)
        // A sum cancelling to 0.5 from terms of total size 1000 may be off by more than 1e-12 relative...
        #expect(short.accepts(0.5, 0.5 + 5e-12, magnitude: 1000))
        // ...but not by a dropped term.
        #expect(!long.accepts(0.5, 0.5 + 0.1, magnitude: 1000))
        #expect(!short.accepts(0.5, 0.5 + 5e-12, magnitude: 0))
    }

    @Test func reportRecordsMergesAndPrintsTheFirstMismatches() {
        var report = ConformanceReport(backendName: "demo")
        report.record(check: [])
        #expect(report.passed)
        #expect(report.description.contains("1 checks passed"))

        let mismatch = ConformanceMismatch(kernel: "unary.exp", scalarType: "Float32", context: "count 3", index: 2,
                                           expected: 1, actual: 1.5, allowedError: 1e-5, inputs: "x 0.0",
                                           checkedElements: 3, differingElements: 1)
        var other = ConformanceReport(backendName: "demo")
        other.record(check: Array(repeating: mismatch, count: 5))
        report.merge(other)
        #expect(!report.passed)
        #expect(report.checks == 2 && report.failedChecks == 1)
        #expect(report.mismatches.count == ConformanceReport.mismatchesKeptPerCheck)
        #expect(report.failingKernels == ["unary.exp"])
        #expect(report.mismatches(of: "unary.exp").count == ConformanceReport.mismatchesKeptPerCheck)

        report.printLimit = 1
        let text = report.description
        #expect(text.contains("1 of 2 checks failed"))
        #expect(text.contains("unary.exp Float32 count 3 [2]: expected 1.0, got 1.5"))
        #expect(text.contains("inputs x 0.0"))
        #expect(text.contains("more mismatches"))
    }

    @Test func compareIsPositional() {
        var report = ConformanceReport(backendName: "demo")
        report.compare(kernel: "matmul", context: "2×2", expected: [1, 2, 3, 4] as [Float], actual: [1, 3, 2, 4],
                       tolerance: .elementwise(Float.self))
        #expect(report.failedChecks == 1)
        #expect(report.mismatches.map(\.index) == [1, 2])
    }
}
