import EmberBackend

/// A 2-D convolution layer, like `torch.nn.Conv2d`: `y = x ⋆ weight + bias` over inputs `N×C×H×W` (or `C×H×W`).
///
/// `weight` has shape `[outChannels, inChannels / groups, kernelSize, kernelSize]` and `bias` `[outChannels]`; both
/// start uniform in `±1/√fanIn` with `fanIn = inChannels / groups · kernelSize²`, PyTorch's default initialisation
/// (Kaiming-uniform with `a = √5`). The parameter names, `weight` and `bias`, are PyTorch's state-dict keys.
///
/// ```swift
/// let conv = Conv2d<Float>(1, 16, kernelSize: 3, padding: 1)
/// let y = conv(Tensor<Float>.randn([8, 1, 28, 28]))   // [8, 16, 28, 28]
/// ```
public final class Conv2d<Scalar: TensorScalar>: Module<Scalar> {
    public let inChannels: Int
    public let outChannels: Int
    public let kernelSize: Int
    public let stride: Int
    public let padding: ConvPadding
    public let dilation: Int
    public let groups: Int
    /// The filters, `[outChannels, inChannels / groups, kernelSize, kernelSize]`.
    public let weight: Parameter<Scalar>
    /// Added to each output channel, `[outChannels]` (`nil` without `bias`).
    public let bias: Parameter<Scalar>?

    /// - Parameters:
    ///   - inChannels: The channels `C` of the input.
    ///   - outChannels: The channels of the output.
    ///   - kernelSize: The filters' height and width.
    ///   - stride: The step between windows.
    ///   - padding: Zeros added around the input: an integer, `.explicit(h, w)`, `.valid` or `.same` (stride 1).
    ///   - dilation: The step between kernel elements.
    ///   - groups: The number of channel groups; both channel counts must be multiples of it.
    ///   - bias: Whether to learn an additive bias.
    public init(_ inChannels: Int, _ outChannels: Int, kernelSize: Int, stride: Int = 1, padding: ConvPadding = 0,
                dilation: Int = 1, groups: Int = 1, bias: Bool = true) {
        (weight, self.bias) = convolutionParameters(
            "Conv2d", inChannels, outChannels, kernel: [kernelSize, kernelSize], stride: stride, padding: padding,
            dilation: dilation, groups: groups, bias: bias)
        (self.inChannels, self.outChannels, self.kernelSize) = (inChannels, outChannels, kernelSize)
        (self.stride, self.padding, self.dilation, self.groups) = (stride, padding, dilation, groups)
        super.init()
    }

    public override func forward(_ input: Tensor<Scalar>) -> Tensor<Scalar> {
        input.conv2d(weight, bias: bias, stride: stride, padding: padding, dilation: dilation, groups: groups)
    }
}

/// A 1-D convolution layer, like `torch.nn.Conv1d`, over inputs `N×C×L` (or `C×L`).
///
/// `weight` has shape `[outChannels, inChannels / groups, kernelSize]` and `bias` `[outChannels]`, initialised as
/// PyTorch does (uniform in `±1/√fanIn`, `fanIn = inChannels / groups · kernelSize`).
///
/// ```swift
/// let conv = Conv1d<Float>(4, 8, kernelSize: 5, padding: .same)
/// let y = conv(Tensor<Float>.randn([2, 4, 50]))   // [2, 8, 50]
/// ```
public final class Conv1d<Scalar: TensorScalar>: Module<Scalar> {
    public let inChannels: Int
    public let outChannels: Int
    public let kernelSize: Int
    public let stride: Int
    public let padding: ConvPadding
    public let dilation: Int
    public let groups: Int
    /// The filters, `[outChannels, inChannels / groups, kernelSize]`.
    public let weight: Parameter<Scalar>
    /// Added to each output channel, `[outChannels]` (`nil` without `bias`).
    public let bias: Parameter<Scalar>?

    /// - Parameters: as `Conv2d`; `padding` is an integer (both ends), `.valid` or `.same`.
    public init(_ inChannels: Int, _ outChannels: Int, kernelSize: Int, stride: Int = 1, padding: ConvPadding = 0,
                dilation: Int = 1, groups: Int = 1, bias: Bool = true) {
        emberPrecondition(padding.isSame || padding.height == padding.width,
                          "Conv1d: padding must be one amount, .valid or .same, got \(padding)")
        (weight, self.bias) = convolutionParameters(
            "Conv1d", inChannels, outChannels, kernel: [kernelSize], stride: stride, padding: padding,
            dilation: dilation, groups: groups, bias: bias)
        (self.inChannels, self.outChannels, self.kernelSize) = (inChannels, outChannels, kernelSize)
        (self.stride, self.padding, self.dilation, self.groups) = (stride, padding, dilation, groups)
        super.init()
    }

    public override func forward(_ input: Tensor<Scalar>) -> Tensor<Scalar> {
        input.conv1d(weight, bias: bias, stride: stride, padding: padding, dilation: dilation, groups: groups)
    }
}

/// Checks a convolution layer's arguments and draws its weight `[out, in / groups] + kernel` and bias `[out]`
/// uniform in `±1/√fanIn`, PyTorch's default initialisation.
func convolutionParameters<Scalar: TensorScalar>(
    _ layer: String, _ inChannels: Int, _ outChannels: Int, kernel: [Int], stride: Int, padding: ConvPadding,
    dilation: Int, groups: Int, bias: Bool
) -> (Parameter<Scalar>, Parameter<Scalar>?) {
    emberPrecondition(inChannels > 0 && outChannels > 0,
                      "\(layer): channel counts must be positive, got \(inChannels) and \(outChannels)")
    emberPrecondition(groups > 0, "\(layer): groups must be positive, got \(groups)")
    emberPrecondition(inChannels % groups == 0 && outChannels % groups == 0,
                      "\(layer): in channels \(inChannels) and out channels \(outChannels) must be divisible by "
                        + "groups \(groups)")
    emberPrecondition(kernel.allSatisfy { $0 > 0 }, "\(layer): kernelSize must be positive, got \(kernel[0])")
    emberPrecondition(stride > 0, "\(layer): stride must be positive, got \(stride)")
    emberPrecondition(dilation > 0, "\(layer): dilation must be positive, got \(dilation)")
    emberPrecondition(padding.isSame || padding.height! >= 0 && padding.width! >= 0,
                      "\(layer): padding must be non-negative, got \(padding)")
    emberPrecondition(!padding.isSame || stride == 1,
                      "\(layer): padding .same is not supported for strided convolutions, got stride \(stride)")
    let fanIn = inChannels / groups * kernel.reduce(1, *)
    let bound = 1 / Scalar(fanIn).squareRoot()
    let weight = Parameter(Tensor.uniform([outChannels, inChannels / groups] + kernel, low: -bound, high: bound))
    return (weight, bias ? Parameter(Tensor.uniform([outChannels], low: -bound, high: bound)) : nil)
}
