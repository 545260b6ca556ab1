import EmberBackend

// The recording functions of the convolution and pooling kernels (see `TraceRecorder+Kernels.swift`).
extension TraceRecorder {
    func conv2d<S: TensorScalar>(_ input: UnsafePointer<S>, _ weight: UnsafePointer<S>, _ out: UnsafeMutablePointer<S>,
                                 shape: Conv2dShape) {
        guard let i = ref(input, "conv2d"), let w = ref(weight, "conv2d"), let o = ref(out, "conv2d") else { return }
        append("conv2d", reads: [i, w], writes: [o]) { bases, b in
            S._conv2d(b, i.pointer(bases, as: S.self), w.pointer(bases, as: S.self), o.pointer(bases, as: S.self), shape: shape)
        }
    }

    func conv2dBackwardInput<S: TensorScalar>(_ gradOutput: UnsafePointer<S>, _ weight: UnsafePointer<S>,
                                              _ gradInput: UnsafeMutablePointer<S>, shape: Conv2dShape) {
        guard let g = ref(gradOutput, "conv2dBackwardInput"), let w = ref(weight, "conv2dBackwardInput"),
              let o = ref(gradInput, "conv2dBackwardInput") else { return }
        append("conv2dBackwardInput", reads: [g, w], writes: [o]) { bases, b in
            S._conv2dBackwardInput(b, g.pointer(bases, as: S.self), w.pointer(bases, as: S.self),
                                   o.pointer(bases, as: S.self), shape: shape)
        }
    }

    func conv2dBackwardWeight<S: TensorScalar>(_ input: UnsafePointer<S>, _ gradOutput: UnsafePointer<S>,
                                               _ gradWeight: UnsafeMutablePointer<S>, shape: Conv2dShape) {
        guard let i = ref(input, "conv2dBackwardWeight"), let g = ref(gradOutput, "conv2dBackwardWeight"),
              let o = ref(gradWeight, "conv2dBackwardWeight") else { return }
        append("conv2dBackwardWeight", reads: [i, g], writes: [o]) { bases, b in
            S._conv2dBackwardWeight(b, i.pointer(bases, as: S.self), g.pointer(bases, as: S.self),
                                    o.pointer(bases, as: S.self), shape: shape)
        }
    }

    func maxPool2d<S: TensorScalar>(_ x: UnsafePointer<S>, _ out: UnsafeMutablePointer<S>,
                                    _ indices: UnsafeMutablePointer<Int>, shape: Pool2dShape) {
        guard let i = ref(x, "maxPool2d"), let o = ref(out, "maxPool2d"), let k = ref(indices, "maxPool2d") else { return }
        append("maxPool2d", reads: [i], writes: [o, k]) { bases, b in
            S._maxPool2d(b, i.pointer(bases, as: S.self), o.pointer(bases, as: S.self), k.pointer(bases, as: Int.self),
                         shape: shape)
        }
    }

    func maxPool2dBackward<S: TensorScalar>(_ gradOutput: UnsafePointer<S>, _ indices: UnsafePointer<Int>,
                                            _ gradInput: UnsafeMutablePointer<S>, shape: Pool2dShape) {
        guard let g = ref(gradOutput, "maxPool2dBackward"), let k = ref(indices, "maxPool2dBackward"),
              let o = ref(gradInput, "maxPool2dBackward") else { return }
        append("maxPool2dBackward", reads: [g, k], writes: [o]) { bases, b in
            S._maxPool2dBackward(b, g.pointer(bases, as: S.self), k.pointer(bases, as: Int.self),
                                 o.pointer(bases, as: S.self), shape: shape)
        }
    }

    func avgPool2d<S: TensorScalar>(_ x: UnsafePointer<S>, _ out: UnsafeMutablePointer<S>, shape: Pool2dShape,
                                    countIncludePad: Bool) {
        guard let i = ref(x, "avgPool2d"), let o = ref(out, "avgPool2d") else { return }
        append("avgPool2d", reads: [i], writes: [o]) { bases, b in
            S._avgPool2d(b, i.pointer(bases, as: S.self), o.pointer(bases, as: S.self), shape: shape,
                         countIncludePad: countIncludePad)
        }
    }

    func avgPool2dBackward<S: TensorScalar>(_ gradOutput: UnsafePointer<S>, _ gradInput: UnsafeMutablePointer<S>,
                                            shape: Pool2dShape, countIncludePad: Bool) {
        guard let g = ref(gradOutput, "avgPool2dBackward"), let o = ref(gradInput, "avgPool2dBackward") else { return }
        append("avgPool2dBackward", reads: [g], writes: [o]) { bases, b in
            S._avgPool2dBackward(b, g.pointer(bases, as: S.self), o.pointer(bases, as: S.self), shape: shape,
                                 countIncludePad: countIncludePad)
        }
    }
}
