import EmberBackend
import EmberCBLAS
import EmberReference
import Testing

/// On several threads (the default on a multi-core machine) the `cblas` backend folds the batch into its products
/// in chunks of at most 2²¹ im2col elements; a batch of three 300×300 images with a 3×3 kernel (810,000 elements
/// each) takes two chunks, so the weight gradient accumulates across chunks (`?gemm` with beta 1) and the last chunk
/// holds one image. The conformance kit's shapes fit in one chunk, so this checks the chunked path against the
/// reference, in `Float` (on one thread it checks the per-image path).
@Suite("cblas convolution over several chunks of the batch")
struct BatchedConvolutionTests {
    @Test func severalChunksMatchTheReference() {
        let s = Conv2dShape(batch: 3, inChannels: 1, outChannels: 2, groups: 1, inputHeight: 300, inputWidth: 300,
                            kernelHeight: 3, kernelWidth: 3, strideHeight: 1, strideWidth: 1, dilationHeight: 1,
                            dilationWidth: 1, padTop: 1, padLeft: 1, padBottom: 1, padRight: 1)
        var state: UInt64 = 7
        func values(_ count: Int) -> [Float] {
            (0..<count).map { _ in
                state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
                return Float(state >> 40) / Float(1 << 24) * 2 - 1
            }
        }
        let x = values(s.inputCount), w = values(s.weightCount), g = values(s.outputCount)
        let (absX, absW, absG) = (x.map(abs), w.map(abs), g.map(abs))
        let reference = ReferenceBackend(), cblas = CBLASBackend()
        func compare(_ count: Int, length: Int, _ what: String,
                     _ run: (any Backend, [Float], [Float], UnsafeMutablePointer<Float>) -> Void,
                     _ a: [Float], _ b: [Float], _ absA: [Float], _ absB: [Float]) {
            var expected = [Float](repeating: 0, count: count), actual = expected, magnitude = expected
            run(reference, a, b, &expected)
            run(cblas, a, b, &actual)
            run(reference, absA, absB, &magnitude)
            let bound = 4 * Float.ulpOfOne * Float(length).squareRoot()
            let bad = (0..<count).first { abs(actual[$0] - expected[$0]) > bound * magnitude[$0] + 1e-30 }
            #expect(bad == nil, "\(what)[\(bad ?? 0)]: \(actual[bad ?? 0]) vs \(expected[bad ?? 0])")
        }
        compare(s.outputCount, length: s.patchSize, "conv2d", { $0.conv2d($1, $2, $3, shape: s) }, x, w, absX, absW)
        compare(s.inputCount, length: 2 * 9, "conv2dBackwardInput",
                { $0.conv2dBackwardInput($1, $2, $3, shape: s) }, g, w, absG, absW)
        compare(s.weightCount, length: 3 * 90_000, "conv2dBackwardWeight",
                { $0.conv2dBackwardWeight($1, $2, $3, shape: s) }, x, g, absX, absG)
    }
}
