// The scratch buffers and data movement of the default convolution kernels (`Backend+ConvolutionDefaults.swift`):
// a zero-padded copy of the input, the im2col matrix of a chunk of images, and channel-major copies of the output
// gradient, moved with the backend's own `copyStrided` and `addStrided`.

/// Scratch memory of one default convolution call, allocated once and freed by `deallocate()` before the call
/// returns (no pointer outlives it).
@usableFromInline
struct ConvolutionBuffers<T: TensorScalar> {
    /// Images per im2col matrix: all of them while the matrix stays within `columnBudget` elements.
    @usableFromInline let chunk: Int
    /// `[patchSize, chunk · Ho · Wo]`: row `(c, kh, kw)` holds that tap of every output pixel.
    @usableFromInline let columns: UnsafeMutablePointer<T>
    /// `chunk × C × (H + padding) × (W + padding)`, or nil when the convolution has no padding.
    @usableFromInline let padded: UnsafeMutablePointer<T>?
    /// `[Cout, chunk · Ho · Wo]` for output (or output gradient) rows, or nil when a chunk is one image.
    @usableFromInline let channelMajor: UnsafeMutablePointer<T>?
    /// One chunk's weight gradient, or nil when one chunk holds the whole batch.
    @usableFromInline let partial: UnsafeMutablePointer<T>?

    @inlinable
    init(_ s: Conv2dShape, columnBudget: Int, partialWeights: Bool = false) {
        let plane = s.outputHeight * s.outputWidth
        chunk = max(1, min(s.batch, columnBudget / max(1, s.patchSize * plane)))
        columns = .allocate(capacity: max(1, s.patchSize * chunk * plane))
        padded = s.isUnpadded ? nil : .allocate(capacity: chunk * s.inChannels * s.paddedHeight * s.paddedWidth)
        channelMajor = chunk > 1 ? .allocate(capacity: s.outChannels * chunk * plane) : nil
        partial = partialWeights && s.batch > chunk ? .allocate(capacity: s.weightCount) : nil
    }

    @inlinable
    func deallocate() {
        columns.deallocate()
        padded?.deallocate()
        channelMajor?.deallocate()
        partial?.deallocate()
    }
}

extension Backend {
    /// The `images` images at `input`, zero-padded into `buffer` (zeroed, then `addStrided` into the interior),
    /// or `input` itself when there is no padding (`buffer` is nil).
    @inlinable
    func conv2dPaddedInput<T: TensorScalar>(_ input: UnsafePointer<T>, _ images: Int, _ s: Conv2dShape,
                                            _ buffer: UnsafeMutablePointer<T>?) -> UnsafePointer<T> {
        guard let buffer else { return input }
        let paddedPlane = s.paddedHeight * s.paddedWidth
        buffer.update(repeating: 0, count: images * s.inChannels * paddedPlane)
        addStrided(input, buffer + s.padTop * s.paddedWidth + s.padLeft,
                   shape: [images * s.inChannels, s.inputHeight, s.inputWidth], strides: [paddedPlane, s.paddedWidth, 1])
        return UnsafePointer(buffer)
    }

    /// im2col of group `group` of `images` padded images: one `copyStrided` whose view is
    /// `[C/groups, kH, kW, images, Ho, Wo]` of the padded input.
    @inlinable
    func conv2dColumns<T: TensorScalar>(_ padded: UnsafePointer<T>, group: Int, images: Int, _ s: Conv2dShape,
                                        _ columns: UnsafeMutablePointer<T>) {
        let paddedPlane = s.paddedHeight * s.paddedWidth
        copyStrided(padded + group * s.inChannelsPerGroup * paddedPlane,
                    shape: [s.inChannelsPerGroup, s.kernelHeight, s.kernelWidth, images, s.outputHeight, s.outputWidth],
                    strides: [paddedPlane, s.dilationHeight * s.paddedWidth, s.dilationWidth, s.inChannels * paddedPlane,
                              s.strideHeight * s.paddedWidth, s.strideWidth],
                    columns)
    }

    /// col2im of group `group`: adds each row `(c, kh, kw)` of `columns` to the padded images it was read from, one
    /// `addStrided` per row (within a row the positions are distinct, as `addStrided` requires).
    @inlinable
    func conv2dAddColumns<T: TensorScalar>(_ columns: UnsafePointer<T>, group: Int, images: Int, _ s: Conv2dShape,
                                           _ padded: UnsafeMutablePointer<T>) {
        let paddedPlane = s.paddedHeight * s.paddedWidth, rowLength = images * s.outputHeight * s.outputWidth
        var row = 0
        for c in 0..<s.inChannelsPerGroup {
            for kh in 0..<s.kernelHeight {
                for kw in 0..<s.kernelWidth {
                    let origin = (group * s.inChannelsPerGroup + c) * paddedPlane
                        + kh * s.dilationHeight * s.paddedWidth + kw * s.dilationWidth
                    addStrided(columns + row * rowLength, padded + origin,
                               shape: [images, s.outputHeight, s.outputWidth],
                               strides: [s.inChannels * paddedPlane, s.strideHeight * s.paddedWidth, s.strideWidth])
                    row += 1
                }
            }
        }
    }

    /// The `images × Cout × Ho × Wo` gradient at `gradOutput` as `[Cout, images · Ho · Wo]` (a `copyStrided` into
    /// `buffer`), or `gradOutput` itself for one image.
    @inlinable
    func conv2dChannelMajor<T: TensorScalar>(_ gradOutput: UnsafePointer<T>, _ images: Int, _ s: Conv2dShape,
                                             _ buffer: UnsafeMutablePointer<T>?) -> UnsafePointer<T> {
        guard images > 1, let buffer else { return gradOutput }
        let plane = s.outputHeight * s.outputWidth
        copyStrided(gradOutput, shape: [s.outChannels, images, plane], strides: [plane, s.outChannels * plane, 1], buffer)
        return UnsafePointer(buffer)
    }
}
