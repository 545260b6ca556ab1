import EmberBackend
import EmberReference

extension KernelChecker {
    /// Max and average pooling and their gradients over kernel 1/2/3 × stride 1/2/3 × padding 0 or half the kernel ×
    /// dilation 1/2 (max only) × ceil mode, plus the 2×2 stride-2 pooling of CNNs on even and odd sizes, non-square
    /// windows, no planes, NaN and infinities (max pooling must propagate NaN as PyTorch does and record its index),
    /// ties, and (with `includeLarge`) the cnn bench's pooling. Max pooling and its indices round nothing and must
    /// match exactly; sums are checked with the accumulation tolerance against `Σ|terms|`.
    mutating func checkPooling() {
        for shape in Self.poolingShapes { checkPooling(shape) }
        if includeLarge { checkPooling(Self.pool(5 * 16, 28, 28, kernel: (2, 2), stride: (2, 2))) }
    }

    static func pool(_ planes: Int, _ height: Int, _ width: Int, kernel: (Int, Int), stride: (Int, Int),
                     pad: (Int, Int) = (0, 0), dilation: (Int, Int) = (1, 1), ceilMode: Bool = false) -> Pool2dShape {
        Pool2dShape(planes: planes, inputHeight: height, inputWidth: width, kernelHeight: kernel.0,
                    kernelWidth: kernel.1, strideHeight: stride.0, strideWidth: stride.1, padHeight: pad.0,
                    padWidth: pad.1, dilationHeight: dilation.0, dilationWidth: dilation.1, ceilMode: ceilMode)
    }

    static var poolingShapes: [Pool2dShape] {
        var shapes: [Pool2dShape] = []
        for k in 1...3 {
            for stride in 1...3 {
                for pad in Set([0, k / 2]).sorted() {
                    for dilation in [1, 2] {
                        for ceilMode in [false, true] {
                            shapes.append(pool(3, 7, 6, kernel: (k, k), stride: (stride, stride), pad: (pad, pad),
                                               dilation: (dilation, dilation), ceilMode: ceilMode))
                        }
                    }
                }
            }
        }
        shapes += [
            pool(5, 8, 8, kernel: (2, 2), stride: (2, 2)), pool(4, 28, 28, kernel: (2, 2), stride: (2, 2)),
            pool(5, 7, 9, kernel: (2, 2), stride: (2, 2)), pool(5, 7, 9, kernel: (2, 2), stride: (2, 2), ceilMode: true),
            pool(2, 9, 6, kernel: (3, 2), stride: (2, 1), pad: (1, 1)),
            pool(2, 5, 10, kernel: (2, 4), stride: (1, 3), pad: (1, 2), ceilMode: true),
            pool(2, 6, 6, kernel: (3, 3), stride: (3, 3), pad: (1, 1), ceilMode: true),   // last window in padding
            pool(0, 6, 6, kernel: (2, 2), stride: (2, 2)),
        ]
        return shapes.filter(\.isValid)
    }

    private mutating func checkPooling(_ s: Pool2dShape) {
        let domain: ValueDomain = rng.chance(0.3) ? .grid([-1, 0, 0.5, 2]) : .uniform(-4...4)
        let x = Operand<T>(rng.values(s.inputCount, domain))
        checkMaxPool(s, x)
        let specials = Operand<T>(rng.values(s.inputCount, .uniform(-4...4), specials: [.nan, .infinity, -.infinity],
                                             chance: 0.1))
        checkMaxPool(s, specials, note: ", with NaN and infinities")
        guard s.dilationHeight == 1 && s.dilationWidth == 1 else { return }
        let g = Operand<T>(rng.values(s.outputCount, .uniform(-1...1)))
        let (absX, absG) = (x.values.map { Swift.abs($0) }, g.values.map { Swift.abs($0) })
        for include in [true, false] {
            let length = s.kernelHeight * s.kernelWidth + 1
            check("avgPool2d", "\(s), countIncludePad \(include)", count: s.outputCount,
                  tolerance: .accumulation(T.self, length: length),
                  magnitudes: Self.magnitudes(s.outputCount) {
                      ReferenceBackend().avgPool2d(absX, $0, shape: s, countIncludePad: include)
                  }) { backend, out in
                x.withPointer { backend.avgPool2d($0, out, shape: s, countIncludePad: include) }
            }
            check("avgPool2dBackward", "\(s), countIncludePad \(include)", count: s.inputCount,
                  tolerance: .accumulation(T.self, length: length),
                  magnitudes: Self.magnitudes(s.inputCount) {
                      ReferenceBackend().avgPool2dBackward(absG, $0, shape: s, countIncludePad: include)
                  }) { backend, out in
                g.withPointer { backend.avgPool2dBackward($0, out, shape: s, countIncludePad: include) }
            }
        }
    }

    /// `maxPool2d`'s values and indices (exact), and its backward with the reference's indices.
    private mutating func checkMaxPool(_ s: Pool2dShape, _ x: Operand<T>, note: String = "") {
        let count = s.outputCount
        check("maxPool2d", "\(s)\(note)", count: count) { backend, out in
            var indices = [Int](repeating: -1, count: Swift.max(count, 1))
            x.withPointer { backend.maxPool2d($0, out, &indices, shape: s) }
        }
        var indices = [Int](repeating: 0, count: Swift.max(count, 1))
        var values = [T](repeating: 0, count: Swift.max(count, 1))
        x.withPointer { reference.maxPool2d($0, &values, &indices, shape: s) }
        check("maxPool2d indices", "\(s)\(note)", count: count) { backend, out in
            var found = [Int](repeating: -1, count: Swift.max(count, 1))
            var scratch = [T](repeating: 0, count: Swift.max(count, 1))
            x.withPointer { backend.maxPool2d($0, &scratch, &found, shape: s) }
            for i in 0..<count { out[i] = T(found[i]) }
        }
        let g = Operand<T>(rng.values(count, .uniform(-1...1)))
        let absG = g.values.map { Swift.abs($0) }
        check("maxPool2dBackward", "\(s)\(note)", count: s.inputCount,
              tolerance: .accumulation(T.self, length: s.kernelHeight * s.kernelWidth),
              magnitudes: Self.magnitudes(s.inputCount) {
                  ReferenceBackend().maxPool2dBackward(absG, indices, $0, shape: s)
              }) { backend, out in
            g.withPointer { backend.maxPool2dBackward($0, indices, out, shape: s) }
        }
    }
}
