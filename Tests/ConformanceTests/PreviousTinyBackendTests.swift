import EmberConformance
import Testing

/// A backend written from the previous "Writing a backend" article still compiles against today's protocol (new
/// kernels come with defaults) and passes every check but `pow` with negative bases. There its `T.pow` (Swift
/// Numerics, NaN for every negative base) breaks `BinaryOp.pow`'s documented contract, C's pow, which the kit has
/// enforced since the reference backend was fixed to follow it: (-2)³ must be -8.
@Suite("The previous article's TinyBackend")
struct PreviousTinyBackendTests {
    @Test func passesEverythingButNegativeBasePow() {
        let report = Conformance.checkAll(PreviousTinyBackend(), includeLarge: false)
        #expect(report.checks > 1000)
        #expect(!report.failingKernels.isEmpty, "the wrong pow is caught")
        #expect(report.failingKernels.allSatisfy { $0.contains("pow") }, "only pow fails: \(report.failingKernels)")
        #expect(report.mismatches.allSatisfy { $0.expected.isNaN || $0.actual.isNaN },
                "every pow mismatch is a NaN where C's pow is defined: \(report)")
    }
}
