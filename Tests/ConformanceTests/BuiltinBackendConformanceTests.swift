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

    /// On every kernel path this CPU runs: the AVX-512 and AVX2 C kernels and the portable Swift code.
    @Test(arguments: SIMDKernelPath.available)
    func simdConforms(_ path: SIMDKernelPath) {
        let report = Conformance.checkAll(SIMDBackend(path: path))
        #expect(report.passed, "\(report)")
    }

    @Test func cblasConforms() {
        let report = Conformance.checkAll(CBLASBackend())
        #expect(report.passed, "\(report)")
    }
}
