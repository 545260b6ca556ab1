import Ember
import Testing

/// Misused convolution and pooling calls stop with one message naming the op and the shapes, as PyTorch's do.
@Suite struct ConvolutionMisuseTests {
    /// What an exit test's child process wrote on standard error.
    static func message(_ result: ExitTest.Result?) -> String {
        String(decoding: result?.standardErrorContent ?? [], as: UTF8.self)
    }

    @Test func convolutionArgumentsAreChecked() async {
        #expect(Self.message(await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
            _ = Tensor<Float>.zeros([1, 3, 8, 8]).conv2d(Tensor<Float>.zeros([4, 2, 3, 3]))
        }).contains("conv2d: weight [4, 2, 3, 3] with groups 1 expects 2 input channels, got input [1, 3, 8, 8] with 3 channels"))
        #expect(Self.message(await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
            _ = Tensor<Float>.zeros([1, 3, 8, 8]).conv2d(Tensor<Float>.zeros([4, 1, 3, 3]), groups: 2)
        }).contains("conv2d: input channels 3 are not divisible by groups 2 (input [1, 3, 8, 8], weight [4, 1, 3, 3])"))
        #expect(Self.message(await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
            _ = Tensor<Float>.zeros([1, 1, 2, 2]).conv2d(Tensor<Float>.zeros([1, 1, 5, 5]), padding: 1)
        }).contains("conv2d: kernel size 5×5 (dilated) is larger than the padded input size 4×4"))
        #expect(Self.message(await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
            _ = Tensor<Float>.zeros([1, 1, 8, 8]).conv2d(Tensor<Float>.zeros([1, 1, 3, 3]), stride: 0)
        }).contains("conv2d: stride must be positive, got (0, 0)"))
        #expect(Self.message(await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
            _ = Tensor<Float>.zeros([1, 1, 8, 8]).conv2d(Tensor<Float>.zeros([1, 1, 3, 3]), stride: 2, padding: .same)
        }).contains("conv2d: padding .same is not supported for strided convolutions, got stride (2, 2)"))
        #expect(Self.message(await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
            _ = Tensor<Float>.zeros([1, 1, 8, 8]).conv2d(Tensor<Float>.zeros([1, 1, 3, 3]), padding: -1)
        }).contains("conv2d: padding must be non-negative, got -1"))
        #expect(Self.message(await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
            _ = Tensor<Float>.zeros([8, 8]).conv2d(Tensor<Float>.zeros([1, 1, 3, 3]))
        }).contains("conv2d: expects input [N, C, H, W] or [C, H, W], got [8, 8]"))
        #expect(Self.message(await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
            _ = Tensor<Float>.zeros([2, 3, 4]).conv1d(Tensor<Float>.zeros([1, 3, 6]))
        }).contains("conv1d: kernel size 6 (dilated) is larger than the padded input size 4"))
        #expect(Self.message(await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
            _ = Conv2d<Float>(3, 4, kernelSize: 3, groups: 2)
        }).contains("Conv2d: in channels 3 and out channels 4 must be divisible by groups 2"))
    }

    @Test func poolingArgumentsAreChecked() async {
        #expect(Self.message(await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
            _ = Tensor<Float>.zeros([1, 1, 8, 8]).maxPool2d(kernelSize: 3, padding: 2)
        }).contains("maxPool2d: padding (2, 2) should be at most half of the kernel size (3, 3)"))
        #expect(Self.message(await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
            _ = Tensor<Float>.zeros([1, 1, 8, 8]).avgPool2d(kernelSize: 2, stride: 0)
        }).contains("avgPool2d: stride must be positive, got (0, 0)"))
        #expect(Self.message(await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
            _ = Tensor<Float>.zeros([1, 1, 2, 2]).maxPool2d(kernelSize: 3)
        }).contains("maxPool2d: input [1, 1, 2, 2] is too small for kernel (3, 3)"))
        #expect(Self.message(await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
            _ = BatchNorm2d<Float>(3)(Tensor<Float>.zeros([2, 4, 5, 5]))
        }).contains("BatchNorm2d: expects input [N, 3, H, W], got [2, 4, 5, 5]"))
    }
}
