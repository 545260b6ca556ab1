/// The shape of a 2-D max or average pooling over `planes` independent `H × W` planes (`N·C` of an NCHW tensor),
/// PyTorch's `max_pool2d` / `avg_pool2d`.
///
/// Output pixel `(oh, ow)` pools the window starting at `(oh·strideHeight − padHeight, ow·strideWidth − padWidth)`
/// with taps `dilation` apart; positions in the padding are skipped by max pooling and count as zeros for average
/// pooling with `countIncludePad`. The padding is at most half the (dilated) kernel, as PyTorch requires, so
/// every window holds at least one input element.
///
/// ```swift
/// let shape = Pool2dShape(planes: 64 * 16, inputHeight: 28, inputWidth: 28, kernelHeight: 2, kernelWidth: 2,
///                         strideHeight: 2, strideWidth: 2, padHeight: 0, padWidth: 0,
///                         dilationHeight: 1, dilationWidth: 1, ceilMode: false)
/// // shape.outputHeight == 14, shape.outputWidth == 14
/// ```
public struct Pool2dShape: Sendable, Hashable, CustomStringConvertible {
    /// `N·C`: the number of `H × W` planes pooled independently.
    public var planes: Int
    public var inputHeight, inputWidth, kernelHeight, kernelWidth: Int
    public var strideHeight, strideWidth, padHeight, padWidth, dilationHeight, dilationWidth: Int
    /// Rounds the output size up (PyTorch's `ceil_mode`), as long as the last window starts inside the input or
    /// its left or top padding.
    public var ceilMode: Bool

    public init(planes: Int, inputHeight: Int, inputWidth: Int, kernelHeight: Int, kernelWidth: Int,
                strideHeight: Int, strideWidth: Int, padHeight: Int, padWidth: Int,
                dilationHeight: Int, dilationWidth: Int, ceilMode: Bool) {
        self.planes = planes
        self.inputHeight = inputHeight
        self.inputWidth = inputWidth
        self.kernelHeight = kernelHeight
        self.kernelWidth = kernelWidth
        self.strideHeight = strideHeight
        self.strideWidth = strideWidth
        self.padHeight = padHeight
        self.padWidth = padWidth
        self.dilationHeight = dilationHeight
        self.dilationWidth = dilationWidth
        self.ceilMode = ceilMode
    }

    /// PyTorch's `pooling_output_shape` for the height.
    public var outputHeight: Int {
        Self.outputSize(inputHeight, kernelHeight, strideHeight, padHeight, dilationHeight, ceilMode)
    }
    /// PyTorch's `pooling_output_shape` for the width.
    public var outputWidth: Int {
        Self.outputSize(inputWidth, kernelWidth, strideWidth, padWidth, dilationWidth, ceilMode)
    }

    /// Elements of the input, `planes · H · W`.
    public var inputCount: Int { planes * inputHeight * inputWidth }
    /// Elements of the output (and of max pooling's indices), `planes · outputHeight · outputWidth`.
    public var outputCount: Int { planes * outputHeight * outputWidth }

    /// True when the numbers describe a pooling the kernels accept (PyTorch's checks): sizes ≥ 0, kernel sizes,
    /// strides and dilations ≥ 1, padding ≥ 0 and at most half the kernel, and an output of at least one pixel
    /// each way. The tensor ops check these (with their own messages) before calling a kernel.
    public var isValid: Bool {
        planes >= 0 && inputHeight >= 0 && inputWidth >= 0 && kernelHeight >= 1 && kernelWidth >= 1
            && strideHeight >= 1 && strideWidth >= 1 && dilationHeight >= 1 && dilationWidth >= 1
            && padHeight >= 0 && padWidth >= 0 && padHeight <= kernelHeight / 2 && padWidth <= kernelWidth / 2
            && outputHeight >= 1 && outputWidth >= 1
    }

    /// `(size + 2·pad − dilation·(kernel − 1) − 1 [+ stride − 1 in ceil mode]) / stride + 1`, floored, minus one
    /// in ceil mode when the last window would start past the input and its leading padding.
    static func outputSize(_ size: Int, _ kernel: Int, _ stride: Int, _ pad: Int, _ dilation: Int,
                           _ ceilMode: Bool) -> Int {
        let span = size + 2 * pad - dilation * (kernel - 1) - 1 + (ceilMode ? stride - 1 : 0)
        var out = (span >= 0 ? span / stride : (span - stride + 1) / stride) + 1
        if ceilMode && (out - 1) * stride >= size + pad { out -= 1 }
        return out
    }

    public var description: String {
        "[planes: \(planes), input: \(inputHeight)×\(inputWidth), kernel: \(kernelHeight)×\(kernelWidth), "
            + "stride: \(strideHeight)×\(strideWidth), padding: \(padHeight)×\(padWidth), "
            + "dilation: \(dilationHeight)×\(dilationWidth)\(ceilMode ? ", ceil mode" : "")]"
    }
}
