import EmberBackend

/// Max pooling over `N×C×H×W` (or `C×H×W`) inputs, like `torch.nn.MaxPool2d`: the largest element of each
/// `kernelSize × kernelSize` window (see `Tensor.maxPool2d`). The gradient goes to each window's maximum.
///
/// ```swift
/// let pool = MaxPool2d<Float>(kernelSize: 2)
/// let y = pool(Tensor<Float>.randn([8, 16, 28, 28]))   // [8, 16, 14, 14]
/// ```
public final class MaxPool2d<Scalar: TensorScalar>: Module<Scalar> {
    public let kernelSize: Int
    /// The step between windows; `kernelSize` when not given.
    public let stride: Int
    public let padding: Int
    public let dilation: Int
    public let ceilMode: Bool

    public init(kernelSize: Int, stride: Int? = nil, padding: Int = 0, dilation: Int = 1, ceilMode: Bool = false) {
        emberPrecondition(kernelSize > 0 && (stride ?? 1) > 0,
                          "MaxPool2d: kernelSize and stride must be positive, got \(kernelSize) and \(stride ?? kernelSize)")
        (self.kernelSize, self.stride, self.padding) = (kernelSize, stride ?? kernelSize, padding)
        (self.dilation, self.ceilMode) = (dilation, ceilMode)
        super.init()
    }

    public override func forward(_ input: Tensor<Scalar>) -> Tensor<Scalar> {
        input.maxPool2d(kernelSize: kernelSize, stride: stride, padding: padding, dilation: dilation, ceilMode: ceilMode)
    }
}

/// Average pooling over `N×C×H×W` (or `C×H×W`) inputs, like `torch.nn.AvgPool2d`: the mean of each
/// `kernelSize × kernelSize` window (see `Tensor.avgPool2d`).
///
/// ```swift
/// let pool = AvgPool2d<Float>(kernelSize: 3, stride: 2, padding: 1, countIncludePad: false)
/// let y = pool(Tensor<Float>.randn([2, 4, 9, 9]))   // [2, 4, 5, 5]
/// ```
public final class AvgPool2d<Scalar: TensorScalar>: Module<Scalar> {
    public let kernelSize: Int
    /// The step between windows; `kernelSize` when not given.
    public let stride: Int
    public let padding: Int
    public let ceilMode: Bool
    public let countIncludePad: Bool

    public init(kernelSize: Int, stride: Int? = nil, padding: Int = 0, ceilMode: Bool = false,
                countIncludePad: Bool = true) {
        emberPrecondition(kernelSize > 0 && (stride ?? 1) > 0,
                          "AvgPool2d: kernelSize and stride must be positive, got \(kernelSize) and \(stride ?? kernelSize)")
        (self.kernelSize, self.stride, self.padding) = (kernelSize, stride ?? kernelSize, padding)
        (self.ceilMode, self.countIncludePad) = (ceilMode, countIncludePad)
        super.init()
    }

    public override func forward(_ input: Tensor<Scalar>) -> Tensor<Scalar> {
        input.avgPool2d(kernelSize: kernelSize, stride: stride, padding: padding, ceilMode: ceilMode,
                        countIncludePad: countIncludePad)
    }
}

/// Average pooling to a fixed output size, like `torch.nn.AdaptiveAvgPool2d` (see `Tensor.adaptiveAvgPool2d`):
/// whatever the input's height and width, the output is `N×C×outputSize`.
///
/// ```swift
/// let pool = AdaptiveAvgPool2d<Float>(1)   // global average pooling
/// let y = pool(Tensor<Float>.randn([8, 32, 7, 7]))   // [8, 32, 1, 1]
/// ```
public final class AdaptiveAvgPool2d<Scalar: TensorScalar>: Module<Scalar> {
    /// The output's height and width.
    public let outputSize: (height: Int, width: Int)

    /// Pools to `outputSize × outputSize`.
    public convenience init(_ outputSize: Int) { self.init((outputSize, outputSize)) }

    /// Pools to `outputSize.0 × outputSize.1` (height × width).
    public init(_ outputSize: (Int, Int)) {
        emberPrecondition(outputSize.0 > 0 && outputSize.1 > 0,
                          "AdaptiveAvgPool2d: output size must be positive, got \(outputSize)")
        self.outputSize = outputSize
        super.init()
    }

    public override func forward(_ input: Tensor<Scalar>) -> Tensor<Scalar> {
        input.adaptiveAvgPool2d(outputSize)
    }
}
