import Ember
import Testing

/// The default backend is the fastest for this CPU, never one known to be slower (`DefaultBackendRule`).
@Suite struct DefaultBackendRuleTests {
    @Test(arguments: SIMDKernelPath.allCases)
    func openBLASBuiltForTheCPUWins(_ path: SIMDKernelPath) {
        for core in ["Haswell", "SkylakeX", "Cooperlake", "Zen"] {
            let rule = DefaultBackendRule(openBLASCore: core, simdPath: path)
            #expect(rule.name == "cblas")
            #expect(rule.reason.contains(core))
        }
    }

    @Test(arguments: [SIMDKernelPath.avx2, .avx512])
    func genericOpenBLASLosesToDispatchedSIMDKernels(_ path: SIMDKernelPath) {
        for core in ["Prescott", "Sandybridge", "Nehalem", "Generic"] {
            let rule = DefaultBackendRule(openBLASCore: core, simdPath: path)
            #expect(rule.name == "simd")
            #expect(rule.reason.contains(core) && rule.reason.contains(path.rawValue))
        }
    }

    @Test func withoutAVX2OpenBLASStaysTheDefault() {
        let rule = DefaultBackendRule(openBLASCore: "Nehalem", simdPath: .baseline)
        #expect(rule.name == "cblas")
        #expect(rule.reason.contains("baseline"))
    }

    @Test func theProcessDefaultFollowsTheRule() {
        #expect(Backends.defaultName == DefaultBackendRule.current.name)
        #expect(DefaultBackendRule.current.description.hasPrefix(Backends.defaultName + " ("))
    }
}
