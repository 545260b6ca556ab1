import EmberBackend

// Convolutions, like `torch.nn.functional.conv1d`/`conv2d`. One backend kernel computes the 2-D cross-correlation
// (`conv2d`), and its two reverse kernels the gradients; a 1-D convolution is the 2-D one with height 1. The bias is
// added with the broadcasting `+`, whose backward sums the gradient back to its shape.
extension Tensor {
    /// The 2-D convolution (cross-correlation) of `self` with `weight`, like `torch.nn.functional.conv2d`.
    ///
    /// Shapes: input `N×C×H×W` (or unbatched `C×H×W`), weight `Cout×(C/groups)×kH×kW`, bias `[Cout]`, output
    /// `N×Cout×Ho×Wo` (or `Cout×Ho×Wo`) with `Ho = (H + padding − dilation·(kH − 1) − 1) / stride + 1` (rounded
    /// down), where `padding` is the sum above and below. Input channel group `g` (channels `g·C/groups` onward)
    /// feeds output channel group `g`.
    ///
    /// ```swift
    /// let images = Tensor<Float>.randn([8, 3, 32, 32])
    /// let weight = Tensor<Float>.randn([16, 3, 3, 3], requiresGrad: true)
    /// let features = images.conv2d(weight, padding: 1)   // [8, 16, 32, 32]
    /// features.sum().backward()                        // weight.grad: [16, 3, 3, 3]
    /// ```
    /// - Parameters:
    ///   - weight: The filters, `Cout×(C/groups)×kH×kW`.
    ///   - bias: Added to each output channel, `[Cout]`.
    ///   - stride: The step between windows, on both axes.
    ///   - padding: Zeros added around the input (see `ConvPadding`; `.same` needs stride 1).
    ///   - dilation: The step between kernel elements, on both axes.
    ///   - groups: The number of channel groups; `C` and `Cout` must be multiples of it (`groups == C` is a
    ///     depthwise convolution).
    /// - Returns: The output, recording the gradients of the input, the weight and the bias.
    /// - Precondition: positive stride and dilation, non-negative padding, and a kernel no larger than the padded input.
    public final func conv2d(_ weight: Tensor, bias: Tensor? = nil, stride: Int = 1, padding: ConvPadding = 0,
                             dilation: Int = 1, groups: Int = 1) -> Tensor {
        conv2d(weight, bias: bias, stride: (stride, stride), padding: padding, dilation: (dilation, dilation),
               groups: groups)
    }

    /// The 2-D convolution with a (height, width) stride and dilation, like `conv2d(..., stride=(sh, sw))`.
    ///
    /// ```swift
    /// let x = Tensor<Float>.randn([1, 2, 9, 9])
    /// let y = x.conv2d(Tensor<Float>.randn([4, 2, 3, 3]), stride: (2, 1), dilation: (1, 2))   // [1, 4, 4, 5]
    /// ```
    public final func conv2d(_ weight: Tensor, bias: Tensor? = nil, stride: (Int, Int), padding: ConvPadding = 0,
                             dilation: (Int, Int) = (1, 1), groups: Int = 1) -> Tensor {
        emberPrecondition(rank == 3 || rank == 4, "conv2d: expects input [N, C, H, W] or [C, H, W], got \(shape)")
        emberPrecondition(weight.rank == 4,
                          "conv2d: expects weight [Cout, C/groups, kH, kW], got \(weight.shape) (input \(shape))")
        if rank == 3 {
            return unsqueeze(0).conv2d(weight, bias: bias, stride: stride, padding: padding, dilation: dilation,
                                       groups: groups).squeeze(0)
        }
        let s = Tensor.convolutionShape(self.shape, weight.shape, stride: stride, padding: padding,
                                        dilation: dilation, groups: groups, op: "conv2d", shown: (shape, weight.shape))
        return convolved(weight, bias: bias, s, op: "conv2d")
    }

    /// The 1-D convolution of `self` with `weight`, like `torch.nn.functional.conv1d`: `conv2d` with height 1.
    ///
    /// Shapes: input `N×C×L` (or unbatched `C×L`), weight `Cout×(C/groups)×k`, bias `[Cout]`, output `N×Cout×Lo`
    /// with `Lo = (L + padding − dilation·(k − 1) − 1) / stride + 1` (rounded down).
    ///
    /// ```swift
    /// let signal = Tensor<Float>.randn([4, 2, 100])
    /// let filtered = signal.conv1d(Tensor<Float>.randn([8, 2, 5]), padding: .same)   // [4, 8, 100]
    /// ```
    /// - Parameters: as `conv2d`; `padding` is an integer (both ends), `.valid` or `.same`.
    /// - Returns: The output, recording the gradients of the input, the weight and the bias.
    public final func conv1d(_ weight: Tensor, bias: Tensor? = nil, stride: Int = 1, padding: ConvPadding = 0,
                             dilation: Int = 1, groups: Int = 1) -> Tensor {
        emberPrecondition(rank == 2 || rank == 3, "conv1d: expects input [N, C, L] or [C, L], got \(shape)")
        emberPrecondition(weight.rank == 3,
                          "conv1d: expects weight [Cout, C/groups, k], got \(weight.shape) (input \(shape))")
        emberPrecondition(padding.isSame || padding.height == padding.width,
                          "conv1d: padding must be one amount, .valid or .same, got \(padding)")
        if rank == 2 {
            return unsqueeze(0).conv1d(weight, bias: bias, stride: stride, padding: padding, dilation: dilation,
                                       groups: groups).squeeze(0)
        }
        let rows = padding.isSame ? ConvPadding.same : .explicit(0, padding.width!)
        let wide = unsqueeze(2), filters = weight.unsqueeze(2)
        let s = Tensor.convolutionShape(wide.shape, filters.shape, stride: (1, stride), padding: rows,
                                        dilation: (1, dilation), groups: groups, op: "conv1d", shown: (shape, weight.shape))
        return wide.convolved(filters, bias: bias, s, op: "conv1d").squeeze(2)
    }

    /// Runs the `conv2d` kernel of shape `s` on `self` (N×C×H×W) and `weight`, recording both gradients, then adds
    /// `bias`.
    final func convolved(_ weight: Tensor, bias: Tensor?, _ s: Conv2dShape, op: String) -> Tensor {
        emberPrecondition(bias.map { $0.shape == [s.outChannels] } ?? true,
                          "\(op): bias shape \(bias?.shape ?? []) does not match \(s.outChannels) output channels "
                            + "(weight \(weight.shape))")
        let out = Tensor.uninitialized([s.batch, s.outChannels, s.outputHeight, s.outputWidth])
        if out.count > 0 {
            Tensor.withKernelPointers(self, weight, out) { Tensor.backend.conv2d($0, $1, $2, shape: s) }
        }
        let convolution = out.recording("ConvolutionBackward0", self, weight) { g in
            (self.requiresGrad ? Tensor.convolutionInputGradient(g, weight, like: self, s) : nil,
             weight.requiresGrad ? Tensor.convolutionWeightGradient(self, g, like: weight, s) : nil)
        }
        guard let bias else { return convolution }
        return convolution + bias.reshape([s.outChannels, 1, 1])
    }

    /// The gradient of a convolution's input, from the gradient of its output `g` (the `conv2dBackwardInput` kernel).
    static func convolutionInputGradient(_ g: Tensor, _ weight: Tensor, like input: Tensor, _ s: Conv2dShape) -> Tensor {
        let gradient = uninitialized(like: input)
        if gradient.count > 0 {
            withKernelPointers(g, weight, gradient) { backend.conv2dBackwardInput($0, $1, $2, shape: s) }
        }
        return gradient
    }

    /// The gradient of a convolution's weight, from its input and the gradient of its output `g` (the
    /// `conv2dBackwardWeight` kernel); zeros for an empty batch.
    static func convolutionWeightGradient(_ input: Tensor, _ g: Tensor, like weight: Tensor, _ s: Conv2dShape) -> Tensor {
        guard s.batch > 0 else { return zeros(weight.shape) }
        let gradient = uninitialized(like: weight)
        withKernelPointers(input, g, gradient) { backend.conv2dBackwardWeight($0, $1, $2, shape: s) }
        return gradient
    }
}
