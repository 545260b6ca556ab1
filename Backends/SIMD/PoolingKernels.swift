import EmberBackend

/// Max and average pooling for the `simd` backend: planes split across threads when the input is large, the 2×2
/// stride-2 max pooling of CNNs in one pass over pairs of rows, and every other window shape through the defaults'
/// clipped-window loops (`Backend+PoolingDefaults.swift`) on each thread's planes.
enum PoolingKernels {
    /// Calls `body` with ranges of planes, one per thread when the input holds at least `Parallel.cheapThreshold`
    /// elements.
    static func forEachPlaneRange(_ s: Pool2dShape, _ body: (Range<Int>) -> Void) {
        let threshold = s.inputCount >= Parallel.cheapThreshold ? 0 : Int.max
        Parallel.forEachRange(count: s.planes, threshold: threshold, alignment: 1, body)
    }

    /// `s` restricted to `planes.count` planes.
    static func slice(_ s: Pool2dShape, _ planes: Range<Int>) -> Pool2dShape {
        var part = s
        part.planes = planes.count
        return part
    }

    /// True for 2×2 windows with stride 2, no padding and no dilation, all inside the input (ceil mode that adds no
    /// partial window included).
    static func isPairwise(_ s: Pool2dShape) -> Bool {
        s.kernelHeight == 2 && s.kernelWidth == 2 && s.strideHeight == 2 && s.strideWidth == 2 && s.padHeight == 0
            && s.padWidth == 0 && s.dilationHeight == 1 && s.dilationWidth == 1
            && 2 * s.outputHeight <= s.inputHeight && 2 * s.outputWidth <= s.inputWidth
    }

    static func maxPool<T: SIMDScalar>(_ backend: some Backend, _ x: UnsafePointer<T>, _ out: UnsafeMutablePointer<T>,
                                       _ indices: UnsafeMutablePointer<Int>, _ s: Pool2dShape) {
        let size = s.inputHeight * s.inputWidth, outputs = s.outputHeight * s.outputWidth
        guard s.outputCount > 0 else { return }
        let pairwise = isPairwise(s)
        forEachPlaneRange(s) { planes in
            let (source, target, index) = (x + planes.lowerBound * size, out + planes.lowerBound * outputs,
                                           indices + planes.lowerBound * outputs)
            if pairwise {
                for p in 0..<planes.count { maxPool2x2(source + p * size, target + p * outputs, index + p * outputs, s) }
            } else {
                backend.defaultMaxPool2d(source, target, index, shape: slice(s, planes))
            }
        }
    }

    /// One plane of 2×2 stride-2 max pooling: each window's four values in PyTorch's order (the first wins ties,
    /// a NaN wins over numbers, the last NaN over the others).
    @inline(__always)
    static func maxPool2x2<T: SIMDScalar>(_ x: UnsafePointer<T>, _ out: UnsafeMutablePointer<T>,
                                          _ indices: UnsafeMutablePointer<Int>, _ s: Pool2dShape) {
        let w = s.inputWidth, wo = s.outputWidth
        for oh in 0..<s.outputHeight {
            let top = 2 * oh * w
            let row0 = x + top, row1 = row0 + w
            let outRow = out + oh * wo, indexRow = indices + oh * wo
            for ow in 0..<wo {
                let i = 2 * ow
                var best = row0[i], at = top + i
                let v1 = row0[i + 1], v2 = row1[i], v3 = row1[i + 1]
                if v1 > best || v1.isNaN { best = v1; at = top + i + 1 }
                if v2 > best || v2.isNaN { best = v2; at = top + w + i }
                if v3 > best || v3.isNaN { best = v3; at = top + w + i + 1 }
                outRow[ow] = best
                indexRow[ow] = at
            }
        }
    }

    static func maxPoolBackward<T: SIMDScalar>(_ gradOutput: UnsafePointer<T>, _ indices: UnsafePointer<Int>,
                                               _ gradInput: UnsafeMutablePointer<T>, _ s: Pool2dShape) {
        let size = s.inputHeight * s.inputWidth, outputs = s.outputHeight * s.outputWidth
        forEachPlaneRange(s) { planes in
            for p in planes {
                let plane = gradInput + p * size, grads = gradOutput + p * outputs, index = indices + p * outputs
                plane.update(repeating: 0, count: size)
                for o in 0..<outputs { plane[index[o]] += grads[o] }
            }
        }
    }

    static func avgPool<T: SIMDScalar>(_ backend: some Backend, _ x: UnsafePointer<T>, _ out: UnsafeMutablePointer<T>,
                                       _ s: Pool2dShape, countIncludePad: Bool) {
        let size = s.inputHeight * s.inputWidth, outputs = s.outputHeight * s.outputWidth
        forEachPlaneRange(s) { planes in
            backend.defaultAvgPool2d(x + planes.lowerBound * size, out + planes.lowerBound * outputs,
                                     shape: slice(s, planes), countIncludePad: countIncludePad)
        }
    }

    static func avgPoolBackward<T: SIMDScalar>(_ backend: some Backend, _ gradOutput: UnsafePointer<T>,
                                               _ gradInput: UnsafeMutablePointer<T>, _ s: Pool2dShape,
                                               countIncludePad: Bool) {
        let size = s.inputHeight * s.inputWidth, outputs = s.outputHeight * s.outputWidth
        forEachPlaneRange(s) { planes in
            backend.defaultAvgPool2dBackward(gradOutput + planes.lowerBound * outputs,
                                             gradInput + planes.lowerBound * size, shape: slice(s, planes),
                                             countIncludePad: countIncludePad)
        }
    }
}
