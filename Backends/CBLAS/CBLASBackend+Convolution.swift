import EmberBackend
import EmberSIMD

// Convolution on OpenBLAS through the `simd` backend's `ConvolutionDriver` with `?gemm` as the product: im2col per
// image into a reused buffer, one product per group straight into the output, images split across Ember's threads
// with each thread calling `?gemm` (measured on the cnn bench: 5.0 ms for its kernels on 2 threads, against 7.0 ms
// with the batch folded into one product per group and OpenBLAS threading it). The weight gradient sums with beta
// 1. Pooling has no BLAS routine: the `simd` backend's kernels.
extension CBLASBackend {
    public func conv2d(_ input: UnsafePointer<Float>, _ weight: UnsafePointer<Float>,
                       _ out: UnsafeMutablePointer<Float>, shape: Conv2dShape) {
        ConvolutionDriver.conv2d(input, weight, out, shape: shape, product: product())
    }
    public func conv2d(_ input: UnsafePointer<Double>, _ weight: UnsafePointer<Double>,
                       _ out: UnsafeMutablePointer<Double>, shape: Conv2dShape) {
        ConvolutionDriver.conv2d(input, weight, out, shape: shape, product: product())
    }
    public func conv2dBackwardInput(_ gradOutput: UnsafePointer<Float>, _ weight: UnsafePointer<Float>,
                                    _ gradInput: UnsafeMutablePointer<Float>, shape: Conv2dShape) {
        ConvolutionDriver.conv2dBackwardInput(gradOutput, weight, gradInput, shape: shape,
                                              product: product())
    }
    public func conv2dBackwardInput(_ gradOutput: UnsafePointer<Double>, _ weight: UnsafePointer<Double>,
                                    _ gradInput: UnsafeMutablePointer<Double>, shape: Conv2dShape) {
        ConvolutionDriver.conv2dBackwardInput(gradOutput, weight, gradInput, shape: shape,
                                              product: product())
    }
    public func conv2dBackwardWeight(_ input: UnsafePointer<Float>, _ gradOutput: UnsafePointer<Float>,
                                     _ gradWeight: UnsafeMutablePointer<Float>, shape: Conv2dShape) {
        ConvolutionDriver.conv2dBackwardWeight(input, gradOutput, gradWeight, shape: shape,
                                               product: product())
    }
    public func conv2dBackwardWeight(_ input: UnsafePointer<Double>, _ gradOutput: UnsafePointer<Double>,
                                     _ gradWeight: UnsafeMutablePointer<Double>, shape: Conv2dShape) {
        ConvolutionDriver.conv2dBackwardWeight(input, gradOutput, gradWeight, shape: shape,
                                               product: product())
    }
    public func maxPool2d(_ x: UnsafePointer<Float>, _ out: UnsafeMutablePointer<Float>,
                          _ indices: UnsafeMutablePointer<Int>, shape: Pool2dShape) {
        simd.maxPool2d(x, out, indices, shape: shape)
    }
    public func maxPool2d(_ x: UnsafePointer<Double>, _ out: UnsafeMutablePointer<Double>,
                          _ indices: UnsafeMutablePointer<Int>, shape: Pool2dShape) {
        simd.maxPool2d(x, out, indices, shape: shape)
    }
    public func maxPool2dBackward(_ gradOutput: UnsafePointer<Float>, _ indices: UnsafePointer<Int>,
                                  _ gradInput: UnsafeMutablePointer<Float>, shape: Pool2dShape) {
        simd.maxPool2dBackward(gradOutput, indices, gradInput, shape: shape)
    }
    public func maxPool2dBackward(_ gradOutput: UnsafePointer<Double>, _ indices: UnsafePointer<Int>,
                                  _ gradInput: UnsafeMutablePointer<Double>, shape: Pool2dShape) {
        simd.maxPool2dBackward(gradOutput, indices, gradInput, shape: shape)
    }
    public func avgPool2d(_ x: UnsafePointer<Float>, _ out: UnsafeMutablePointer<Float>, shape: Pool2dShape,
                          countIncludePad: Bool) {
        simd.avgPool2d(x, out, shape: shape, countIncludePad: countIncludePad)
    }
    public func avgPool2d(_ x: UnsafePointer<Double>, _ out: UnsafeMutablePointer<Double>, shape: Pool2dShape,
                          countIncludePad: Bool) {
        simd.avgPool2d(x, out, shape: shape, countIncludePad: countIncludePad)
    }
    public func avgPool2dBackward(_ gradOutput: UnsafePointer<Float>, _ gradInput: UnsafeMutablePointer<Float>,
                                  shape: Pool2dShape, countIncludePad: Bool) {
        simd.avgPool2dBackward(gradOutput, gradInput, shape: shape, countIncludePad: countIncludePad)
    }
    public func avgPool2dBackward(_ gradOutput: UnsafePointer<Double>, _ gradInput: UnsafeMutablePointer<Double>,
                                  shape: Pool2dShape, countIncludePad: Bool) {
        simd.avgPool2dBackward(gradOutput, gradInput, shape: shape, countIncludePad: countIncludePad)
    }

    /// `?gemm`, called from each of Ember's threads. A product per image and group has dimensions of one image (an
    /// `Int32` overflow would need an im2col buffer of gigabytes).
    func product<T: BLASScalar>() -> ConvolutionDriver.Product<T> {
        { a, b, c, shape, accumulate, _ in
            emberPrecondition(BLASMatmul.run(a, b, c, shape, accumulate: accumulate),
                              "conv2d: the per-image product \(shape) exceeds BLAS's 32-bit dimensions")
        }
    }
}
