import EmberBackend
import EmberReference

extension KernelChecker {
    /// `conv2d` and both of its gradients over a grid of edge cases: stride 1/2/3 × padding none/1/asymmetric ×
    /// dilation 1/2, groups (2, depthwise with and without a channel multiplier), a kernel as large as the padded
    /// input, 1×1 kernels, non-square shapes, a 1-D convolution (H = 1), an empty batch, zero output or input
    /// channels, and (with `includeLarge`) a batch of five, for the paths that split the batch across threads. Sums
    /// are checked with the accumulation tolerance against `Σ|terms|` (the reference's convolution of the absolute
    /// values).
    mutating func checkConvolution() {
        for shape in Self.convolutionShapes { checkConv2d(shape) }
        if includeLarge { checkConv2d(Self.conv(5, 8, 8, 12, 12, kernel: (3, 3), pad: (1, 1, 1, 1))) }
    }

    static func conv(_ batch: Int, _ inChannels: Int, _ outChannels: Int, _ height: Int, _ width: Int,
                     kernel: (Int, Int), stride: (Int, Int) = (1, 1), dilation: (Int, Int) = (1, 1),
                     pad: (top: Int, left: Int, bottom: Int, right: Int) = (0, 0, 0, 0), groups: Int = 1) -> Conv2dShape {
        Conv2dShape(batch: batch, inChannels: inChannels, outChannels: outChannels, groups: groups,
                    inputHeight: height, inputWidth: width, kernelHeight: kernel.0, kernelWidth: kernel.1,
                    strideHeight: stride.0, strideWidth: stride.1, dilationHeight: dilation.0, dilationWidth: dilation.1,
                    padTop: pad.top, padLeft: pad.left, padBottom: pad.bottom, padRight: pad.right)
    }

    static var convolutionShapes: [Conv2dShape] {
        var shapes: [Conv2dShape] = []
        for stride in [1, 2, 3] {
            for pad in [(0, 0, 0, 0), (1, 1, 1, 1), (0, 1, 2, 1)] {
                for dilation in [1, 2] {
                    shapes.append(conv(2, 3, 4, 7, 6, kernel: (3, 3), stride: (stride, stride),
                                       dilation: (dilation, dilation), pad: pad))
                }
            }
        }
        shapes += [
            conv(2, 4, 6, 6, 5, kernel: (3, 3), pad: (1, 1, 1, 1), groups: 2),
            conv(2, 4, 8, 6, 6, kernel: (3, 3), stride: (2, 2), pad: (1, 1, 1, 1), groups: 4),   // depthwise, ×2
            conv(1, 5, 5, 7, 7, kernel: (5, 5), pad: (2, 2, 2, 2), groups: 5),                   // depthwise
            conv(3, 6, 3, 5, 5, kernel: (2, 2), dilation: (2, 1), groups: 3),
            conv(2, 2, 3, 5, 4, kernel: (5, 4)),                                 // kernel == input
            conv(2, 2, 3, 3, 2, kernel: (5, 4), pad: (1, 1, 1, 1)),              // kernel == padded input
            conv(2, 3, 4, 6, 5, kernel: (1, 1)),
            conv(2, 3, 4, 7, 5, kernel: (1, 1), stride: (2, 3)),
            conv(2, 3, 4, 9, 5, kernel: (3, 1), stride: (2, 1), dilation: (1, 2), pad: (1, 0, 0, 0)),
            conv(1, 3, 2, 4, 11, kernel: (2, 3), stride: (1, 2), pad: (0, 1, 1, 0)),   // "same"-style, one image
            conv(2, 3, 4, 1, 12, kernel: (1, 3), stride: (1, 2), pad: (0, 1, 0, 1)),   // conv1d
            conv(0, 3, 4, 5, 5, kernel: (3, 3), pad: (1, 1, 1, 1)),                    // empty batch
            conv(2, 3, 0, 5, 5, kernel: (3, 3)),                                       // no output channels
            conv(2, 4, 0, 5, 5, kernel: (3, 3), groups: 2),
            conv(2, 0, 4, 5, 5, kernel: (3, 3), pad: (1, 1, 1, 1)),                    // no input channels
            conv(2, 8, 16, 10, 10, kernel: (3, 3), pad: (1, 1, 1, 1)),                 // the cnn bench's layers, smaller
            conv(2, 1, 8, 12, 12, kernel: (3, 3), pad: (1, 1, 1, 1)),
        ]
        return shapes
    }

    private mutating func checkConv2d(_ s: Conv2dShape) {
        let x = Operand<T>(rng.values(s.inputCount, .uniform(-1...1)))
        let w = Operand<T>(rng.values(s.weightCount, .uniform(-1...1)))
        let g = Operand<T>(rng.values(s.outputCount, .uniform(-1...1)))
        let (absX, absW, absG) = (x.values.map { Swift.abs($0) }, w.values.map { Swift.abs($0) }, g.values.map { Swift.abs($0) })
        let kernelArea = s.kernelHeight * s.kernelWidth
        check("conv2d", "\(s)", count: s.outputCount, tolerance: .accumulation(T.self, length: s.patchSize),
              magnitudes: Self.magnitudes(s.outputCount) { ReferenceBackend().conv2d(absX, absW, $0, shape: s) }) {
            backend, out in
            x.withPointer { x in w.withPointer { w in backend.conv2d(x, w, out, shape: s) } }
        }
        check("conv2dBackwardInput", "\(s)", count: s.inputCount,
              tolerance: .accumulation(T.self, length: s.outChannelsPerGroup * kernelArea),
              magnitudes: Self.magnitudes(s.inputCount) {
                  ReferenceBackend().conv2dBackwardInput(absG, absW, $0, shape: s)
              }) { backend, out in
            g.withPointer { g in w.withPointer { w in backend.conv2dBackwardInput(g, w, out, shape: s) } }
        }
        check("conv2dBackwardWeight", "\(s)", count: s.weightCount,
              tolerance: .accumulation(T.self, length: s.batch * s.outputHeight * s.outputWidth),
              magnitudes: Self.magnitudes(s.weightCount) {
                  ReferenceBackend().conv2dBackwardWeight(absX, absG, $0, shape: s)
              }) { backend, out in
            x.withPointer { x in g.withPointer { g in backend.conv2dBackwardWeight(x, g, out, shape: s) } }
        }
    }

    /// `count` magnitudes written by `run` (a reference kernel on absolute values, in `Double`).
    static func magnitudes(_ count: Int, _ run: (UnsafeMutablePointer<Double>) -> Void) -> [Double] {
        var result = [Double](repeating: 0, count: Swift.max(count, 1))
        result.withUnsafeMutableBufferPointer { run($0.baseAddress!) }
        return count == 0 ? [] : result
    }
}
