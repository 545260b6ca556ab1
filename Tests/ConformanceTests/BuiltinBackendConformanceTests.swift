import EmberCBLAS
import EmberConformance
import EmberReference
import EmberSIMD
import Testing

/// Runs the full conformance kit (kernels, autograd, training), large cases included, on every built-in backend.
@Suite("Built-in backends conform to the reference")
struct BuiltinBackendConformanceTests {
    @Test func referenceConformsToItself() {
        let report = Conformance.checkAll(ReferenceBackend())
        #expect(report.passed, "\(report)")
        #expect(report.checks > 1000)
    }

    @Test func simdConforms() {
        let report = Conformance.checkAll(SIMDBackend())
        #expect(report.passed, "\(report)")
    }

    @Test func cblasConforms() {
        let report = Conformance.checkAll(CBLASBackend())
        #expect(report.passed, "\(report)")
    }
}
