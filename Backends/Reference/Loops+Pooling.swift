import EmberBackend

// The definitions of the pooling kernels: every tap of every window in row-major order, taps in the padding
// skipped (max) or counted as zeros (average with `countIncludePad`).
extension Loops {
    /// The input row or column of tap `k` of output `o` along one axis, or nil when it lies in the padding.
    @inline(__always)
    static func poolTap(_ o: Int, _ k: Int, stride: Int, pad: Int, dilation: Int, size: Int) -> Int? {
        let i = o * stride - pad + k * dilation
        return i >= 0 && i < size ? i : nil
    }

    static func maxPool2d<T: TensorScalar>(_ x: UnsafePointer<T>, _ out: UnsafeMutablePointer<T>,
                                           _ indices: UnsafeMutablePointer<Int>, _ s: Pool2dShape) {
        let ho = s.outputHeight, wo = s.outputWidth, size = s.inputHeight * s.inputWidth
        for p in 0..<s.planes {
            for oh in 0..<ho {
                for ow in 0..<wo {
                    var best = -T.infinity, bestIndex = -1
                    for kh in 0..<s.kernelHeight {
                        guard let h = poolTap(oh, kh, stride: s.strideHeight, pad: s.padHeight,
                                              dilation: s.dilationHeight, size: s.inputHeight) else { continue }
                        for kw in 0..<s.kernelWidth {
                            guard let w = poolTap(ow, kw, stride: s.strideWidth, pad: s.padWidth,
                                                  dilation: s.dilationWidth, size: s.inputWidth) else { continue }
                            let value = x[p * size + h * s.inputWidth + w]
                            // The first tap's position stands until a greater value or a NaN (the last NaN wins).
                            if bestIndex < 0 { bestIndex = h * s.inputWidth + w }
                            if value > best || value.isNaN {
                                best = value
                                bestIndex = h * s.inputWidth + w
                            }
                        }
                    }
                    out[(p * ho + oh) * wo + ow] = best
                    indices[(p * ho + oh) * wo + ow] = bestIndex
                }
            }
        }
    }

    static func maxPool2dBackward<T: TensorScalar>(_ gradOutput: UnsafePointer<T>, _ indices: UnsafePointer<Int>,
                                                   _ gradInput: UnsafeMutablePointer<T>, _ s: Pool2dShape) {
        fill(0, gradInput, s.inputCount)
        let outputs = s.outputHeight * s.outputWidth, size = s.inputHeight * s.inputWidth
        for p in 0..<s.planes {
            for o in 0..<outputs { gradInput[p * size + indices[p * outputs + o]] += gradOutput[p * outputs + o] }
        }
    }

    /// The divisor of average pooling's window at `(oh, ow)`: its taps inside the padded input
    /// (`countIncludePad`), or inside the input.
    static func avgDivisor(_ s: Pool2dShape, _ oh: Int, _ ow: Int, countIncludePad: Bool) -> Int {
        var count = 0
        for kh in 0..<s.kernelHeight {
            for kw in 0..<s.kernelWidth {
                let h = oh * s.strideHeight - s.padHeight + kh, w = ow * s.strideWidth - s.padWidth + kw
                let limitH = countIncludePad ? s.inputHeight + s.padHeight : s.inputHeight
                let limitW = countIncludePad ? s.inputWidth + s.padWidth : s.inputWidth
                let lowH = countIncludePad ? -s.padHeight : 0, lowW = countIncludePad ? -s.padWidth : 0
                if h >= lowH && h < limitH && w >= lowW && w < limitW { count += 1 }
            }
        }
        return count
    }

    static func avgPool2d<T: TensorScalar>(_ x: UnsafePointer<T>, _ out: UnsafeMutablePointer<T>, _ s: Pool2dShape,
                                           countIncludePad: Bool) {
        let ho = s.outputHeight, wo = s.outputWidth, size = s.inputHeight * s.inputWidth
        for p in 0..<s.planes {
            for oh in 0..<ho {
                for ow in 0..<wo {
                    var sum: T = 0, inside = 0
                    for kh in 0..<s.kernelHeight {
                        for kw in 0..<s.kernelWidth {
                            guard let h = poolTap(oh, kh, stride: s.strideHeight, pad: s.padHeight, dilation: 1,
                                                  size: s.inputHeight),
                                  let w = poolTap(ow, kw, stride: s.strideWidth, pad: s.padWidth, dilation: 1,
                                                  size: s.inputWidth) else { continue }
                            sum += x[p * size + h * s.inputWidth + w]
                            inside += 1
                        }
                    }
                    let divisor = avgDivisor(s, oh, ow, countIncludePad: countIncludePad)
                    out[(p * ho + oh) * wo + ow] = inside == 0 ? 0 : sum / T(divisor)
                }
            }
        }
    }

    static func avgPool2dBackward<T: TensorScalar>(_ gradOutput: UnsafePointer<T>, _ gradInput: UnsafeMutablePointer<T>,
                                                   _ s: Pool2dShape, countIncludePad: Bool) {
        fill(0, gradInput, s.inputCount)
        let ho = s.outputHeight, wo = s.outputWidth, size = s.inputHeight * s.inputWidth
        for p in 0..<s.planes {
            for oh in 0..<ho {
                for ow in 0..<wo {
                    let divisor = avgDivisor(s, oh, ow, countIncludePad: countIncludePad)
                    guard divisor > 0 else { continue }
                    let share = gradOutput[(p * ho + oh) * wo + ow] / T(divisor)
                    for kh in 0..<s.kernelHeight {
                        for kw in 0..<s.kernelWidth {
                            guard let h = poolTap(oh, kh, stride: s.strideHeight, pad: s.padHeight, dilation: 1,
                                                  size: s.inputHeight),
                                  let w = poolTap(ow, kw, stride: s.strideWidth, pad: s.padWidth, dilation: 1,
                                                  size: s.inputWidth) else { continue }
                            gradInput[p * size + h * s.inputWidth + w] += share
                        }
                    }
                }
            }
        }
    }
}
