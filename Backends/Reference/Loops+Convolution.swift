import EmberBackend

// The definitions of the convolution kernels: direct loops over every output pixel and kernel tap, a tap in the
// padding contributing nothing, sums in the order of (input channel, kernel row, kernel column).
extension Loops {
    /// The input position tap `(kh, kw)` of output pixel `(oh, ow)` reads, or nil when it lies in the padding.
    @inline(__always)
    static func convTap(_ s: Conv2dShape, _ oh: Int, _ ow: Int, _ kh: Int, _ kw: Int) -> Int? {
        let h = oh * s.strideHeight - s.padTop + kh * s.dilationHeight
        let w = ow * s.strideWidth - s.padLeft + kw * s.dilationWidth
        guard h >= 0, h < s.inputHeight, w >= 0, w < s.inputWidth else { return nil }
        return h * s.inputWidth + w
    }

    static func conv2d<T: TensorScalar>(_ input: UnsafePointer<T>, _ weight: UnsafePointer<T>,
                                        _ out: UnsafeMutablePointer<T>, _ s: Conv2dShape) {
        let ho = s.outputHeight, wo = s.outputWidth, size = s.inputHeight * s.inputWidth
        let cg = s.inChannelsPerGroup, kernel = s.kernelHeight * s.kernelWidth
        for n in 0..<s.batch {
            for co in 0..<s.outChannels {
                let group = co / s.outChannelsPerGroup
                for oh in 0..<ho {
                    for ow in 0..<wo {
                        var sum: T = 0
                        for ci in 0..<cg {
                            let plane = input + (n * s.inChannels + group * cg + ci) * size
                            let taps = weight + (co * cg + ci) * kernel
                            for kh in 0..<s.kernelHeight {
                                for kw in 0..<s.kernelWidth {
                                    guard let at = convTap(s, oh, ow, kh, kw) else { continue }
                                    sum += plane[at] * taps[kh * s.kernelWidth + kw]
                                }
                            }
                        }
                        out[((n * s.outChannels + co) * ho + oh) * wo + ow] = sum
                    }
                }
            }
        }
    }

    static func conv2dBackwardInput<T: TensorScalar>(_ gradOutput: UnsafePointer<T>, _ weight: UnsafePointer<T>,
                                                     _ gradInput: UnsafeMutablePointer<T>, _ s: Conv2dShape) {
        fill(0, gradInput, s.inputCount)
        let ho = s.outputHeight, wo = s.outputWidth, size = s.inputHeight * s.inputWidth
        let cg = s.inChannelsPerGroup, kernel = s.kernelHeight * s.kernelWidth
        for n in 0..<s.batch {
            for co in 0..<s.outChannels {
                let group = co / s.outChannelsPerGroup
                for oh in 0..<ho {
                    for ow in 0..<wo {
                        let g = gradOutput[((n * s.outChannels + co) * ho + oh) * wo + ow]
                        for ci in 0..<cg {
                            let plane = gradInput + (n * s.inChannels + group * cg + ci) * size
                            let taps = weight + (co * cg + ci) * kernel
                            for kh in 0..<s.kernelHeight {
                                for kw in 0..<s.kernelWidth {
                                    guard let at = convTap(s, oh, ow, kh, kw) else { continue }
                                    plane[at] += g * taps[kh * s.kernelWidth + kw]
                                }
                            }
                        }
                    }
                }
            }
        }
    }

    static func conv2dBackwardWeight<T: TensorScalar>(_ input: UnsafePointer<T>, _ gradOutput: UnsafePointer<T>,
                                                      _ gradWeight: UnsafeMutablePointer<T>, _ s: Conv2dShape) {
        let ho = s.outputHeight, wo = s.outputWidth, size = s.inputHeight * s.inputWidth
        let cg = s.inChannelsPerGroup
        for co in 0..<s.outChannels {
            let group = co / s.outChannelsPerGroup
            for ci in 0..<cg {
                for kh in 0..<s.kernelHeight {
                    for kw in 0..<s.kernelWidth {
                        var sum: T = 0
                        for n in 0..<s.batch {
                            let plane = input + (n * s.inChannels + group * cg + ci) * size
                            let grads = gradOutput + (n * s.outChannels + co) * ho * wo
                            for oh in 0..<ho {
                                for ow in 0..<wo {
                                    guard let at = convTap(s, oh, ow, kh, kw) else { continue }
                                    sum += plane[at] * grads[oh * wo + ow]
                                }
                            }
                        }
                        gradWeight[((co * cg + ci) * s.kernelHeight + kh) * s.kernelWidth + kw] = sum
                    }
                }
            }
        }
    }
}
