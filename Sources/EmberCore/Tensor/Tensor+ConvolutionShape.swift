import EmberBackend

// The argument checks of the convolution and pooling ops, with PyTorch's rules, and the kernel shapes they build.
// Every message names the op and the shapes the caller passed (1-D ones for `conv1d`).
extension Tensor {
    /// The kernel shape of a convolution of `input` (N×C×H×W) with `weight` (Cout×C/groups×kH×kW), after checking
    /// the arguments; `shown` are the caller's shapes, for the messages.
    static func convolutionShape(_ input: [Int], _ weight: [Int], stride: (Int, Int), padding: ConvPadding,
                                 dilation: (Int, Int), groups: Int, op: String, shown: ([Int], [Int])) -> Conv2dShape {
        let shapes = "input \(shown.0), weight \(shown.1)"
        let oneD = op == "conv1d"
        func pair(_ p: (Int, Int)) -> String { oneD ? "\(p.1)" : "(\(p.0), \(p.1))" }
        emberPrecondition(stride.0 > 0 && stride.1 > 0, "\(op): stride must be positive, got \(pair(stride)) (\(shapes))")
        emberPrecondition(dilation.0 > 0 && dilation.1 > 0,
                          "\(op): dilation must be positive, got \(pair(dilation)) (\(shapes))")
        emberPrecondition(padding.isSame || (padding.height! >= 0 && padding.width! >= 0),
                          "\(op): padding must be non-negative, got \(padding) (\(shapes))")
        emberPrecondition(!padding.isSame || (stride.0 == 1 && stride.1 == 1),
                          "\(op): padding .same is not supported for strided convolutions, got stride \(pair(stride))")
        emberPrecondition(groups > 0, "\(op): groups must be positive, got \(groups)")
        let (n, c, h, w) = (input[0], input[1], input[2], input[3])
        let (cout, perGroup, kh, kw) = (weight[0], weight[1], weight[2], weight[3])
        emberPrecondition(cout > 0 && perGroup > 0 && kh > 0 && kw > 0, "\(op): weight \(shown.1) has a zero dimension")
        emberPrecondition(c % groups == 0, "\(op): input channels \(c) are not divisible by groups \(groups) (\(shapes))")
        emberPrecondition(cout % groups == 0,
                          "\(op): output channels \(cout) are not divisible by groups \(groups) (\(shapes))")
        emberPrecondition(perGroup * groups == c,
                          "\(op): weight \(shown.1) with groups \(groups) expects \(perGroup * groups) input channels, "
                            + "got input \(shown.0) with \(c) channels")
        let (top, bottom) = padding.amounts(padding.height, kernel: kh, dilation: dilation.0)
        let (left, right) = padding.amounts(padding.width, kernel: kw, dilation: dilation.1)
        let padded = (h + top + bottom, w + left + right)
        let span = (dilation.0 * (kh - 1) + 1, dilation.1 * (kw - 1) + 1)
        emberPrecondition(span.0 <= padded.0 && span.1 <= padded.1,
                          "\(op): kernel size \(oneD ? "\(span.1)" : "\(span.0)×\(span.1)") (dilated) is larger than "
                            + "the padded input size \(oneD ? "\(padded.1)" : "\(padded.0)×\(padded.1)") (\(shapes), "
                            + "padding \(padding))")
        return Conv2dShape(batch: n, inChannels: c, outChannels: cout, groups: groups, inputHeight: h, inputWidth: w,
                           kernelHeight: kh, kernelWidth: kw, strideHeight: stride.0, strideWidth: stride.1,
                           dilationHeight: dilation.0, dilationWidth: dilation.1,
                           padTop: top, padLeft: left, padBottom: bottom, padRight: right)
    }

    /// The kernel shape of a 2-D pooling of `input` (N×C×H×W), after checking the arguments with PyTorch's rules:
    /// positive kernel, stride and dilation, padding at most half the kernel (dilation aside), an output of at least 1×1.
    static func poolingShape(_ input: [Int], kernel: (Int, Int), stride: (Int, Int)?, padding: (Int, Int),
                             dilation: (Int, Int), ceilMode: Bool, op: String, shown: [Int]) -> Pool2dShape {
        let stride = stride ?? kernel
        emberPrecondition(kernel.0 > 0 && kernel.1 > 0, "\(op): kernelSize must be positive, got \(kernel) (input \(shown))")
        emberPrecondition(stride.0 > 0 && stride.1 > 0, "\(op): stride must be positive, got \(stride) (input \(shown))")
        emberPrecondition(dilation.0 > 0 && dilation.1 > 0,
                          "\(op): dilation must be positive, got \(dilation) (input \(shown))")
        emberPrecondition(padding.0 >= 0 && padding.1 >= 0,
                          "\(op): padding must be non-negative, got \(padding) (input \(shown))")
        emberPrecondition(padding.0 <= kernel.0 / 2 && padding.1 <= kernel.1 / 2,
                          "\(op): padding \(padding) should be at most half of the kernel size \(kernel)")
        let s = Pool2dShape(planes: input[0] * input[1], inputHeight: input[2], inputWidth: input[3],
                            kernelHeight: kernel.0, kernelWidth: kernel.1, strideHeight: stride.0, strideWidth: stride.1,
                            padHeight: padding.0, padWidth: padding.1, dilationHeight: dilation.0,
                            dilationWidth: dilation.1, ceilMode: ceilMode)
        emberPrecondition(s.outputHeight > 0 && s.outputWidth > 0,
                          "\(op): input \(shown) is too small for kernel \(kernel) with padding \(padding): "
                            + "the output would be \(s.outputHeight)×\(s.outputWidth)")
        return s
    }
}
