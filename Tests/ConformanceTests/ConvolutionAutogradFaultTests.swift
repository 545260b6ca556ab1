import EmberBackend
import EmberConformance
import EmberReference
import Testing

/// The reference backend with one fault in a kernel that only the gradients of the convolution family reach.
final class ConvolutionFaultBackend: ForwardingBackend, @unchecked Sendable {
    enum Fault: String, Sendable {
        /// `conv2dBackwardWeight` doubles the first element of the weight gradient.
        case weightGradientFirstElementDoubled
        /// `maxPool2d` records the first window's arg-max one position off: the values stay right, the gradient
        /// goes to a neighbour.
        case firstArgMaxOffByOne
    }

    let fault: Fault

    init(_ fault: Fault) {
        self.fault = fault
        super.init(name: "convolution-\(fault.rawValue)", forwardingTo: ReferenceBackend())
    }

    override func conv2dBackwardWeight(_ input: UnsafePointer<Float>, _ gradOutput: UnsafePointer<Float>,
                                       _ gradWeight: UnsafeMutablePointer<Float>, shape: Conv2dShape) {
        base.conv2dBackwardWeight(input, gradOutput, gradWeight, shape: shape)
        if fault == .weightGradientFirstElementDoubled { gradWeight[0] *= 2 }
    }
    override func conv2dBackwardWeight(_ input: UnsafePointer<Double>, _ gradOutput: UnsafePointer<Double>,
                                       _ gradWeight: UnsafeMutablePointer<Double>, shape: Conv2dShape) {
        base.conv2dBackwardWeight(input, gradOutput, gradWeight, shape: shape)
        if fault == .weightGradientFirstElementDoubled { gradWeight[0] *= 2 }
    }
    override func maxPool2d(_ x: UnsafePointer<Float>, _ out: UnsafeMutablePointer<Float>,
                            _ indices: UnsafeMutablePointer<Int>, shape: Pool2dShape) {
        base.maxPool2d(x, out, indices, shape: shape)
        shiftFirstIndex(indices, shape)
    }
    override func maxPool2d(_ x: UnsafePointer<Double>, _ out: UnsafeMutablePointer<Double>,
                            _ indices: UnsafeMutablePointer<Int>, shape: Pool2dShape) {
        base.maxPool2d(x, out, indices, shape: shape)
        shiftFirstIndex(indices, shape)
    }

    private func shiftFirstIndex(_ indices: UnsafeMutablePointer<Int>, _ shape: Pool2dShape) {
        guard fault == .firstArgMaxOffByOne, shape.planes > 0 else { return }
        indices[0] = (indices[0] + 1) % (shape.inputHeight * shape.inputWidth)
    }
}

/// `checkAutograd` finds a wrong convolution or pooling gradient kernel whose forward kernels are right, and names
/// the op and the input whose gradient differs.
@Suite struct ConvolutionAutogradFaultTests {
    @Test func wrongWeightGradientIsReportedForConvolutionsOnly() {
        let report = Conformance.checkAutograd(ConvolutionFaultBackend(.weightGradientFirstElementDoubled),
                                               includeLarge: false)
        let failing = report.failingKernels
        #expect(failing.contains("autograd.conv2d.grad[1]") && failing.contains("autograd.conv1d.grad[1]"),
                "\(report)")
        #expect(failing.allSatisfy { $0 == "autograd.conv2d.grad[1]" || $0 == "autograd.conv1d.grad[1]" }, "\(failing)")
    }

    @Test func misroutedMaxPoolGradientIsReported() {
        let report = Conformance.checkAutograd(ConvolutionFaultBackend(.firstArgMaxOffByOne), includeLarge: false)
        #expect(report.failingKernels == ["autograd.maxPool2d.grad[0]"], "\(report)")
        #expect(report.mismatches(of: "autograd.maxPool2d.grad[0]").contains { $0.context.contains("finite differences") })
    }
}
