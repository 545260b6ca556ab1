// The convolution and pooling kernels' routes from `TensorScalar` to each scalar type's `Backend` requirement, and
// their generic entry points: `backend.conv2d(input, weight, out, shape:)` for any `TensorScalar`.

extension Float {
    @inlinable public static func _conv2d(_ b: any Backend, _ input: UnsafePointer<Float>, _ weight: UnsafePointer<Float>,
                                          _ out: UnsafeMutablePointer<Float>, shape: Conv2dShape) {
        b.conv2d(input, weight, out, shape: shape)
    }
    @inlinable public static func _conv2dBackwardInput(_ b: any Backend, _ gradOutput: UnsafePointer<Float>,
                                                       _ weight: UnsafePointer<Float>, _ gradInput: UnsafeMutablePointer<Float>,
                                                       shape: Conv2dShape) {
        b.conv2dBackwardInput(gradOutput, weight, gradInput, shape: shape)
    }
    @inlinable public static func _conv2dBackwardWeight(_ b: any Backend, _ input: UnsafePointer<Float>,
                                                        _ gradOutput: UnsafePointer<Float>,
                                                        _ gradWeight: UnsafeMutablePointer<Float>, shape: Conv2dShape) {
        b.conv2dBackwardWeight(input, gradOutput, gradWeight, shape: shape)
    }
    @inlinable public static func _maxPool2d(_ b: any Backend, _ x: UnsafePointer<Float>, _ out: UnsafeMutablePointer<Float>,
                                             _ indices: UnsafeMutablePointer<Int>, shape: Pool2dShape) {
        b.maxPool2d(x, out, indices, shape: shape)
    }
    @inlinable public static func _maxPool2dBackward(_ b: any Backend, _ gradOutput: UnsafePointer<Float>,
                                                     _ indices: UnsafePointer<Int>, _ gradInput: UnsafeMutablePointer<Float>,
                                                     shape: Pool2dShape) {
        b.maxPool2dBackward(gradOutput, indices, gradInput, shape: shape)
    }
    @inlinable public static func _avgPool2d(_ b: any Backend, _ x: UnsafePointer<Float>, _ out: UnsafeMutablePointer<Float>,
                                             shape: Pool2dShape, countIncludePad: Bool) {
        b.avgPool2d(x, out, shape: shape, countIncludePad: countIncludePad)
    }
    @inlinable public static func _avgPool2dBackward(_ b: any Backend, _ gradOutput: UnsafePointer<Float>,
                                                     _ gradInput: UnsafeMutablePointer<Float>, shape: Pool2dShape,
                                                     countIncludePad: Bool) {
        b.avgPool2dBackward(gradOutput, gradInput, shape: shape, countIncludePad: countIncludePad)
    }
}

extension Double {
    @inlinable public static func _conv2d(_ b: any Backend, _ input: UnsafePointer<Double>, _ weight: UnsafePointer<Double>,
                                          _ out: UnsafeMutablePointer<Double>, shape: Conv2dShape) {
        b.conv2d(input, weight, out, shape: shape)
    }
    @inlinable public static func _conv2dBackwardInput(_ b: any Backend, _ gradOutput: UnsafePointer<Double>,
                                                       _ weight: UnsafePointer<Double>, _ gradInput: UnsafeMutablePointer<Double>,
                                                       shape: Conv2dShape) {
        b.conv2dBackwardInput(gradOutput, weight, gradInput, shape: shape)
    }
    @inlinable public static func _conv2dBackwardWeight(_ b: any Backend, _ input: UnsafePointer<Double>,
                                                        _ gradOutput: UnsafePointer<Double>,
                                                        _ gradWeight: UnsafeMutablePointer<Double>, shape: Conv2dShape) {
        b.conv2dBackwardWeight(input, gradOutput, gradWeight, shape: shape)
    }
    @inlinable public static func _maxPool2d(_ b: any Backend, _ x: UnsafePointer<Double>, _ out: UnsafeMutablePointer<Double>,
                                             _ indices: UnsafeMutablePointer<Int>, shape: Pool2dShape) {
        b.maxPool2d(x, out, indices, shape: shape)
    }
    @inlinable public static func _maxPool2dBackward(_ b: any Backend, _ gradOutput: UnsafePointer<Double>,
                                                     _ indices: UnsafePointer<Int>, _ gradInput: UnsafeMutablePointer<Double>,
                                                     shape: Pool2dShape) {
        b.maxPool2dBackward(gradOutput, indices, gradInput, shape: shape)
    }
    @inlinable public static func _avgPool2d(_ b: any Backend, _ x: UnsafePointer<Double>, _ out: UnsafeMutablePointer<Double>,
                                             shape: Pool2dShape, countIncludePad: Bool) {
        b.avgPool2d(x, out, shape: shape, countIncludePad: countIncludePad)
    }
    @inlinable public static func _avgPool2dBackward(_ b: any Backend, _ gradOutput: UnsafePointer<Double>,
                                                     _ gradInput: UnsafeMutablePointer<Double>, shape: Pool2dShape,
                                                     countIncludePad: Bool) {
        b.avgPool2dBackward(gradOutput, gradInput, shape: shape, countIncludePad: countIncludePad)
    }
}

extension Backend {
    @inlinable public func conv2d<T: TensorScalar>(_ input: UnsafePointer<T>, _ weight: UnsafePointer<T>,
                                                    _ out: UnsafeMutablePointer<T>, shape: Conv2dShape) {
        T._conv2d(self, input, weight, out, shape: shape)
    }
    @inlinable public func conv2dBackwardInput<T: TensorScalar>(_ gradOutput: UnsafePointer<T>, _ weight: UnsafePointer<T>,
                                                                 _ gradInput: UnsafeMutablePointer<T>,
                                                                 shape: Conv2dShape) {
        T._conv2dBackwardInput(self, gradOutput, weight, gradInput, shape: shape)
    }
    @inlinable public func conv2dBackwardWeight<T: TensorScalar>(_ input: UnsafePointer<T>, _ gradOutput: UnsafePointer<T>,
                                                                  _ gradWeight: UnsafeMutablePointer<T>,
                                                                  shape: Conv2dShape) {
        T._conv2dBackwardWeight(self, input, gradOutput, gradWeight, shape: shape)
    }
    @inlinable public func maxPool2d<T: TensorScalar>(_ x: UnsafePointer<T>, _ out: UnsafeMutablePointer<T>,
                                                       _ indices: UnsafeMutablePointer<Int>, shape: Pool2dShape) {
        T._maxPool2d(self, x, out, indices, shape: shape)
    }
    @inlinable public func maxPool2dBackward<T: TensorScalar>(_ gradOutput: UnsafePointer<T>, _ indices: UnsafePointer<Int>,
                                                               _ gradInput: UnsafeMutablePointer<T>, shape: Pool2dShape) {
        T._maxPool2dBackward(self, gradOutput, indices, gradInput, shape: shape)
    }
    @inlinable public func avgPool2d<T: TensorScalar>(_ x: UnsafePointer<T>, _ out: UnsafeMutablePointer<T>,
                                                       shape: Pool2dShape, countIncludePad: Bool) {
        T._avgPool2d(self, x, out, shape: shape, countIncludePad: countIncludePad)
    }
    @inlinable public func avgPool2dBackward<T: TensorScalar>(_ gradOutput: UnsafePointer<T>,
                                                               _ gradInput: UnsafeMutablePointer<T>, shape: Pool2dShape,
                                                               countIncludePad: Bool) {
        T._avgPool2dBackward(self, gradOutput, gradInput, shape: shape, countIncludePad: countIncludePad)
    }
}
