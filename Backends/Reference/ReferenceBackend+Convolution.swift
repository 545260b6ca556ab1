import EmberBackend

// The convolution and pooling kernels as plain loops (`Loops+Convolution.swift`, `Loops+Pooling.swift`): the
// definitions the conformance kit checks the other backends and the defaults by.
extension ReferenceBackend {
    public func conv2d(_ input: UnsafePointer<Float>, _ weight: UnsafePointer<Float>,
                       _ out: UnsafeMutablePointer<Float>, shape: Conv2dShape) {
        Loops.conv2d(input, weight, out, shape)
    }
    public func conv2d(_ input: UnsafePointer<Double>, _ weight: UnsafePointer<Double>,
                       _ out: UnsafeMutablePointer<Double>, shape: Conv2dShape) {
        Loops.conv2d(input, weight, out, shape)
    }
    public func conv2dBackwardInput(_ gradOutput: UnsafePointer<Float>, _ weight: UnsafePointer<Float>,
                                    _ gradInput: UnsafeMutablePointer<Float>, shape: Conv2dShape) {
        Loops.conv2dBackwardInput(gradOutput, weight, gradInput, shape)
    }
    public func conv2dBackwardInput(_ gradOutput: UnsafePointer<Double>, _ weight: UnsafePointer<Double>,
                                    _ gradInput: UnsafeMutablePointer<Double>, shape: Conv2dShape) {
        Loops.conv2dBackwardInput(gradOutput, weight, gradInput, shape)
    }
    public func conv2dBackwardWeight(_ input: UnsafePointer<Float>, _ gradOutput: UnsafePointer<Float>,
                                     _ gradWeight: UnsafeMutablePointer<Float>, shape: Conv2dShape) {
        Loops.conv2dBackwardWeight(input, gradOutput, gradWeight, shape)
    }
    public func conv2dBackwardWeight(_ input: UnsafePointer<Double>, _ gradOutput: UnsafePointer<Double>,
                                     _ gradWeight: UnsafeMutablePointer<Double>, shape: Conv2dShape) {
        Loops.conv2dBackwardWeight(input, gradOutput, gradWeight, shape)
    }
    public func maxPool2d(_ x: UnsafePointer<Float>, _ out: UnsafeMutablePointer<Float>,
                          _ indices: UnsafeMutablePointer<Int>, shape: Pool2dShape) {
        Loops.maxPool2d(x, out, indices, shape)
    }
    public func maxPool2d(_ x: UnsafePointer<Double>, _ out: UnsafeMutablePointer<Double>,
                          _ indices: UnsafeMutablePointer<Int>, shape: Pool2dShape) {
        Loops.maxPool2d(x, out, indices, shape)
    }
    public func maxPool2dBackward(_ gradOutput: UnsafePointer<Float>, _ indices: UnsafePointer<Int>,
                                  _ gradInput: UnsafeMutablePointer<Float>, shape: Pool2dShape) {
        Loops.maxPool2dBackward(gradOutput, indices, gradInput, shape)
    }
    public func maxPool2dBackward(_ gradOutput: UnsafePointer<Double>, _ indices: UnsafePointer<Int>,
                                  _ gradInput: UnsafeMutablePointer<Double>, shape: Pool2dShape) {
        Loops.maxPool2dBackward(gradOutput, indices, gradInput, shape)
    }
    public func avgPool2d(_ x: UnsafePointer<Float>, _ out: UnsafeMutablePointer<Float>, shape: Pool2dShape,
                          countIncludePad: Bool) {
        Loops.avgPool2d(x, out, shape, countIncludePad: countIncludePad)
    }
    public func avgPool2d(_ x: UnsafePointer<Double>, _ out: UnsafeMutablePointer<Double>, shape: Pool2dShape,
                          countIncludePad: Bool) {
        Loops.avgPool2d(x, out, shape, countIncludePad: countIncludePad)
    }
    public func avgPool2dBackward(_ gradOutput: UnsafePointer<Float>, _ gradInput: UnsafeMutablePointer<Float>,
                                  shape: Pool2dShape, countIncludePad: Bool) {
        Loops.avgPool2dBackward(gradOutput, gradInput, shape, countIncludePad: countIncludePad)
    }
    public func avgPool2dBackward(_ gradOutput: UnsafePointer<Double>, _ gradInput: UnsafeMutablePointer<Double>,
                                  shape: Pool2dShape, countIncludePad: Bool) {
        Loops.avgPool2dBackward(gradOutput, gradInput, shape, countIncludePad: countIncludePad)
    }
}
