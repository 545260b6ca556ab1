import EmberCBLAS
import EmberConformance
import EmberReference
import EmberSIMD
import Testing

/// Runs the full conformance kit, large cases included, on every built-in backend.
@Suite("Built-in backends conform to the reference")
struct BuiltinBackendConformanceTests {
    @Test func referenceConformsToItself() {
        let report = Conformance.checkKernels(ReferenceBackend())
        #expect(report.passed, "\(report)")
        #expect(report.checks > 1000)
    }

    @Test func simdConforms() {
        let report = Conformance.checkKernels(SIMDBackend())
        #expect(report.passed, "\(report)")
    }

    @Test func cblasConforms() {
        let report = Conformance.checkKernels(CBLASBackend())
        #expect(report.passed, "\(report)")
    }
}
