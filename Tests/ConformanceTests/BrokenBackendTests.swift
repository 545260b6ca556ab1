import EmberBackend
import EmberConformance
import Testing

/// The kit catches bugs: each deliberately broken backend fails, in exactly the kernel that carries the bug, and the
/// report says where and why. Each broken backend runs the kit once (without the large cases, for speed).
@Suite("The conformance kit catches broken kernels")
struct BrokenBackendTests {
    /// The kernels each fault must be reported in, and no others.
    static func expectedKernels(_ fault: BrokenBackend.Fault) -> [String] {
        switch fault {
        case .inaccurateExp: ["unary.exp"]
        case .addTailElement: ["binary.add"]
        case .maxDropsNaN: ["reduce.max"]
        case .sumDropsLastTerm: ["reduce.sum"]
        // The convolution defaults are `matmul`s (the weight gradient the only one with `transposeB`).
        case .ignoresTransposeB: ["conv2dBackwardWeight", "matmul"]
        case .transposedMatmulOutput: ["conv2d", "conv2dBackwardInput", "conv2dBackwardWeight", "matmul"]
        case .copyStridedIgnoresTranspose: ["copyStrided"]
        case .fillWritesPastEnd: ["fill"]
        case .axpySkipsZeroAlpha: ["axpy"]
        case .dotDropsTail: ["dot"]
        // `scale` inherits its default, an in-place multiply, so it breaks with in-place `binary`.
        case .binaryClobbersInPlace: BinaryOp.allCases.map { "binary.\($0)" }.sorted() + ["scale"]
        }
    }

    @Test(arguments: BrokenBackend.Fault.allCases)
    func faultIsReportedInItsKernelsOnly(_ fault: BrokenBackend.Fault) throws {
        let report = Conformance.checkKernels(BrokenBackend(fault), includeLarge: false)
        #expect(!report.passed)
        #expect(report.failingKernels == Self.expectedKernels(fault), "\(report)")
        #expect(Set(report.mismatches.map(\.scalarType)) == ["Float32", "Float64"])
        #expect(report.description.contains("does not conform"))
        let first = try #require(report.mismatches.first)
        #expect(report.description.contains(first.description))

        switch fault {
        case .addTailElement:
            // A botched tail shows as the last index alone, with the inputs that produced it.
            #expect(first.index == first.checkedElements - 1)
            #expect(first.checkedElements % 8 != 0)
            #expect(first.differingElements == 1)
            #expect(first.inputs.contains("lhs[") && first.inputs.contains("rhs["))
            #expect(first.actual - first.expected == 1)
        case .maxDropsNaN:
            #expect(report.mismatches.allSatisfy { $0.expected.isNaN && !$0.actual.isNaN })
        case .ignoresTransposeB:
            #expect(report.mismatches.filter { $0.kernel == "matmul" }.allSatisfy { $0.context.contains("Bᵀ") })
        case .transposedMatmulOutput:
            // mlx's order-sensitive check: a square product holds exactly the reference's values, transposed.
            #expect(report.mismatches.contains { $0.context.contains("m: 16, n: 16, k: 16") })
        case .copyStridedIgnoresTranspose:
            // The same values in storage order instead of transposed order must fail.
            #expect(report.mismatches.contains { $0.context.contains("transpose of") })
        case .fillWritesPastEnd:
            #expect(first.index == first.checkedElements)
            #expect(first.description.contains("past the end"))
        case .axpySkipsZeroAlpha:
            #expect(report.mismatches.allSatisfy { $0.context.contains("alpha 0.0") && $0.expected.isNaN })
        case .binaryClobbersInPlace:
            let binary = report.mismatches.filter { $0.kernel.hasPrefix("binary.") }
            #expect(binary.allSatisfy { $0.context.contains("out == lhs") })
        case .inaccurateExp, .sumDropsLastTerm, .dotDropsTail:
            break
        }
    }

    @Test func sameSeedGivesTheSameReport() {
        let first = Conformance.checkKernels(BrokenBackend(.dotDropsTail), seed: 42, includeLarge: false)
        let second = Conformance.checkKernels(BrokenBackend(.dotDropsTail), seed: 42, includeLarge: false)
        #expect(first.checks == second.checks)
        #expect(first.description == second.description)
        #expect(first.mismatches.map(\.description) == second.mismatches.map(\.description))
    }
}
