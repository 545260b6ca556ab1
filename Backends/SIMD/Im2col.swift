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
                    if isShift(s) {
                        lowerShifted(plane, kh: kh, valid: valid, firstColumn: firstColumn, s, into: row)
                        row += ho * wo
                        continue
                    }
                    for oh in 0..<ho {
                        let ih = oh * s.strideHeight - s.padTop + kh * s.dilationHeight
                        // Plain loops: the runs are a few to a few dozen elements, too short for memcpy/memset calls.
                        let out = row + oh * wo
                        guard ih >= 0 && ih < h else {
                            for j in 0..<wo { out[j] = 0 }
                            continue
                        }
                        for j in 0..<valid.lowerBound { out[j] = 0 }
                        let source = plane + ih * w + firstColumn, target = out + valid.lowerBound
                        if s.strideWidth == 1 {
                            for j in 0..<valid.count { target[j] = source[j] }
                        } else {
                            for j in 0..<valid.count { target[j] = source[j * s.strideWidth] }
                        }
                        for j in valid.upperBound..<wo { out[j] = 0 }
                    }
                    row += ho * wo
                }
            }
        }
    }

    /// Adds the im2col-shaped `columns` of group `group` back into the image gradient at `image` (`C × H × W`): the
    /// reverse of `lower`, each element to the input position it was read from (col2im). The entries of `columns`
    /// for taps in the padding may be zeroed on the way (it is scratch).
    static func accumulate<T: SIMDScalar>(_ columns: UnsafeMutablePointer<T>, group: Int, _ s: Conv2dShape,
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
                    if isShift(s) {
                        accumulateShifted(row, kh: kh, valid: valid, firstColumn: firstColumn, s, into: plane)
                        row += ho * wo
                        continue
                    }
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

    /// True when each im2col row is its input plane shifted (stride 1, output as wide as the input: "same"
    /// padding): the rows inside the input are then one contiguous run of the plane, copied at once.
    @inline(__always)
    static func isShift(_ s: Conv2dShape) -> Bool {
        s.strideHeight == 1 && s.strideWidth == 1 && s.outputWidth == s.inputWidth
    }

    /// The output rows whose tap `kh` lands inside the input (stride 1).
    @inline(__always)
    static func validRows(_ kh: Int, _ s: Conv2dShape) -> Range<Int> {
        let offset = kh * s.dilationHeight - s.padTop
        let low = Swift.min(s.outputHeight, Swift.max(0, -offset))
        return low..<Swift.max(low, Swift.min(s.outputHeight, s.inputHeight - offset))
    }

    /// One im2col row of a shift (`isShift`): zero rows in the padding, one copy from the first valid element to
    /// the last (reading only inside the plane), then zeros over the columns in the padding, which the copy filled
    /// with neighbouring rows' elements.
    @inline(__always)
    static func lowerShifted<T: SIMDScalar>(_ plane: UnsafePointer<T>, kh: Int, valid: Range<Int>, firstColumn: Int,
                                            _ s: Conv2dShape, into row: UnsafeMutablePointer<T>) {
        let wo = s.outputWidth, rows = validRows(kh, s)
        guard !rows.isEmpty && !valid.isEmpty else { return row.update(repeating: 0, count: s.outputHeight * wo) }
        row.update(repeating: 0, count: rows.lowerBound * wo + valid.lowerBound)
        let start = rows.lowerBound * wo + valid.lowerBound, end = (rows.upperBound - 1) * wo + valid.upperBound
        let source = plane + (rows.lowerBound + kh * s.dilationHeight - s.padTop) * s.inputWidth + firstColumn
        (row + start).update(from: source, count: end - start)
        (row + end).update(repeating: 0, count: s.outputHeight * wo - end)
        for oh in rows {
            let out = row + oh * wo
            for j in 0..<valid.lowerBound { out[j] = 0 }
            for j in valid.upperBound..<wo { out[j] = 0 }
        }
    }

    /// The reverse of `lowerShifted`: zeros the row's entries for the padding (scratch), then adds the run from the
    /// first valid element to the last into the plane at once.
    @inline(__always)
    static func accumulateShifted<T: SIMDScalar>(_ row: UnsafeMutablePointer<T>, kh: Int, valid: Range<Int>,
                                                 firstColumn: Int, _ s: Conv2dShape,
                                                 into plane: UnsafeMutablePointer<T>) {
        let wo = s.outputWidth, rows = validRows(kh, s)
        guard !rows.isEmpty && !valid.isEmpty else { return }
        for oh in rows {
            let out = row + oh * wo
            for j in 0..<valid.lowerBound { out[j] = 0 }
            for j in valid.upperBound..<wo { out[j] = 0 }
        }
        let start = rows.lowerBound * wo + valid.lowerBound, end = (rows.upperBound - 1) * wo + valid.upperBound
        let target = plane + (rows.lowerBound + kh * s.dilationHeight - s.padTop) * s.inputWidth + firstColumn
        IndexKernels.addRow(row + start, target, end - start)
    }

    /// True when the image itself is its im2col matrix: a 1×1 kernel, stride 1, no padding.
    static func isIdentity(_ s: Conv2dShape) -> Bool {
        s.kernelHeight == 1 && s.kernelWidth == 1 && s.strideHeight == 1 && s.strideWidth == 1 && s.isUnpadded
    }
}
