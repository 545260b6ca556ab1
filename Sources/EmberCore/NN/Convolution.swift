import EmberBackend

/// What `Conv1d` and `Conv2d` share, like PyTorch's `_ConvNd`: the hyper-parameters and the parameters `weight`
/// (`[outChannels, inChannels / groups] + kernel`) and `bias` (`[outChannels]`), both drawn uniform in `±1/√fanIn`
/// with `fanIn = inChannels / groups · kernel elements`, PyTorch's default (Kaiming-uniform with `a = √5`).
public class _ConvNd<Scalar: TensorScalar>: Module<Scalar> {
    public let inChannels: Int
    public let outChannels: Int
    public let kernelSize: Int
    public let stride: Int
    public let padding: ConvPadding
    public let dilation: Int
    public let groups: Int
    /// The filters, `[outChannels, inChannels / groups, kernelSize…]`.
    public let weight: Parameter<Scalar>
    /// Added to each output channel, `[outChannels]` (`nil` without `bias`).
    public let bias: Parameter<Scalar>?

    /// Checks the arguments (naming `layer` in messages) and draws the parameters for a kernel of `dimensions` axes.
    init(_ layer: String, _ inChannels: Int, _ outChannels: Int, kernelSize: Int, dimensions: Int, stride: Int,
         padding: ConvPadding, dilation: Int, groups: Int, bias: Bool) {
        emberPrecondition(inChannels > 0 && outChannels > 0,
                          "\(layer): channel counts must be positive, got \(inChannels) and \(outChannels)")
        emberPrecondition(groups > 0, "\(layer): groups must be positive, got \(groups)")
        emberPrecondition(inChannels % groups == 0 && outChannels % groups == 0,
                          "\(layer): in channels \(inChannels) and out channels \(outChannels) must be divisible by "
                            + "groups \(groups)")
        emberPrecondition(kernelSize > 0, "\(layer): kernelSize must be positive, got \(kernelSize)")
        emberPrecondition(stride > 0, "\(layer): stride must be positive, got \(stride)")
        emberPrecondition(dilation > 0, "\(layer): dilation must be positive, got \(dilation)")
        emberPrecondition(padding.isSame || padding.height! >= 0 && padding.width! >= 0,
                          "\(layer): padding must be non-negative, got \(padding)")
        emberPrecondition(!padding.isSame || stride == 1,
                          "\(layer): padding .same is not supported for strided convolutions, got stride \(stride)")
        let kernel = [Int](repeating: kernelSize, count: dimensions)
        let bound = 1 / Scalar(inChannels / groups * kernel.reduce(1, *)).squareRoot()
        weight = Parameter(Tensor.uniform([outChannels, inChannels / groups] + kernel, low: -bound, high: bound))
        self.bias = bias ? Parameter(Tensor.uniform([outChannels], low: -bound, high: bound)) : nil
        (self.inChannels, self.outChannels, self.kernelSize) = (inChannels, outChannels, kernelSize)
        (self.stride, self.padding, self.dilation, self.groups) = (stride, padding, dilation, groups)
        super.init()
    }
}

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
public final class Conv2d<Scalar: TensorScalar>: _ConvNd<Scalar> {
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
        super.init("Conv2d", inChannels, outChannels, kernelSize: kernelSize, dimensions: 2, stride: stride,
                   padding: padding, dilation: dilation, groups: groups, bias: bias)
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
public final class Conv1d<Scalar: TensorScalar>: _ConvNd<Scalar> {
    /// - Parameters: as `Conv2d`; `padding` is an integer (both ends), `.valid` or `.same`.
    public init(_ inChannels: Int, _ outChannels: Int, kernelSize: Int, stride: Int = 1, padding: ConvPadding = 0,
                dilation: Int = 1, groups: Int = 1, bias: Bool = true) {
        emberPrecondition(padding.isSame || padding.height == padding.width,
                          "Conv1d: padding must be one amount, .valid or .same, got \(padding)")
        super.init("Conv1d", inChannels, outChannels, kernelSize: kernelSize, dimensions: 1, stride: stride,
                   padding: padding, dilation: dilation, groups: groups, bias: bias)
    }

    public override func forward(_ input: Tensor<Scalar>) -> Tensor<Scalar> {
        input.conv1d(weight, bias: bias, stride: stride, padding: padding, dilation: dilation, groups: groups)
    }
}
