import EmberBackend
import EmberConformance
import EmberReference
import Testing

/// The reference backend with one fault that only autograd or training reaches: the kernels the forward passes use
/// stay right, so only gradients (or optimizer updates) go wrong.
final class HiddenFaultBackend: ForwardingBackend, @unchecked Sendable {
    enum Fault: String, Sendable, CaseIterable, CustomStringConvertible {
        /// `greater` against a broadcast scalar (`scalarRHS`) returns `lhs <= rhs`: `relu`'s backward mask inverted.
        case greaterInvertedAgainstScalar
        /// `matmul` reads `A` as not transposed whatever `transposeA` says; forward products never transpose `A`,
        /// the backward's `Aᵀ · G` does.
        case ignoresTransposeA
        /// `axpy` updates only whole blocks of 8 elements and skips the rest: the optimizer's update.
        case axpySkipsTail

        var description: String { rawValue }
    }

    let fault: Fault

    init(_ fault: Fault) {
        self.fault = fault
        super.init(name: "hidden-\(fault)", forwardingTo: ReferenceBackend())
    }

    override func binary(_ op: BinaryOp, _ lhs: UnsafePointer<Float>, _ rhs: UnsafePointer<Float>,
                         _ out: UnsafeMutablePointer<Float>, layout: BroadcastLayout) {
        faultyBinary(op, lhs, rhs, out, layout)
    }
    override func binary(_ op: BinaryOp, _ lhs: UnsafePointer<Double>, _ rhs: UnsafePointer<Double>,
                         _ out: UnsafeMutablePointer<Double>, layout: BroadcastLayout) {
        faultyBinary(op, lhs, rhs, out, layout)
    }
    override func matmul(_ a: UnsafePointer<Float>, _ b: UnsafePointer<Float>, _ c: UnsafeMutablePointer<Float>,
                         shape: MatmulShape) {
        faultyMatmul(a, b, c, shape)
    }
    override func matmul(_ a: UnsafePointer<Double>, _ b: UnsafePointer<Double>, _ c: UnsafeMutablePointer<Double>,
                         shape: MatmulShape) {
        faultyMatmul(a, b, c, shape)
    }
    override func axpy(_ alpha: Float, _ x: UnsafePointer<Float>, _ y: UnsafeMutablePointer<Float>, count: Int) {
        faultyAxpy(alpha, x, y, count)
    }
    override func axpy(_ alpha: Double, _ x: UnsafePointer<Double>, _ y: UnsafeMutablePointer<Double>, count: Int) {
        faultyAxpy(alpha, x, y, count)
    }

    private func faultyBinary<T: TensorScalar>(_ op: BinaryOp, _ lhs: UnsafePointer<T>, _ rhs: UnsafePointer<T>,
                                               _ out: UnsafeMutablePointer<T>, _ layout: BroadcastLayout) {
        base.binary(op, lhs, rhs, out, layout: layout)
        guard fault == .greaterInvertedAgainstScalar, op == .greater, case .scalarRHS = layout.kind else { return }
        for i in 0..<layout.count { out[i] = 1 - out[i] }
    }

    private func faultyMatmul<T: TensorScalar>(_ a: UnsafePointer<T>, _ b: UnsafePointer<T>,
                                               _ c: UnsafeMutablePointer<T>, _ shape: MatmulShape) {
        var shape = shape
        if fault == .ignoresTransposeA { shape.transposeA = false }
        base.matmul(a, b, c, shape: shape)
    }

    private func faultyAxpy<T: TensorScalar>(_ alpha: T, _ x: UnsafePointer<T>, _ y: UnsafeMutablePointer<T>,
                                             _ count: Int) {
        base.axpy(alpha, x, y, count: fault == .axpySkipsTail ? count / 8 * 8 : count)
    }
}

/// `checkAutograd` catches faults that only gradients reach, names the op and input, and compares with finite
/// differences. Without the large cases, for speed (the built-in backends run them through `checkAll`).
@Suite("Autograd conformance")
struct AutogradConformanceTests {
    @Test func referencePassesAndEveryOpIsChecked() {
        let report = Conformance.checkAutograd(ReferenceBackend(), includeLarge: false)
        #expect(report.passed, "\(report)")
        // Each case records a forward check, one check per gradient against the reference and, in Double, one
        // against finite differences: well over 100 cases give several hundred checks.
        #expect(report.checks > 500)
    }

    @Test func invertedGreaterIsReportedInReluGradients() throws {
        let report = Conformance.checkAutograd(HiddenFaultBackend(.greaterInvertedAgainstScalar), includeLarge: false)
        #expect(!report.passed)
        let failing = report.failingKernels
        #expect(failing.contains("autograd.relu.grad[0]"), "\(report)")
        // Forward outputs are right; only gradients of ops whose backward compares with a scalar go wrong.
        #expect(failing.allSatisfy { $0.contains(".grad[") }, "\(failing)")
        let ops = Set(failing.map { $0.split(separator: ".")[1] })
        // BCE clamps its logs at −100 and Huber/smooth L1 clamp |d| at delta: both through `maximum`/`minimum`.
        #expect(ops.isSubset(of: ["relu", "clamp", "maximum", "minimum", "leakyRelu", "binary_cross_entropy",
                                  "huber_loss", "smooth_l1_loss"]), "\(ops)")
        let relu = report.mismatches(of: "autograd.relu.grad[0]")
        #expect(Set(relu.map(\.scalarType)) == ["Float32", "Float64"])
        // Double gradients are compared with finite differences on the faulty backend too.
        #expect(relu.contains { $0.context.contains("finite differences") })
        let first = try #require(relu.first)
        #expect(first.context.contains("inputs [3, 4]"))
        #expect(first.inputs.hasPrefix("x "))
        #expect(first.expected != first.actual)
    }

    @Test func ignoredTransposeInABackwardProductIsReportedInWeightGradients() {
        let report = Conformance.checkAutograd(HiddenFaultBackend(.ignoresTransposeA), includeLarge: false)
        #expect(!report.passed)
        let failing = report.failingKernels
        // dB = Aᵀ·G for `matmul`, and dW = Gᵀ·X for `Linear` (whose forward is X·Wᵀ).
        #expect(failing.contains("autograd.matmul.grad[1]"), "\(report)")
        #expect(failing.contains("autograd.linear.grad[1]"), "\(report)")
        #expect(!failing.contains("autograd.matmul"))
        #expect(!failing.contains("autograd.linear"))
        // `adaptiveAvgPool2d` with windows that do not divide the input is two products with averaging matrices.
        let products = ["autograd.matmul.grad[", "autograd.linear.grad[", "autograd.adaptiveAvgPool2d.grad["]
        #expect(failing.allSatisfy { kernel in products.contains { kernel.hasPrefix($0) } }, "\(failing)")
    }

    @Test func sameSeedGivesTheSameReport() {
        let first = Conformance.checkAutograd(HiddenFaultBackend(.ignoresTransposeA), seed: 7, includeLarge: false)
        let second = Conformance.checkAutograd(HiddenFaultBackend(.ignoresTransposeA), seed: 7, includeLarge: false)
        #expect(first.checks == second.checks)
        #expect(first.mismatches.map(\.description) == second.mismatches.map(\.description))
    }
}
