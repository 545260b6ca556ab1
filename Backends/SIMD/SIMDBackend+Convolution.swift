import EmberBackend

// Convolution and pooling on the simd backend: im2col per image into a reused buffer and the backend's own blocked
// GEMM on one thread per image range (`ConvolutionDriver`), and one-pass pooling over planes (`PoolingKernels`).
extension SIMDBackend {
    public func conv2d(_ input: UnsafePointer<Float>, _ weight: UnsafePointer<Float>,
                       _ out: UnsafeMutablePointer<Float>, shape: Conv2dShape) {
        ConvolutionDriver.forward(input, weight, out, shape, product: product())
    }
    public func conv2d(_ input: UnsafePointer<Double>, _ weight: UnsafePointer<Double>,
                       _ out: UnsafeMutablePointer<Double>, shape: Conv2dShape) {
        ConvolutionDriver.forward(input, weight, out, shape, product: product())
    }
    public func conv2dBackwardInput(_ gradOutput: UnsafePointer<Float>, _ weight: UnsafePointer<Float>,
                                    _ gradInput: UnsafeMutablePointer<Float>, shape: Conv2dShape) {
        ConvolutionDriver.backwardInput(gradOutput, weight, gradInput, shape, product: product())
    }
    public func conv2dBackwardInput(_ gradOutput: UnsafePointer<Double>, _ weight: UnsafePointer<Double>,
                                    _ gradInput: UnsafeMutablePointer<Double>, shape: Conv2dShape) {
        ConvolutionDriver.backwardInput(gradOutput, weight, gradInput, shape, product: product())
    }
    public func conv2dBackwardWeight(_ input: UnsafePointer<Float>, _ gradOutput: UnsafePointer<Float>,
                                     _ gradWeight: UnsafeMutablePointer<Float>, shape: Conv2dShape) {
        ConvolutionDriver.backwardWeight(input, gradOutput, gradWeight, shape, product: product())
    }
    public func conv2dBackwardWeight(_ input: UnsafePointer<Double>, _ gradOutput: UnsafePointer<Double>,
                                     _ gradWeight: UnsafeMutablePointer<Double>, shape: Conv2dShape) {
        ConvolutionDriver.backwardWeight(input, gradOutput, gradWeight, shape, product: product())
    }
    public func maxPool2d(_ x: UnsafePointer<Float>, _ out: UnsafeMutablePointer<Float>,
                          _ indices: UnsafeMutablePointer<Int>, shape: Pool2dShape) {
        PoolingKernels.maxPool(self, x, out, indices, shape)
    }
    public func maxPool2d(_ x: UnsafePointer<Double>, _ out: UnsafeMutablePointer<Double>,
                          _ indices: UnsafeMutablePointer<Int>, shape: Pool2dShape) {
        PoolingKernels.maxPool(self, x, out, indices, shape)
    }
    public func maxPool2dBackward(_ gradOutput: UnsafePointer<Float>, _ indices: UnsafePointer<Int>,
                                  _ gradInput: UnsafeMutablePointer<Float>, shape: Pool2dShape) {
        PoolingKernels.maxPoolBackward(gradOutput, indices, gradInput, shape)
    }
    public func maxPool2dBackward(_ gradOutput: UnsafePointer<Double>, _ indices: UnsafePointer<Int>,
                                  _ gradInput: UnsafeMutablePointer<Double>, shape: Pool2dShape) {
        PoolingKernels.maxPoolBackward(gradOutput, indices, gradInput, shape)
    }
    public func avgPool2d(_ x: UnsafePointer<Float>, _ out: UnsafeMutablePointer<Float>, shape: Pool2dShape,
                          countIncludePad: Bool) {
        PoolingKernels.avgPool(self, x, out, shape, countIncludePad: countIncludePad)
    }
    public func avgPool2d(_ x: UnsafePointer<Double>, _ out: UnsafeMutablePointer<Double>, shape: Pool2dShape,
                          countIncludePad: Bool) {
        PoolingKernels.avgPool(self, x, out, shape, countIncludePad: countIncludePad)
    }
    public func avgPool2dBackward(_ gradOutput: UnsafePointer<Float>, _ gradInput: UnsafeMutablePointer<Float>,
                                  shape: Pool2dShape, countIncludePad: Bool) {
        PoolingKernels.avgPoolBackward(self, gradOutput, gradInput, shape, countIncludePad: countIncludePad)
    }
    public func avgPool2dBackward(_ gradOutput: UnsafePointer<Double>, _ gradInput: UnsafeMutablePointer<Double>,
                                  shape: Pool2dShape, countIncludePad: Bool) {
        PoolingKernels.avgPoolBackward(self, gradOutput, gradInput, shape, countIncludePad: countIncludePad)
    }

    /// The backend's matrix product on at most the given number of threads, overwriting or accumulating. A small
    /// `C` with a long depth whose rows of op(A) and columns of op(B) are contiguous (the first convolution's
    /// weight gradient: 9 × 16 outputs, 784 terms each) runs as dot products, which pack nothing and waste no lanes.
    func product<T: SIMDScalar>() -> ConvolutionDriver.Product<T> {
        { a, b, c, shape, accumulate, threads in
            if shape.m * shape.n <= 256 && !shape.transposeA && shape.transposeB {
                GEMM.direct(MatrixView(base: a, rowStride: shape.k, columnStride: 1),
                            MatrixView(base: b, rowStride: 1, columnStride: shape.k), c, m: shape.m, n: shape.n,
                            k: shape.k, path: self.path, maxThreads: threads, accumulate: accumulate)
            } else {
                GEMM.multiply(a, b, c, shape: shape, path: self.path, buffers: self.buffers, maxThreads: threads,
                              accumulate: accumulate)
            }
        }
    }
}
