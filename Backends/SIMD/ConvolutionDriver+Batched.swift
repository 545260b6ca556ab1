import EmberBackend

/// The convolution kernels with the batch folded into the products (the `cblas` backend): images side by side in
/// one im2col matrix `[patchSize, images·Ho·Wo]` per group, so each group of a chunk of images is one large `?gemm`
/// that OpenBLAS threads well, rather than one small product per image. The output (or output gradient) is moved
/// between `N×Cout×Ho×Wo` and channel-major `[Cout, images·Ho·Wo]` around it. The data movement runs on the calling
/// thread: OpenBLAS's threads keep spinning for a while after each product, and Ember's threads started between
/// two products would fight them for the cores (on 2 cores that made the first convolution 20 times slower).
extension ConvolutionDriver {
    /// Images per chunk: the im2col matrix stays within 2²¹ elements (8 MiB of `Float`).
    static func batchChunk(_ s: Conv2dShape) -> Int {
        Swift.max(1, Swift.min(s.batch, (1 << 21) / Swift.max(1, s.patchSize * s.outputHeight * s.outputWidth)))
    }

    /// Copies rows of `plane` elements from image-major `[images, channels, plane]` to channel-major
    /// `[channels, images, plane]` (`toChannelMajor`), or back.
    static func permuteBatch<T: SIMDScalar>(_ source: UnsafePointer<T>, _ target: UnsafeMutablePointer<T>,
                                            images: Int, channels: Int, plane: Int, toChannelMajor: Bool) {
        for i in 0..<images {
            for c in 0..<channels {
                let imageMajor = (i * channels + c) * plane, channelMajor = (c * images + i) * plane
                (target + (toChannelMajor ? channelMajor : imageMajor))
                    .update(from: source + (toChannelMajor ? imageMajor : channelMajor), count: plane)
            }
        }
    }

    static func batchedForward<T: SIMDScalar>(_ input: UnsafePointer<T>, _ weight: UnsafePointer<T>,
                                              _ out: UnsafeMutablePointer<T>, _ s: Conv2dShape, product: Product<T>) {
        let plane = s.outputHeight * s.outputWidth, perGroup = s.outChannelsPerGroup, k = s.patchSize
        let imageSize = s.inChannels * s.inputHeight * s.inputWidth, chunk = batchChunk(s)
        let columns = UnsafeMutablePointer<T>.allocate(capacity: k * chunk * plane)
        let result = UnsafeMutablePointer<T>.allocate(capacity: s.outChannels * chunk * plane)
        defer { columns.deallocate(); result.deallocate() }
        for first in stride(from: 0, to: s.batch, by: chunk) {
            let images = Swift.min(chunk, s.batch - first), width = images * plane
            for g in 0..<s.groups {
                for i in 0..<images {
                    Im2col.lower(input + (first + i) * imageSize, group: g, s, into: columns + i * plane,
                                 rowStride: width)
                }
                product(weight + g * perGroup * k, columns, result + g * perGroup * width,
                        MatmulShape(m: perGroup, n: width, k: k), false, Threads.count)
            }
            permuteBatch(result, out + first * s.outChannels * plane, images: images, channels: s.outChannels,
                         plane: plane, toChannelMajor: false)
        }
    }

    static func batchedBackwardInput<T: SIMDScalar>(_ gradOutput: UnsafePointer<T>, _ weight: UnsafePointer<T>,
                                                    _ gradInput: UnsafeMutablePointer<T>, _ s: Conv2dShape,
                                                    product: Product<T>) {
        let plane = s.outputHeight * s.outputWidth, perGroup = s.outChannelsPerGroup, k = s.patchSize
        let imageSize = s.inChannels * s.inputHeight * s.inputWidth, chunk = batchChunk(s)
        let columns = UnsafeMutablePointer<T>.allocate(capacity: k * chunk * plane)
        let grads = UnsafeMutablePointer<T>.allocate(capacity: s.outChannels * chunk * plane)
        defer { columns.deallocate(); grads.deallocate() }
        gradInput.update(repeating: 0, count: s.inputCount)
        for first in stride(from: 0, to: s.batch, by: chunk) {
            let images = Swift.min(chunk, s.batch - first), width = images * plane
            permuteBatch(gradOutput + first * s.outChannels * plane, grads, images: images, channels: s.outChannels,
                         plane: plane, toChannelMajor: true)
            for g in 0..<s.groups {
                product(weight + g * perGroup * k, grads + g * perGroup * width, columns,
                        MatmulShape(m: k, n: width, k: perGroup, transposeA: true), false, Threads.count)
                for i in 0..<images {
                    Im2col.accumulate(columns + i * plane, group: g, s, into: gradInput + (first + i) * imageSize,
                                      rowStride: width)
                }
            }
        }
    }

    /// The weight gradient transposed into `sums` (`[patchSize, Cout/groups]` per group), summed over chunks.
    static func batchedBackwardWeight<T: SIMDScalar>(_ input: UnsafePointer<T>, _ gradOutput: UnsafePointer<T>,
                                                     _ sums: UnsafeMutablePointer<T>, _ s: Conv2dShape,
                                                     product: Product<T>) {
        let plane = s.outputHeight * s.outputWidth, perGroup = s.outChannelsPerGroup, k = s.patchSize
        let imageSize = s.inChannels * s.inputHeight * s.inputWidth, chunk = batchChunk(s)
        let columns = UnsafeMutablePointer<T>.allocate(capacity: k * chunk * plane)
        let grads = UnsafeMutablePointer<T>.allocate(capacity: s.outChannels * chunk * plane)
        defer { columns.deallocate(); grads.deallocate() }
        for first in stride(from: 0, to: s.batch, by: chunk) {
            let images = Swift.min(chunk, s.batch - first), width = images * plane
            permuteBatch(gradOutput + first * s.outChannels * plane, grads, images: images, channels: s.outChannels,
                         plane: plane, toChannelMajor: true)
            for g in 0..<s.groups {
                for i in 0..<images {
                    Im2col.lower(input + (first + i) * imageSize, group: g, s, into: columns + i * plane,
                                 rowStride: width)
                }
                product(columns, grads + g * perGroup * width, sums + g * perGroup * k,
                        MatmulShape(m: k, n: perGroup, k: width, transposeB: true), first > 0, Threads.count)
            }
        }
    }
}
