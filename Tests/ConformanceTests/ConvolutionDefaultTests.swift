import Ember
import EmberConformance
import Testing

/// The reference backend's primitives under the default convolution kernels, lowering at most `imagesPerChunk`
/// images per im2col matrix, so the chunked paths (a partial weight gradient per chunk, a last chunk of one image)
/// run on the conformance kit's shapes.
final class ChunkedConvolutionBackend: ForwardingBackend, @unchecked Sendable {
    let imagesPerChunk: Int

    init(imagesPerChunk: Int) {
        self.imagesPerChunk = imagesPerChunk
        super.init(name: "chunked-\(imagesPerChunk)", forwardingTo: ReferenceBackend())
    }

    func budget(_ s: Conv2dShape) -> Int { imagesPerChunk * s.patchSize * s.outputHeight * s.outputWidth }

    override func conv2d(_ input: UnsafePointer<Float>, _ weight: UnsafePointer<Float>,
                         _ out: UnsafeMutablePointer<Float>, shape: Conv2dShape) {
        defaultConv2d(input, weight, out, shape: shape, columnBudget: budget(shape))
    }
    override func conv2d(_ input: UnsafePointer<Double>, _ weight: UnsafePointer<Double>,
                         _ out: UnsafeMutablePointer<Double>, shape: Conv2dShape) {
        defaultConv2d(input, weight, out, shape: shape, columnBudget: budget(shape))
    }
    override func conv2dBackwardInput(_ gradOutput: UnsafePointer<Float>, _ weight: UnsafePointer<Float>,
                                      _ gradInput: UnsafeMutablePointer<Float>, shape: Conv2dShape) {
        defaultConv2dBackwardInput(gradOutput, weight, gradInput, shape: shape, columnBudget: budget(shape))
    }
    override func conv2dBackwardInput(_ gradOutput: UnsafePointer<Double>, _ weight: UnsafePointer<Double>,
                                      _ gradInput: UnsafeMutablePointer<Double>, shape: Conv2dShape) {
        defaultConv2dBackwardInput(gradOutput, weight, gradInput, shape: shape, columnBudget: budget(shape))
    }
    override func conv2dBackwardWeight(_ input: UnsafePointer<Float>, _ gradOutput: UnsafePointer<Float>,
                                       _ gradWeight: UnsafeMutablePointer<Float>, shape: Conv2dShape) {
        defaultConv2dBackwardWeight(input, gradOutput, gradWeight, shape: shape, columnBudget: budget(shape))
    }
    override func conv2dBackwardWeight(_ input: UnsafePointer<Double>, _ gradOutput: UnsafePointer<Double>,
                                       _ gradWeight: UnsafeMutablePointer<Double>, shape: Conv2dShape) {
        defaultConv2dBackwardWeight(input, gradOutput, gradWeight, shape: shape, columnBudget: budget(shape))
    }
}

@Suite("Default convolution and pooling kernels")
struct ConvolutionDefaultTests {
    /// One image per chunk, and two (so a batch of three or five ends with a chunk of one).
    @Test(arguments: [1, 2])
    func chunkedDefaultsConform(_ imagesPerChunk: Int) {
        let report = Conformance.checkKernels(ChunkedConvolutionBackend(imagesPerChunk: imagesPerChunk),
                                              includeLarge: false)
        #expect(report.passed, "\(report)")
    }

    /// A `ForwardingBackend` reaches its base's own convolution and pooling kernels, not the defaults.
    @Test func forwardingReachesTheBaseKernels() {
        final class Marked: ForwardingBackend, @unchecked Sendable {
            init() { super.init(name: "marked", forwardingTo: ReferenceBackend()) }
            override func conv2dBackwardWeight(_ input: UnsafePointer<Float>, _ gradOutput: UnsafePointer<Float>,
                                               _ gradWeight: UnsafeMutablePointer<Float>, shape: Conv2dShape) {
                gradWeight.update(repeating: 7, count: shape.weightCount)
            }
            override func avgPool2dBackward(_ gradOutput: UnsafePointer<Double>, _ gradInput: UnsafeMutablePointer<Double>,
                                            shape: Pool2dShape, countIncludePad: Bool) {
                gradInput.update(repeating: 8, count: shape.inputCount)
            }
        }
        let backend = ForwardingBackend(name: "outer", forwardingTo: Marked())
        let conv = Conv2dShape(batch: 1, inChannels: 1, outChannels: 1, groups: 1, inputHeight: 2, inputWidth: 2,
                               kernelHeight: 1, kernelWidth: 1, strideHeight: 1, strideWidth: 1, dilationHeight: 1,
                               dilationWidth: 1, padTop: 0, padLeft: 0, padBottom: 0, padRight: 0)
        var weight: [Float] = [0]
        backend.conv2dBackwardWeight([1, 2, 3, 4], [1, 1, 1, 1], &weight, shape: conv)
        #expect(weight == [7])
        let pool = Pool2dShape(planes: 1, inputHeight: 2, inputWidth: 2, kernelHeight: 2, kernelWidth: 2,
                               strideHeight: 2, strideWidth: 2, padHeight: 0, padWidth: 0, dilationHeight: 1,
                               dilationWidth: 1, ceilMode: false)
        var grad: [Double] = [0, 0, 0, 0]
        backend.avgPool2dBackward([1], &grad, shape: pool, countIncludePad: true)
        #expect(grad == [8, 8, 8, 8])
        var out: [Float] = [0]
        backend.conv2d([1, 2, 3, 4], [1, 1, 1, 1], &out, shape: Conv2dShape(
            batch: 1, inChannels: 1, outChannels: 1, groups: 1, inputHeight: 2, inputWidth: 2, kernelHeight: 2,
            kernelWidth: 2, strideHeight: 1, strideWidth: 1, dilationHeight: 1, dilationWidth: 1,
            padTop: 0, padLeft: 0, padBottom: 0, padRight: 0))
        #expect(out == [10])
    }
}
