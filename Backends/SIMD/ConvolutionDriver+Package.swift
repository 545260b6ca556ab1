import EmberBackend

// The driver for other backends of this package (`cblas`), in concrete types so that the im2col loops are
// specialised in this module.
extension ConvolutionDriver {
    package static func conv2d(_ input: UnsafePointer<Float>, _ weight: UnsafePointer<Float>,
                               _ out: UnsafeMutablePointer<Float>, shape: Conv2dShape,
                               product: Product<Float>) {
        forward(input, weight, out, shape, product: product)
    }
    package static func conv2d(_ input: UnsafePointer<Double>, _ weight: UnsafePointer<Double>,
                               _ out: UnsafeMutablePointer<Double>, shape: Conv2dShape,
                               product: Product<Double>) {
        forward(input, weight, out, shape, product: product)
    }
    package static func conv2dBackwardInput(_ gradOutput: UnsafePointer<Float>, _ weight: UnsafePointer<Float>,
                                            _ gradInput: UnsafeMutablePointer<Float>, shape: Conv2dShape,
                                            product: Product<Float>) {
        backwardInput(gradOutput, weight, gradInput, shape, product: product)
    }
    package static func conv2dBackwardInput(_ gradOutput: UnsafePointer<Double>, _ weight: UnsafePointer<Double>,
                                            _ gradInput: UnsafeMutablePointer<Double>, shape: Conv2dShape,
                                            product: Product<Double>) {
        backwardInput(gradOutput, weight, gradInput, shape, product: product)
    }
    package static func conv2dBackwardWeight(_ input: UnsafePointer<Float>, _ gradOutput: UnsafePointer<Float>,
                                             _ gradWeight: UnsafeMutablePointer<Float>, shape: Conv2dShape,
                                             product: Product<Float>) {
        backwardWeight(input, gradOutput, gradWeight, shape, product: product)
    }
    package static func conv2dBackwardWeight(_ input: UnsafePointer<Double>, _ gradOutput: UnsafePointer<Double>,
                                             _ gradWeight: UnsafeMutablePointer<Double>, shape: Conv2dShape,
                                             product: Product<Double>) {
        backwardWeight(input, gradOutput, gradWeight, shape, product: product)
    }
}
