import EmberBackend

/// The im2col matrix of one image and its reverse, the data movement of the convolution kernels.
///
/// Row `(c, kh, kw)` of the matrix (`patchSize = C/groups · kH · kW` rows of `Ho·Wo`) holds, for every output pixel,
/// the input element kernel tap `(kh, kw)` of channel `c` reads, or 0 in the padding. Each row is written as one run
/// per output row: zeros for the columns in the left and right padding (computed once per tap) and a contiguous
/// copy (stride 1) or a strided gather in between.
enum Im2col {
    /// The output columns `ow` whose tap `k` of kernel dilation `dilation` lands inside an input row of `size`.
    @inline(__always)
    static func validColumns(_ k: Int, size: Int, outputs: Int, stride: Int, pad: Int, dilation: Int) -> Range<Int> {
        let offset = k * dilation - pad   // input column of output 0
        let low = offset >= 0 ? 0 : Swift.min(outputs, (-offset + stride - 1) / stride)
        let last = size - 1 - offset      // ow · stride ≤ last
        let high = last < 0 ? 0 : Swift.min(outputs, last / stride + 1)
        return low..<Swift.max(low, high)
    }

    /// Writes the im2col matrix of channels `group·C/groups ..< (group + 1)·C/groups` of the image at `image`
    /// (`C × H × W`) into `columns`.
    static func lower<T: SIMDScalar>(_ image: UnsafePointer<T>, group: Int, _ s: Conv2dShape,
                                     into columns: UnsafeMutablePointer<T>) {
        let (ho, wo) = (s.outputHeight, s.outputWidth), (h, w) = (s.inputHeight, s.inputWidth)
        var row = columns
        for c in 0..<s.inChannelsPerGroup {
            let plane = image + (group * s.inChannelsPerGroup + c) * h * w
            for kh in 0..<s.kernelHeight {
                for kw in 0..<s.kernelWidth {
                    let valid = validColumns(kw, size: w, outputs: wo, stride: s.strideWidth, pad: s.padLeft,
                                             dilation: s.dilationWidth)
                    let firstColumn = valid.lowerBound * s.strideWidth - s.padLeft + kw * s.dilationWidth
                    for oh in 0..<ho {
                        let ih = oh * s.strideHeight - s.padTop + kh * s.dilationHeight
                        let out = row + oh * wo
                        guard ih >= 0 && ih < h else {
                            out.update(repeating: 0, count: wo)
                            continue
                        }
                        out.update(repeating: 0, count: valid.lowerBound)
                        let source = plane + ih * w + firstColumn
                        if s.strideWidth == 1 {
                            (out + valid.lowerBound).update(from: source, count: valid.count)
                        } else {
                            for j in 0..<valid.count { out[valid.lowerBound + j] = source[j * s.strideWidth] }
                        }
                        (out + valid.upperBound).update(repeating: 0, count: wo - valid.upperBound)
                    }
                    row += ho * wo
                }
            }
        }
    }

    /// Adds the im2col-shaped `columns` of group `group` back into the image gradient at `image` (`C × H × W`): the
    /// reverse of `lower`, each element to the input position it was read from (col2im).
    static func accumulate<T: SIMDScalar>(_ columns: UnsafePointer<T>, group: Int, _ s: Conv2dShape,
                                          into image: UnsafeMutablePointer<T>) {
        let (ho, wo) = (s.outputHeight, s.outputWidth), (h, w) = (s.inputHeight, s.inputWidth)
        var row = columns
        for c in 0..<s.inChannelsPerGroup {
            let plane = image + (group * s.inChannelsPerGroup + c) * h * w
            for kh in 0..<s.kernelHeight {
                for kw in 0..<s.kernelWidth {
                    let valid = validColumns(kw, size: w, outputs: wo, stride: s.strideWidth, pad: s.padLeft,
                                             dilation: s.dilationWidth)
                    let firstColumn = valid.lowerBound * s.strideWidth - s.padLeft + kw * s.dilationWidth
                    for oh in 0..<ho {
                        let ih = oh * s.strideHeight - s.padTop + kh * s.dilationHeight
                        guard ih >= 0 && ih < h else { continue }
                        let source = row + oh * wo + valid.lowerBound, target = plane + ih * w + firstColumn
                        if s.strideWidth == 1 {
                            IndexKernels.addRow(source, target, valid.count)
                        } else {
                            for j in 0..<valid.count { target[j * s.strideWidth] += source[j] }
                        }
                    }
                    row += ho * wo
                }
            }
        }
    }

    /// True when the image itself is its im2col matrix: a 1×1 kernel, stride 1, no padding.
    static func isIdentity(_ s: Conv2dShape) -> Bool {
        s.kernelHeight == 1 && s.kernelWidth == 1 && s.strideHeight == 1 && s.strideWidth == 1 && s.isUnpadded
    }
}
