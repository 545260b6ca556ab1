import EmberBackend

// The convolution and pooling kernels, recorded like the others (`TraceRecorder+ConvolutionKernels.swift`) so a
// compiled step replays the base backend's own fast paths instead of the protocol defaults run through the tracer.
extension TracingBackend {
    public func conv2d(_ input: UnsafePointer<Float>, _ weight: UnsafePointer<Float>, _ out: UnsafeMutablePointer<Float>, shape: Conv2dShape) {
        recorder.conv2d(input, weight, out, shape: shape)
        base.conv2d(input, weight, out, shape: shape)
    }

    public func conv2dBackwardInput(_ gradOutput: UnsafePointer<Float>, _ weight: UnsafePointer<Float>, _ gradInput: UnsafeMutablePointer<Float>, shape: Conv2dShape) {
        recorder.conv2dBackwardInput(gradOutput, weight, gradInput, shape: shape)
        base.conv2dBackwardInput(gradOutput, weight, gradInput, shape: shape)
    }

    public func conv2dBackwardWeight(_ input: UnsafePointer<Float>, _ gradOutput: UnsafePointer<Float>, _ gradWeight: UnsafeMutablePointer<Float>, shape: Conv2dShape) {
        recorder.conv2dBackwardWeight(input, gradOutput, gradWeight, shape: shape)
        base.conv2dBackwardWeight(input, gradOutput, gradWeight, shape: shape)
    }

    public func maxPool2d(_ x: UnsafePointer<Float>, _ out: UnsafeMutablePointer<Float>, _ indices: UnsafeMutablePointer<Int>, shape: Pool2dShape) {
        recorder.maxPool2d(x, out, indices, shape: shape)
        base.maxPool2d(x, out, indices, shape: shape)
    }

    public func maxPool2dBackward(_ gradOutput: UnsafePointer<Float>, _ indices: UnsafePointer<Int>, _ gradInput: UnsafeMutablePointer<Float>, shape: Pool2dShape) {
        recorder.maxPool2dBackward(gradOutput, indices, gradInput, shape: shape)
        base.maxPool2dBackward(gradOutput, indices, gradInput, shape: shape)
    }

    public func avgPool2d(_ x: UnsafePointer<Float>, _ out: UnsafeMutablePointer<Float>, shape: Pool2dShape, countIncludePad: Bool) {
        recorder.avgPool2d(x, out, shape: shape, countIncludePad: countIncludePad)
        base.avgPool2d(x, out, shape: shape, countIncludePad: countIncludePad)
    }

    public func avgPool2dBackward(_ gradOutput: UnsafePointer<Float>, _ gradInput: UnsafeMutablePointer<Float>, shape: Pool2dShape, countIncludePad: Bool) {
        recorder.avgPool2dBackward(gradOutput, gradInput, shape: shape, countIncludePad: countIncludePad)
        base.avgPool2dBackward(gradOutput, gradInput, shape: shape, countIncludePad: countIncludePad)
    }

    public func conv2d(_ input: UnsafePointer<Double>, _ weight: UnsafePointer<Double>, _ out: UnsafeMutablePointer<Double>, shape: Conv2dShape) {
        recorder.conv2d(input, weight, out, shape: shape)
        base.conv2d(input, weight, out, shape: shape)
    }

    public func conv2dBackwardInput(_ gradOutput: UnsafePointer<Double>, _ weight: UnsafePointer<Double>, _ gradInput: UnsafeMutablePointer<Double>, shape: Conv2dShape) {
        recorder.conv2dBackwardInput(gradOutput, weight, gradInput, shape: shape)
        base.conv2dBackwardInput(gradOutput, weight, gradInput, shape: shape)
    }

    public func conv2dBackwardWeight(_ input: UnsafePointer<Double>, _ gradOutput: UnsafePointer<Double>, _ gradWeight: UnsafeMutablePointer<Double>, shape: Conv2dShape) {
        recorder.conv2dBackwardWeight(input, gradOutput, gradWeight, shape: shape)
        base.conv2dBackwardWeight(input, gradOutput, gradWeight, shape: shape)
    }

    public func maxPool2d(_ x: UnsafePointer<Double>, _ out: UnsafeMutablePointer<Double>, _ indices: UnsafeMutablePointer<Int>, shape: Pool2dShape) {
        recorder.maxPool2d(x, out, indices, shape: shape)
        base.maxPool2d(x, out, indices, shape: shape)
    }

    public func maxPool2dBackward(_ gradOutput: UnsafePointer<Double>, _ indices: UnsafePointer<Int>, _ gradInput: UnsafeMutablePointer<Double>, shape: Pool2dShape) {
        recorder.maxPool2dBackward(gradOutput, indices, gradInput, shape: shape)
        base.maxPool2dBackward(gradOutput, indices, gradInput, shape: shape)
    }

    public func avgPool2d(_ x: UnsafePointer<Double>, _ out: UnsafeMutablePointer<Double>, shape: Pool2dShape, countIncludePad: Bool) {
        recorder.avgPool2d(x, out, shape: shape, countIncludePad: countIncludePad)
        base.avgPool2d(x, out, shape: shape, countIncludePad: countIncludePad)
    }

    public func avgPool2dBackward(_ gradOutput: UnsafePointer<Double>, _ gradInput: UnsafeMutablePointer<Double>, shape: Pool2dShape, countIncludePad: Bool) {
        recorder.avgPool2dBackward(gradOutput, gradInput, shape: shape, countIncludePad: countIncludePad)
        base.avgPool2dBackward(gradOutput, gradInput, shape: shape, countIncludePad: countIncludePad)
    }
}
