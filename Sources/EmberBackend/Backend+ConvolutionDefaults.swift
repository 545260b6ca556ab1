// Defaults of the convolution kernels, built from older kernels so that a backend written before them keeps
// compiling and passing, and runs them about as fast as its `matmul`: im2col through `copyStrided`'s strides (on a
// zero-padded copy made with `addStrided` when there is padding), one `matmul` per group with the batch folded into
// the product's `n`, and col2im through `addStrided`. Zeroing is a plain memory fill rather than the backend's
// `fill`: a kernel that wrote past the end of a private scratch buffer would corrupt the heap unseen, where past an
// output it is caught by the conformance kit. The reference backend's direct loops
// (`Backends/Reference/Loops+Convolution.swift`) are the definition.

extension Backend {
    public func conv2d(_ input: UnsafePointer<Float>, _ weight: UnsafePointer<Float>, _ out: UnsafeMutablePointer<Float>,
                       shape: Conv2dShape) {
        defaultConv2d(input, weight, out, shape: shape)
    }
    public func conv2d(_ input: UnsafePointer<Double>, _ weight: UnsafePointer<Double>,
                       _ out: UnsafeMutablePointer<Double>, shape: Conv2dShape) {
        defaultConv2d(input, weight, out, shape: shape)
    }
    public func conv2dBackwardInput(_ gradOutput: UnsafePointer<Float>, _ weight: UnsafePointer<Float>,
                                    _ gradInput: UnsafeMutablePointer<Float>, shape: Conv2dShape) {
        defaultConv2dBackwardInput(gradOutput, weight, gradInput, shape: shape)
    }
    public func conv2dBackwardInput(_ gradOutput: UnsafePointer<Double>, _ weight: UnsafePointer<Double>,
                                    _ gradInput: UnsafeMutablePointer<Double>, shape: Conv2dShape) {
        defaultConv2dBackwardInput(gradOutput, weight, gradInput, shape: shape)
    }
    public func conv2dBackwardWeight(_ input: UnsafePointer<Float>, _ gradOutput: UnsafePointer<Float>,
                                     _ gradWeight: UnsafeMutablePointer<Float>, shape: Conv2dShape) {
        defaultConv2dBackwardWeight(input, gradOutput, gradWeight, shape: shape)
    }
    public func conv2dBackwardWeight(_ input: UnsafePointer<Double>, _ gradOutput: UnsafePointer<Double>,
                                     _ gradWeight: UnsafeMutablePointer<Double>, shape: Conv2dShape) {
        defaultConv2dBackwardWeight(input, gradOutput, gradWeight, shape: shape)
    }
}

extension Conv2dShape {
    /// The most elements the default convolution kernels' im2col matrix holds (16 MiB of `Float`): larger batches
    /// are lowered in chunks of images (one image at least).
    public static let defaultColumnBudget = 1 << 22
}

extension Backend {
    /// `conv2d` as im2col (`copyStrided`) and one `matmul` per group: `out_g [Cout/groups, nb·Ho·Wo] =
    /// weight_g [Cout/groups, patchSize] · columns [patchSize, nb·Ho·Wo]` for chunks of `nb` images, then a
    /// `copyStrided` from channel-major back to `N×Cout×Ho×Wo`. `columnBudget` bounds the im2col matrix's elements.
    @inlinable
    public func defaultConv2d<T: TensorScalar>(_ input: UnsafePointer<T>, _ weight: UnsafePointer<T>,
                                               _ out: UnsafeMutablePointer<T>, shape s: Conv2dShape,
                                               columnBudget: Int = Conv2dShape.defaultColumnBudget) {
        guard s.outputCount > 0 else { return }
        guard s.patchSize > 0 else { return out.update(repeating: 0, count: s.outputCount) }
        let plane = s.outputHeight * s.outputWidth, perGroup = s.outChannelsPerGroup
        let buffers = ConvolutionBuffers<T>(s, columnBudget: columnBudget)
        defer { buffers.deallocate() }
        for first in stride(from: 0, to: s.batch, by: buffers.chunk) {
            let images = min(buffers.chunk, s.batch - first)
            let source = conv2dPaddedInput(input + first * s.inChannels * s.inputHeight * s.inputWidth, images, s,
                                           buffers.padded)
            let target = images == 1 ? out + first * s.outChannels * plane : buffers.channelMajor!
            for g in 0..<s.groups {
                conv2dColumns(source, group: g, images: images, s, buffers.columns)
                matmul(weight + g * perGroup * s.patchSize, buffers.columns, target + g * perGroup * images * plane,
                       shape: MatmulShape(m: perGroup, n: images * plane, k: s.patchSize))
            }
            if images > 1 {
                copyStrided(target, shape: [images, s.outChannels, plane], strides: [plane, images * plane, 1],
                            out + first * s.outChannels * plane)
            }
        }
    }

    /// `conv2dBackwardInput` as one `matmul` per group with the transposed weight (`columns = weight_gᵀ ·
    /// gradOutput_g`), col2im by one `addStrided` per column row into a zeroed (padded) buffer, then a crop.
    @inlinable
    public func defaultConv2dBackwardInput<T: TensorScalar>(_ gradOutput: UnsafePointer<T>, _ weight: UnsafePointer<T>,
                                                            _ gradInput: UnsafeMutablePointer<T>, shape s: Conv2dShape,
                                                            columnBudget: Int = Conv2dShape.defaultColumnBudget) {
        guard s.inputCount > 0 else { return }
        let plane = s.outputHeight * s.outputWidth, perGroup = s.outChannelsPerGroup
        guard s.outChannels > 0 && plane > 0 else { return gradInput.update(repeating: 0, count: s.inputCount) }
        let buffers = ConvolutionBuffers<T>(s, columnBudget: columnBudget)
        defer { buffers.deallocate() }
        let imageSize = s.inChannels * s.inputHeight * s.inputWidth
        let paddedPlane = s.paddedHeight * s.paddedWidth
        for first in stride(from: 0, to: s.batch, by: buffers.chunk) {
            let images = min(buffers.chunk, s.batch - first)
            let grads = conv2dChannelMajor(gradOutput + first * s.outChannels * plane, images, s, buffers.channelMajor)
            let target = buffers.padded ?? gradInput + first * imageSize
            target.update(repeating: 0, count: images * s.inChannels * paddedPlane)
            for g in 0..<s.groups {
                matmul(weight + g * perGroup * s.patchSize, grads + g * perGroup * images * plane, buffers.columns,
                       shape: MatmulShape(m: s.patchSize, n: images * plane, k: perGroup, transposeA: true))
                conv2dAddColumns(buffers.columns, group: g, images: images, s, target)
            }
            if let padded = buffers.padded {
                copyStrided(padded + s.padTop * s.paddedWidth + s.padLeft,
                            shape: [images * s.inChannels, s.inputHeight, s.inputWidth],
                            strides: [paddedPlane, s.paddedWidth, 1], gradInput + first * imageSize)
            }
        }
    }

    /// `conv2dBackwardWeight` as one `matmul` per group against the im2col matrix (`gradWeight_g = gradOutput_g ·
    /// columnsᵀ`), summed over chunks of images with `axpy`.
    @inlinable
    public func defaultConv2dBackwardWeight<T: TensorScalar>(_ input: UnsafePointer<T>, _ gradOutput: UnsafePointer<T>,
                                                             _ gradWeight: UnsafeMutablePointer<T>,
                                                             shape s: Conv2dShape,
                                                             columnBudget: Int = Conv2dShape.defaultColumnBudget) {
        guard s.weightCount > 0 else { return }
        let plane = s.outputHeight * s.outputWidth, perGroup = s.outChannelsPerGroup
        guard s.batch > 0 && plane > 0 else { return gradWeight.update(repeating: 0, count: s.weightCount) }
        let buffers = ConvolutionBuffers<T>(s, columnBudget: columnBudget, partialWeights: true)
        defer { buffers.deallocate() }
        for first in stride(from: 0, to: s.batch, by: buffers.chunk) {
            let images = min(buffers.chunk, s.batch - first)
            let source = conv2dPaddedInput(input + first * s.inChannels * s.inputHeight * s.inputWidth, images, s,
                                           buffers.padded)
            let grads = conv2dChannelMajor(gradOutput + first * s.outChannels * plane, images, s, buffers.channelMajor)
            let target = first == 0 ? gradWeight : buffers.partial!
            for g in 0..<s.groups {
                conv2dColumns(source, group: g, images: images, s, buffers.columns)
                matmul(grads + g * perGroup * images * plane, buffers.columns, target + g * perGroup * s.patchSize,
                       shape: MatmulShape(m: perGroup, n: s.patchSize, k: images * plane, transposeB: true))
            }
            if first > 0 { axpy(1, buffers.partial!, gradWeight, count: s.weightCount) }
        }
    }
}
