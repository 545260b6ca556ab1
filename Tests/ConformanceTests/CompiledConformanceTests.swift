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
        #expect(report.checks == 45)   // 15 scenarios × (losses, parameters, replays)
    }

    /// Fused runs, walked in tiles of 5 elements with the reference's reductions, equal the reference's kernels one
    /// by one; and a backend that declines every run falls back to the kernels.
    @Test(arguments: [false, true])
    func tiledFusion(declines: Bool) {
        let backend = TiledFusingBackend(declines: declines)
        let report = Conformance.checkCompiled(backend)
        #expect(report.passed, "\(report)")
        #expect(report.checks == 45)
        if declines {
            #expect(backend.fusedRuns == 0)
        } else {
            #expect(backend.fusedRuns > 100)
        }
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
