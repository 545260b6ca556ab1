import CEmberBLAS
@testable import EmberCBLAS
import EmberBackend
import EmberReference
import EmberSIMD
import Testing

// The OpenBLAS backend against the reference backend, kernel by kernel, in Float and Double.
//
// Tolerance: a dot product of length k computed in any order has error at most about k·ε·Σ|aᵢ·bᵢ| (the standard
// bound for recursive summation, γₖ ≈ k·ε), and BLAS and the reference loop sum in different orders, so each can be
// that far from the exact value. An element passes when |blas − ref| ≤ 2·k·ε·Σ|aᵢ·bᵢ| + a tiny absolute floor. The
// bound scales with the reduction length and with the magnitudes summed, not with the (possibly cancelled) result,
// so it is tight without being flaky; a wrong index or transpose gives errors of order Σ|aᵢ·bᵢ| and fails.

/// A small deterministic generator (SplitMix64), so failures reproduce.
private struct SplitMix64 {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
    /// Uniform in [-1, 1).
    mutating func uniform<T: TensorScalar>() -> T { T(Double(next() >> 11) * 0x1p-53 * 2 - 1) }
    mutating func array<T: TensorScalar>(_ count: Int) -> [T] { (0..<count).map { _ in uniform() } }
}

/// `|actual − expected| ≤ 2·length·ε·scale + floor` element by element, where `scale[i]` is `Σ|aᵢ·bᵢ|` for that
/// element (see the comment at the top). Reports the first mismatch.
private func expectClose<T: TensorScalar>(_ actual: [T], _ expected: [T], length: Int, scale: [T],
                                          _ what: String, sourceLocation: SourceLocation = #_sourceLocation) {
    #expect(actual.count == expected.count, "\(what): count", sourceLocation: sourceLocation)
    let floor = T.leastNormalMagnitude
    for i in 0..<min(actual.count, expected.count) {
        let tolerance = 2 * T(max(length, 1)) * T.ulpOfOne * scale[i] + floor
        let error = abs(actual[i] - expected[i])
        if !(error <= tolerance) {
            Issue.record("\(what): element \(i) is \(actual[i]), expected \(expected[i]) (error \(error) > \(tolerance))",
                         sourceLocation: sourceLocation)
            return
        }
    }
}

/// The shapes to check: odd sizes, the gemv paths (m == 1, n == 1, both), k == 0 and empty products.
private let matmulSizes: [(m: Int, n: Int, k: Int)] = [
    (7, 5, 3), (13, 17, 11), (33, 65, 19), (64, 64, 64),
    (1, 9, 5), (9, 1, 5), (1, 1, 7), (1, 40, 33), (40, 1, 33),
    (4, 6, 0), (1, 6, 0), (0, 5, 3), (5, 0, 3), (0, 0, 0),
]

private func checkMatmul<T: TensorScalar>(_: T.Type, transposeA: Bool, transposeB: Bool) {
    let blas = CBLASBackend(), reference = ReferenceBackend()
    var random = SplitMix64(seed: 0xC0FFEE)
    for (m, n, k) in matmulSizes {
        let shape = MatmulShape(m: m, n: n, k: k, transposeA: transposeA, transposeB: transposeB)
        let a: [T] = random.array(m * k), b: [T] = random.array(k * n)
        // C starts as NaN: beta 0 must overwrite it, never read it.
        var c = [T](repeating: .nan, count: m * n)
        var expected = [T](repeating: 0, count: m * n), scale = [T](repeating: 0, count: m * n)
        blas.matmul(a, b, &c, shape: shape)
        reference.matmul(a, b, &expected, shape: shape)
        reference.matmul(a.map(abs), b.map(abs), &scale, shape: shape)
        expectClose(c, expected, length: k, scale: scale, "\(T.typeName) matmul \(shape)")
    }
}

@Suite("CBLASBackend against ReferenceBackend")
struct CBLASBackendTests {
    @Test("matmul, all four transpose combinations, Float and Double", arguments: [false, true], [false, true])
    func matmul(transposeA: Bool, transposeB: Bool) {
        checkMatmul(Float.self, transposeA: transposeA, transposeB: transposeB)
        checkMatmul(Double.self, transposeA: transposeA, transposeB: transposeB)
    }

    @Test("matmul with k == 0 writes zeros over the old contents")
    func matmulEmptyReduction() {
        var c = [Float](repeating: .nan, count: 6)
        CBLASBackend().matmul([Float](), [Float](), &c, shape: MatmulShape(m: 2, n: 3, k: 0))
        #expect(c == [0, 0, 0, 0, 0, 0])
    }

    @Test("matmul of a known product, so a transposed or permuted result fails")
    func matmulKnownValues() {
        let a: [Double] = [1, 2, 3, 4, 5, 6]      // [2, 3]
        let b: [Double] = [7, 8, 9, 10, 11, 12]   // [3, 2]
        var c = [Double](repeating: 0, count: 4)
        CBLASBackend().matmul(a, b, &c, shape: MatmulShape(m: 2, n: 2, k: 3))
        #expect(c == [58, 64, 139, 154])
        // Aᵀ·Bᵀ with A stored [3, 2] and B stored [2, 3]: the same numbers read the other way.
        CBLASBackend().matmul(a, b, &c, shape: MatmulShape(m: 2, n: 2, k: 3, transposeA: true, transposeB: true))
        // [[1,3,5],[2,4,6]] · [[7,10],[8,11],[9,12]]
        let expected: [Double] = [76, 103, 100, 136]
        #expect(c == expected)
    }

    @Test("the documentation examples of CBLASBackend and OpenBLASInfo")
    func documentationExamples() {
        let backend: any Backend = CBLASBackend()
        let a: [Float] = [1, 2, 3, 4], b: [Float] = [5, 6, 7, 8]
        var c = [Float](repeating: 0, count: 4)
        backend.matmul(a, b, &c, shape: MatmulShape(m: 2, n: 2, k: 2))   // c == [19, 22, 43, 50]
        #expect(c == [19, 22, 43, 50])
        #expect(backend.name == "cblas")
    }

    @Test("dot, axpy, scale and copy", arguments: [0, 1, 3, 17, 1000])
    func level1(count: Int) {
        level1Checks(Float.self, count: count)
        level1Checks(Double.self, count: count)
    }

    private func level1Checks<T: TensorScalar>(_: T.Type, count: Int) {
        let blas = CBLASBackend(), reference = ReferenceBackend()
        var random = SplitMix64(seed: UInt64(count) + 7)
        let x: [T] = random.array(count), y: [T] = random.array(count)
        let alpha: T = random.uniform()

        let dotScale = zip(x, y).reduce(T(0)) { $0 + abs($1.0 * $1.1) }
        expectClose([blas.dot(x, y, count: count)], [reference.dot(x, y, count: count)], length: count,
                    scale: [dotScale], "\(T.typeName) dot(\(count))")

        // axpy, scale and copy are elementwise: one rounding each, so length 1 and the operands' size as the scale.
        var got = y, want = y
        blas.axpy(alpha, x, &got, count: count)
        reference.axpy(alpha, x, &want, count: count)
        let axpyScale = zip(x, y).map { abs(alpha * $0.0) + abs($0.1) }
        expectClose(got, want, length: 1, scale: axpyScale, "\(T.typeName) axpy(\(count))")

        got = x
        want = x
        blas.scale(alpha, &got, count: count)
        reference.scale(alpha, &want, count: count)
        expectClose(got, want, length: 1, scale: x.map { abs(alpha * $0) }, "\(T.typeName) scale(\(count))")

        got = [T](repeating: .nan, count: count)
        blas.copy(x, &got, count: count)
        #expect(got == x, "\(T.typeName) copy(\(count))")
    }

    @Test("axpy and scale by 0 propagate NaN and infinity like IEEE 754 and the reference backend")
    func zeroAlphaPropagatesNaN() {
        let x: [Float] = [.nan, .infinity, 1]
        var y: [Float] = [1, 1, 1]
        CBLASBackend().axpy(0, x, &y, count: 3)
        #expect(y[0].isNaN && y[1].isNaN && y[2] == 1)
        var z: [Double] = [.nan, -.infinity, 2]
        CBLASBackend().scale(0, &z, count: 3)
        #expect(z[0].isNaN && z[1].isNaN && z[2] == 0)
    }

    @Test("level-1 kernels split counts into Int32-sized chunks correctly")
    func chunking() {
        // The real chunk is Int32.max elements (8 GiB of Float); a chunk of 4 exercises the same splitting.
        var random = SplitMix64(seed: 42)
        let count = 11
        let x: [Double] = random.array(count), y: [Double] = random.array(count)
        let reference = ReferenceBackend()
        let chunked = x.withUnsafeBufferPointer { xp in
            y.withUnsafeBufferPointer { yp in BLASLevel1.dot(xp.baseAddress!, yp.baseAddress!, count, chunk: 4) }
        }
        #expect(abs(chunked - reference.dot(x, y, count: count)) <= 1e-14)

        var got = y, want = y
        got.withUnsafeMutableBufferPointer { BLASLevel1.axpy(0.5, x, $0.baseAddress!, count, chunk: 4) }
        reference.axpy(0.5, x, &want, count: count)
        #expect(got == want)

        got = x
        got.withUnsafeMutableBufferPointer { BLASLevel1.scal(3, $0.baseAddress!, count, chunk: 4) }
        #expect(got == x.map { 3 * $0 })

        got = [Double](repeating: 0, count: count)
        got.withUnsafeMutableBufferPointer { BLASLevel1.copy(x, $0.baseAddress!, count, chunk: 4) }
        #expect(got == x)
    }

    @Test("the kernels without a BLAS routine are the simd backend's, bit for bit")
    func elementwiseKernels() {
        // CBLASBackend forwards these to SIMDBackend; the conformance kit compares both with the simd.
        let blas = CBLASBackend(), simd = SIMDBackend()
        let x: [Double] = [-2, -0.5, 0, 0.5, 3, .nan, .infinity, -.infinity]
        let y: [Double] = [1, 2, -1, 0.5, .nan, 3, 2, -4]
        let count = x.count
        func same(_ a: [Double], _ b: [Double]) -> Bool {
            zip(a, b).allSatisfy { $0 == $1 || ($0.isNaN && $1.isNaN) } && a.count == b.count
        }
        for op in UnaryOp.allCases {
            var got = [Double](repeating: 0, count: count), want = got
            blas.unary(op, x, &got, count: count)
            simd.unary(op, x, &want, count: count)
            #expect(same(got, want), "unary \(op)")
        }
        let layouts = [BroadcastLayout.elementwise(count), BroadcastLayout(lhs: [2, 4], rhs: [4], out: [2, 4]),
                       BroadcastLayout(lhs: [2, 4], rhs: [2, 1], out: [2, 4])]
        for op in BinaryOp.allCases {
            for layout in layouts {
                var got = [Double](repeating: 0, count: count), want = got
                blas.binary(op, x, y, &got, layout: layout)
                simd.binary(op, x, y, &want, layout: layout)
                #expect(same(got, want), "binary \(op) \(layout)")
            }
        }
        for op in ReduceOp.allCases {
            for shape in [ReductionShape.all(count), ReductionShape(outer: 2, length: 2, inner: 2),
                          ReductionShape(outer: 2, length: 0, inner: 3)] {
                var got = [Double](repeating: 0, count: shape.outputCount), want = got
                blas.reduce(op, x, &got, shape: shape)
                simd.reduce(op, x, &want, shape: shape)
                #expect(same(got, want), "reduce \(op) \(shape)")
            }
        }
        var got = [Double](repeating: 0, count: 6), want = got
        blas.copyStrided(x, shape: [3, 2], strides: [1, 3], &got)
        simd.copyStrided(x, shape: [3, 2], strides: [1, 3], &want)
        #expect(same(got, want), "copyStrided")
        blas.fill(7.5, &got, count: 6)
        #expect(got == [7.5, 7.5, 7.5, 7.5, 7.5, 7.5])
    }
}

// Nested in CBLASBackendTests so that `swift test --filter CBLASBackendTests` runs it too.
extension CBLASBackendTests {
    @Suite("OpenBLASInfo")
    struct OpenBLASInfoTests {
        @Test("config and core name come from the loaded library")
        func libraryStrings() {
            #expect(OpenBLASInfo.config.contains("OpenBLAS"))
            #expect(!OpenBLASInfo.coreName.isEmpty)
            #expect(OpenBLASInfo.config.lowercased().contains(OpenBLASInfo.coreName.lowercased()))
        }

        @Test("cpuinfo parsing reads the first processor's model name and flags")
        func cpuinfoParsing() {
            let text = """
                processor\t: 0
                model name\t: Example CPU @ 3.0GHz
                flags\t\t: fpu sse2 avx avx2 fma avx512f avx512bw
                processor\t: 1
                model name\t: Other
                flags\t\t: fpu
                """
            let cpu = CPUFeatures(cpuinfo: text)
            #expect(cpu.modelName == "Example CPU @ 3.0GHz")
            #expect(cpu.vectorFeatures == ["sse2", "avx", "fma", "avx2", "avx512f", "avx512bw"])
            #expect(cpu.hasAVX2 && cpu.hasAVX512)
        }

        @Test("the generic-core warning names OPENBLAS_CORETYPE and the value for the CPU")
        func genericCoreWarning() throws {
            let avx512 = CPUFeatures(modelName: "X", flags: ["avx2", "avx512f"])
            let avx2 = CPUFeatures(modelName: "Y", flags: ["avx", "avx2"])
            let old = CPUFeatures(modelName: "Z", flags: ["sse2", "sse4_2"])
            let warning = try #require(OpenBLASInfo.genericCoreWarning(coreName: "Prescott", cpu: avx512))
            #expect(warning.contains("OPENBLAS_CORETYPE=SkylakeX") && warning.contains("Prescott"))
            #expect(!warning.contains("\n"))
            #expect(OpenBLASInfo.genericCoreWarning(coreName: "Core2", cpu: avx2)?.contains("OPENBLAS_CORETYPE=Haswell") == true)
            #expect(OpenBLASInfo.genericCoreWarning(coreName: "SkylakeX", cpu: avx512) == nil)
            #expect(OpenBLASInfo.genericCoreWarning(coreName: "Haswell", cpu: avx2) == nil)
            #expect(OpenBLASInfo.genericCoreWarning(coreName: "Prescott", cpu: old) == nil)
        }
    }
}
