import EmberCBLAS
import EmberConformance
import EmberReference
import EmberSIMD
import Testing

/// Compiled steps equal eager ones bit for bit on every built-in backend (`Conformance.checkCompiled`).
@Suite("Compiled steps equal eager steps on every backend", .serialized)
struct CompiledConformanceTests {
    @Test func reference() {
        let report = Conformance.checkCompiled(ReferenceBackend())
        #expect(report.passed, "\(report)")
        #expect(report.checks == 15)   // 5 scenarios × (losses, parameters, replays)
    }

    @Test(arguments: SIMDKernelPath.available)
    func simd(_ path: SIMDKernelPath) {
        let report = Conformance.checkCompiled(SIMDBackend(path: path))
        #expect(report.passed, "\(report)")
    }

    @Test func cblas() {
        let report = Conformance.checkCompiled(CBLASBackend())
        #expect(report.passed, "\(report)")
    }
}
