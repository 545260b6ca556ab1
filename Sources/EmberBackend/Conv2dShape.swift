/// The shape of a 2-D convolution (PyTorch's `conv2d`, NCHW, no bias): input `batch × inChannels × H × W`,
/// weight `outChannels × (inChannels / groups) × kernelHeight × kernelWidth`, output
/// `batch × outChannels × outputHeight × outputWidth`.
///
/// Output pixel `(oh, ow)` of channel `co` in group `g = co / (outChannels / groups)` sums, over the group's input
/// channels and the kernel taps, `input[n, g·inPerGroup + ci, oh·strideHeight − padTop + kh·dilationHeight,
/// ow·strideWidth − padLeft + kw·dilationWidth] · weight[co, ci, kh, kw]`; taps that land in the padding read 0.
/// Padding may be asymmetric (`"same"` with an even kernel pads one more on the bottom and right).
///
/// ```swift
/// let shape = Conv2dShape(batch: 64, inChannels: 1, outChannels: 16, groups: 1, inputHeight: 28, inputWidth: 28,
///                         kernelHeight: 3, kernelWidth: 3, strideHeight: 1, strideWidth: 1,
///                         dilationHeight: 1, dilationWidth: 1, padTop: 1, padLeft: 1, padBottom: 1, padRight: 1)
/// // shape.outputHeight == 28, shape.outputWidth == 28
/// ```
public struct Conv2dShape: Sendable, Hashable, CustomStringConvertible {
    public var batch, inChannels, outChannels, groups: Int
    public var inputHeight, inputWidth, kernelHeight, kernelWidth: Int
    public var strideHeight, strideWidth, dilationHeight, dilationWidth: Int
    public var padTop, padLeft, padBottom, padRight: Int

    public init(batch: Int, inChannels: Int, outChannels: Int, groups: Int, inputHeight: Int, inputWidth: Int,
                kernelHeight: Int, kernelWidth: Int, strideHeight: Int, strideWidth: Int,
                dilationHeight: Int, dilationWidth: Int, padTop: Int, padLeft: Int, padBottom: Int, padRight: Int) {
        self.batch = batch
        self.inChannels = inChannels
        self.outChannels = outChannels
        self.groups = groups
        self.inputHeight = inputHeight
        self.inputWidth = inputWidth
        self.kernelHeight = kernelHeight
        self.kernelWidth = kernelWidth
        self.strideHeight = strideHeight
        self.strideWidth = strideWidth
        self.dilationHeight = dilationHeight
        self.dilationWidth = dilationWidth
        self.padTop = padTop
        self.padLeft = padLeft
        self.padBottom = padBottom
        self.padRight = padRight
    }

    /// `(H + padTop + padBottom − dilationHeight·(kernelHeight − 1) − 1) / strideHeight + 1`.
    public var outputHeight: Int {
        (paddedHeight - dilationHeight * (kernelHeight - 1) - 1) / strideHeight + 1
    }
    /// `(W + padLeft + padRight − dilationWidth·(kernelWidth − 1) − 1) / strideWidth + 1`.
    public var outputWidth: Int {
        (paddedWidth - dilationWidth * (kernelWidth - 1) - 1) / strideWidth + 1
    }

    /// The input height with its top and bottom padding.
    public var paddedHeight: Int { inputHeight + padTop + padBottom }
    /// The input width with its left and right padding.
    public var paddedWidth: Int { inputWidth + padLeft + padRight }
    /// Input channels per group (`inChannels / groups`), the weight's second dimension.
    public var inChannelsPerGroup: Int { inChannels / groups }
    /// Output channels per group (`outChannels / groups`).
    public var outChannelsPerGroup: Int { outChannels / groups }
    /// Weight elements per output channel, `inChannelsPerGroup · kernelHeight · kernelWidth` (a GEMM's `k`).
    public var patchSize: Int { inChannelsPerGroup * kernelHeight * kernelWidth }
    /// True when no side is padded.
    public var isUnpadded: Bool { padTop == 0 && padLeft == 0 && padBottom == 0 && padRight == 0 }

    /// Elements of the input, `batch · inChannels · H · W`.
    public var inputCount: Int { batch * inChannels * inputHeight * inputWidth }
    /// Elements of the weight, `outChannels · inChannelsPerGroup · kernelHeight · kernelWidth`.
    public var weightCount: Int { outChannels * patchSize }
    /// Elements of the output, `batch · outChannels · outputHeight · outputWidth`.
    public var outputCount: Int { batch * outChannels * outputHeight * outputWidth }

    /// Multiply-adds of the forward pass (each backward pass does as many).
    public var multiplyAdds: Int { batch * outChannels * outputHeight * outputWidth * patchSize }

    /// True when the numbers describe a convolution the kernels accept: sizes ≥ 0, strides, dilations, kernel sizes
    /// and groups ≥ 1, padding ≥ 0, both channel counts divisible by `groups`, and a kernel that fits in the padded
    /// input. The tensor ops check these (with their own messages) before calling a kernel.
    public var isValid: Bool {
        batch >= 0 && inChannels >= 0 && outChannels >= 0 && groups >= 1 && inputHeight >= 0 && inputWidth >= 0
            && kernelHeight >= 1 && kernelWidth >= 1 && strideHeight >= 1 && strideWidth >= 1
            && dilationHeight >= 1 && dilationWidth >= 1 && min(padTop, padLeft, padBottom, padRight) >= 0
            && inChannels % groups == 0 && outChannels % groups == 0
            && dilationHeight * (kernelHeight - 1) + 1 <= paddedHeight
            && dilationWidth * (kernelWidth - 1) + 1 <= paddedWidth
    }

    public var description: String {
        "[batch: \(batch), channels: \(inChannels)→\(outChannels), groups: \(groups), "
            + "input: \(inputHeight)×\(inputWidth), kernel: \(kernelHeight)×\(kernelWidth), "
            + "stride: \(strideHeight)×\(strideWidth), dilation: \(dilationHeight)×\(dilationWidth), "
            + "padding (top, left, bottom, right): \(padTop), \(padLeft), \(padBottom), \(padRight)]"
    }
}
