import EmberBackend

/// The convolution kernels of the `simd` and `cblas` backends, written once over the backend's matrix product: one
/// image at a time, im2col into a buffer reused across the images of a thread (none for a 1×1 kernel with stride 1
/// and no padding, whose image is its own im2col matrix), then one product per group straight into the output, so
/// no permute of the batch is needed.
///
/// Images are split across `Threads.count` threads when the work pays for it, each running its products on one
/// thread; otherwise images run in order and each product may thread itself. (`cblas` calls `?gemm` from each
/// thread, which measured faster than letting OpenBLAS thread one small product per image.) The weight gradient sums
/// over images in per-thread partial buffers, added at the end in thread order.
package enum ConvolutionDriver {
    /// `C = op(A)·op(B)`, or `C += op(A)·op(B)` with `accumulate`, on at most `threads` threads.
    package typealias Product<T> = (_ a: UnsafePointer<T>, _ b: UnsafePointer<T>, _ c: UnsafeMutablePointer<T>,
                            _ shape: MatmulShape, _ accumulate: Bool, _ threads: Int) -> Void

    /// Multiply-adds of a convolution below which it runs on one thread.
    static let parallelThreshold = 1 << 18

    /// The ranges of images each thread takes (one range when the work is small).
    static func imageRanges(_ s: Conv2dShape) -> [Range<Int>] {
        let threads = s.multiplyAdds >= parallelThreshold ? Swift.min(Threads.count, s.batch) : 1
        guard threads > 1 else { return [0..<s.batch] }
        return (0..<threads).map { t in (t * s.batch / threads)..<((t + 1) * s.batch / threads) }
    }

    /// Runs `body` on each range of `ranges`, concurrently when there are several, with a scratch buffer of
    /// `scratch` elements for each; the product inside may thread only when there is a single range.
    static func forEachRange<T: SIMDScalar>(_ ranges: [Range<Int>], scratch: Int,
                                            _ body: (Int, Range<Int>, UnsafeMutablePointer<T>, Int) -> Void) {
        let productThreads = ranges.count == 1 ? Threads.count : 1
        Threads.parallelFor(chunks: ranges.count) { r in
            let buffer = UnsafeMutablePointer<T>.allocate(capacity: Swift.max(1, scratch))
            defer { buffer.deallocate() }
            body(r, ranges[r], buffer, productThreads)
        }
    }

    static func forward<T: SIMDScalar>(_ input: UnsafePointer<T>, _ weight: UnsafePointer<T>,
                                       _ out: UnsafeMutablePointer<T>, _ s: Conv2dShape,
                                       product: Product<T>) {
        guard s.outputCount > 0 else { return }
        guard s.patchSize > 0 else { return out.update(repeating: 0, count: s.outputCount) }
        let plane = s.outputHeight * s.outputWidth, perGroup = s.outChannelsPerGroup, k = s.patchSize
        let imageSize = s.inChannels * s.inputHeight * s.inputWidth, identity = Im2col.isIdentity(s)
        let ranges = imageRanges(s)
        forEachRange(ranges, scratch: identity ? 0 : k * plane) { (_, images, columns: UnsafeMutablePointer<T>, threads) in
            for n in images {
                for g in 0..<s.groups {
                    let image = input + n * imageSize
                    if !identity { Im2col.lower(image, group: g, s, into: columns) }
                    product(weight + g * perGroup * k, identity ? image + g * k * plane : UnsafePointer(columns),
                            out + (n * s.outChannels + g * perGroup) * plane,
                            MatmulShape(m: perGroup, n: plane, k: k), false, threads)
                }
            }
        }
    }

    static func backwardInput<T: SIMDScalar>(_ gradOutput: UnsafePointer<T>, _ weight: UnsafePointer<T>,
                                             _ gradInput: UnsafeMutablePointer<T>, _ s: Conv2dShape,
                                             product: Product<T>) {
        guard s.inputCount > 0 else { return }
        let plane = s.outputHeight * s.outputWidth, perGroup = s.outChannelsPerGroup, k = s.patchSize
        guard s.outChannels > 0 && plane > 0 else { return gradInput.update(repeating: 0, count: s.inputCount) }
        let imageSize = s.inChannels * s.inputHeight * s.inputWidth, identity = Im2col.isIdentity(s)
        let ranges = imageRanges(s)
        forEachRange(ranges, scratch: identity ? 0 : k * plane) { (_, images, columns: UnsafeMutablePointer<T>, threads) in
            for n in images {
                let image = gradInput + n * imageSize
                if !identity { image.update(repeating: 0, count: imageSize) }
                for g in 0..<s.groups {
                    // columns = weight_gᵀ · gradOutput_g, then col2im (or straight into the image for 1×1).
                    let target = identity ? image + g * k * plane : columns
                    product(weight + g * perGroup * k, gradOutput + (n * s.outChannels + g * perGroup) * plane,
                            target, MatmulShape(m: k, n: plane, k: perGroup, transposeA: true), false, threads)
                    if !identity { Im2col.accumulate(columns, group: g, s, into: image) }
                }
            }
        }
    }

    /// The weight gradient, computed transposed (`[patchSize, Cout/groups]` per group: `columns · gradOutput_gᵀ`,
    /// so the long pixel axis is the product's depth and the output channels its columns), summed over each
    /// thread's images in its own buffer, then added up and transposed into `gradWeight`.
    static func backwardWeight<T: SIMDScalar>(_ input: UnsafePointer<T>, _ gradOutput: UnsafePointer<T>,
                                              _ gradWeight: UnsafeMutablePointer<T>, _ s: Conv2dShape,
                                              product: Product<T>) {
        guard s.weightCount > 0 else { return }
        let plane = s.outputHeight * s.outputWidth, perGroup = s.outChannelsPerGroup, k = s.patchSize
        guard s.batch > 0 && plane > 0 else { return gradWeight.update(repeating: 0, count: s.weightCount) }
        let ranges = imageRanges(s)
        let partials = UnsafeMutablePointer<T>.allocate(capacity: ranges.count * s.weightCount)
        defer { partials.deallocate() }
        parallelBackwardWeight(input, gradOutput, partials, s, ranges: ranges, product: product)
        for g in 0..<s.groups {
            for co in 0..<perGroup {
                let row = gradWeight + (g * perGroup + co) * k
                for t in 0..<k {
                    var total = partials[g * perGroup * k + t * perGroup + co]
                    for r in 1..<ranges.count { total += partials[r * s.weightCount + g * perGroup * k + t * perGroup + co] }
                    row[t] = total
                }
            }
        }
    }

    /// The transposed weight gradient of each range of images into its own buffer of `partials`.
    static func parallelBackwardWeight<T: SIMDScalar>(_ input: UnsafePointer<T>, _ gradOutput: UnsafePointer<T>,
                                                      _ partials: UnsafeMutablePointer<T>, _ s: Conv2dShape,
                                                      ranges: [Range<Int>], product: Product<T>) {
        let plane = s.outputHeight * s.outputWidth, perGroup = s.outChannelsPerGroup, k = s.patchSize
        let imageSize = s.inChannels * s.inputHeight * s.inputWidth, identity = Im2col.isIdentity(s)
        forEachRange(ranges, scratch: identity ? 0 : k * plane) { (r, images, columns: UnsafeMutablePointer<T>, threads) in
            let sum = partials + r * s.weightCount
            for n in images {
                for g in 0..<s.groups {
                    let image = input + n * imageSize
                    if !identity { Im2col.lower(image, group: g, s, into: columns) }
                    // gradWeight_gᵀ (+)= columns · gradOutput_gᵀ
                    product(identity ? image + g * k * plane : UnsafePointer(columns),
                            gradOutput + (n * s.outChannels + g * perGroup) * plane, sum + g * perGroup * k,
                            MatmulShape(m: k, n: perGroup, k: plane, transposeB: true), n > images.lowerBound, threads)
                }
            }
        }
    }
}
