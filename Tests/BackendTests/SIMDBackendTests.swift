import EmberBackend
import EmberReference
import EmberSIMD
import Testing

// SIMDBackend checked against ReferenceBackend (the oracle) on the kernel API, for Float and Double.
//
// Tolerances:
// - Elementwise arithmetic, comparisons, pow, copies and max/min reductions do the same IEEE operation per element as
//   the reference, so they must match exactly (NaN matches NaN).
// - exp/log/tanh/sigmoid are polynomial approximations: relative 1e-5 (Float) / 1e-12 (Double), with an absolute
//   floor of the smallest normal number for results that underflow.
// - Sums, dot products and matrix products add in a different order (several accumulators, FMA, blocking). Both the
//   reference's sequential sum and ours are within n·ε·Σ|xᵢ| of the exact result, so they may differ by up to
//   2·n·ε·Σ|xᵢ|: the tolerance scales with the reduction length n and the magnitudes summed.

// Every test runs on each kernel path this machine can execute (`SIMDKernelPath.available`): the C kernels for
// AVX-512 and AVX2 and the portable Swift code.

// MARK: - Helpers

private let reference = ReferenceBackend()
private let paths = SIMDKernelPath.available

/// Lengths around the vector widths (8 Double, 16 Float lanes, 4-vector unrolls) plus sizes past the threading
/// thresholds (2^13 for transcendentals, 2^17 for cheap kernels).
private let lengths = Array(0...40) + [63, 64, 65, 127, 128, 129, 255, 257, 1000, (1 << 13) + 5, (1 << 17) + 3]

/// Deterministic pseudo-random numbers (SplitMix64), so a failure reproduces.
private struct Random {
    var state: UInt64
    init(_ seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
    mutating func uniform<T: TensorScalar>(_ lo: T, _ hi: T) -> T {
        lo + (hi - lo) * T(Double(next() >> 11) / Double(1 << 53))
    }
    mutating func array<T: TensorScalar>(_ count: Int, _ lo: T = -4, _ hi: T = 4) -> [T] {
        (0..<count).map { _ in uniform(lo, hi) }
    }
}

/// Values every elementwise kernel must treat exactly like the reference.
private func specials<T: TensorScalar>(_: T.Type) -> [T] {
    [0, -0.0, 1, -1, .infinity, -.infinity, .nan, T.leastNonzeroMagnitude, -T.leastNonzeroMagnitude,
     T.leastNormalMagnitude, T.greatestFiniteMagnitude, -T.greatestFiniteMagnitude, 0.5, 2, 3]
}

private func matches<T: TensorScalar>(_ a: T, _ b: T, relative: T = 0, absolute: T = 0) -> Bool {
    if a.isNaN || b.isNaN { return a.isNaN && b.isNaN }
    if a == b { return true }
    if a.isInfinite || b.isInfinite { return false }
    return Swift.abs(a - b) <= Swift.max(relative * Swift.max(Swift.abs(a), Swift.abs(b)), absolute)
}

/// Records the first few mismatches of `actual` against `expected` with a description of the case.
private func expectClose<T: TensorScalar>(_ actual: [T], _ expected: [T], _ what: String,
                                          inputs: [T] = [], relative: T = 0, absolute: [T]? = nil,
                                          sourceLocation: SourceLocation = #_sourceLocation) {
    #expect(actual.count == expected.count, "\(what): count", sourceLocation: sourceLocation)
    var reported = 0
    for i in 0..<Swift.min(actual.count, expected.count)
    where !matches(actual[i], expected[i], relative: relative, absolute: absolute?[i] ?? 0) {
        let input = i < inputs.count ? " input \(inputs[i])" : ""
        Issue.record("\(what) [\(i)]\(input): simd \(actual[i]), reference \(expected[i])", sourceLocation: sourceLocation)
        reported += 1
        if reported == 5 { return }
    }
}

private func transcendentalTolerance<T: TensorScalar>(_: T.Type) -> T { T.self == Float.self ? 1e-5 : 1e-12 }

// MARK: - Elementwise

@Test(arguments: UnaryOp.allCases, paths)
func unaryMatchesReference(_ op: UnaryOp, _ path: SIMDKernelPath) {
    checkUnary(op, Float.self, SIMDBackend(path: path))
    checkUnary(op, Double.self, SIMDBackend(path: path))
}

private func checkUnary<T: TensorScalar>(_ op: UnaryOp, _: T.Type, _ simd: SIMDBackend) {
    var random = Random(42)
    let exact: Set<UnaryOp> = [.neg, .sqrt, .abs, .relu, .sign]
    let relative: T = exact.contains(op) ? 0 : transcendentalTolerance(T.self)
    for count in lengths {
        var x: [T] = random.array(count, -30, 30)
        for (i, s) in specials(T.self).enumerated() where i < count { x[(i * 7919) % count] = s }
        var expected = [T](repeating: 0, count: count), actual = expected
        reference.unary(op, x, &expected, count: count)
        simd.unary(op, x, &actual, count: count)
        // Exact ops get no slack at all (a kernel flushing subnormals to zero must fail); the others an absolute
        // floor of the smallest normal value, below which relative error is meaningless.
        expectClose(actual, expected, "\(op) \(T.self) n=\(count)", inputs: x, relative: relative,
                    absolute: exact.contains(op) ? nil : [T](repeating: T.leastNormalMagnitude, count: count))
        // In place, as the contract allows.
        var inPlace = x
        inPlace.withUnsafeMutableBufferPointer { p in simd.unary(op, p.baseAddress!, p.baseAddress!, count: count) }
        expectClose(inPlace, actual, "\(op) \(T.self) in place n=\(count)")
    }
}

@Test(arguments: [UnaryOp.exp, .log, .tanh, .sigmoid], paths)
func transcendentalsAcrossMagnitudes(_ op: UnaryOp, _ path: SIMDKernelPath) {
    checkTranscendental(op, Float.self, SIMDBackend(path: path))
    checkTranscendental(op, Double.self, SIMDBackend(path: path))
}

/// Every binade from the smallest subnormal to the largest finite number, both signs, plus the branch points of the
/// approximations (overflow/underflow limits, the tanh series cut-offs, √2 in log).
private func checkTranscendental<T: TensorScalar>(_ op: UnaryOp, _: T.Type, _ simd: SIMDBackend) {
    var random = Random(7)
    var x: [T] = specials(T.self) + [88, 88.7, 88.73, 89, -87.3, -88, -103, -103.97, -104, -105, 709.7, 709.8, 710,
                                     -708, -744, -745.1, -746, 0.25, -0.25, 0.2499, 0.04, -0.04, 0.0399, 1.4142135,
                                     0.70710677, 1 + T.ulpOfOne, 1 - T.ulpOfOne / 2, 20, -20, 9, -9, 1e-3, -1e-3]
    var exponent = T.leastNonzeroMagnitude.exponent
    while exponent <= T.greatestFiniteMagnitude.exponent {
        let magnitude = T(sign: .plus, exponent: exponent, significand: random.uniform(1, 2))
        x += [magnitude, -magnitude]
        exponent += 1
    }
    x += random.array(4000, -12, 12)
    var expected = [T](repeating: 0, count: x.count), actual = expected
    reference.unary(op, x, &expected, count: x.count)
    simd.unary(op, x, &actual, count: x.count)
    expectClose(actual, expected, "\(op) \(T.self)", inputs: x, relative: transcendentalTolerance(T.self),
                absolute: [T](repeating: T.leastNormalMagnitude, count: x.count))
}

@Test(arguments: BinaryOp.allCases, paths)
func binaryMatchesReferenceForEveryLayout(_ op: BinaryOp, _ path: SIMDKernelPath) {
    checkBinary(op, Float.self, SIMDBackend(path: path))
    checkBinary(op, Double.self, SIMDBackend(path: path))
}

private func checkBinary<T: TensorScalar>(_ op: BinaryOp, _: T.Type, _ simd: SIMDBackend) {
    var random = Random(3)
    func values(_ count: Int) -> [T] {
        var v: [T] = random.array(count, -3, 3)
        // Repeat some values so `equal` and ties of maximum/minimum are exercised, and sprinkle specials.
        for i in stride(from: 0, to: count, by: 5) { v[i] = T(Int(v[i])) }
        for (i, s) in specials(T.self).enumerated() where i < count { v[(i * 31 + 3) % count] = s }
        return v
    }
    func run(_ lhsShape: [Int], _ rhsShape: [Int], _ outShape: [Int], _ layout: BroadcastLayout) {
        let lhs = values(lhsShape.reduce(1, *)), rhs = values(rhsShape.reduce(1, *))
        var expected = [T](repeating: 0, count: layout.count), actual = expected
        reference.binary(op, lhs, rhs, &expected, layout: layout)
        simd.binary(op, lhs, rhs, &actual, layout: layout)
        expectClose(actual, expected, "\(op) \(T.self) \(layout)")
    }
    for n in lengths {
        run([n], [n], [n], .elementwise(n))
        run([1], [n], [n], .scalarLHS(n))
        run([n], [1], [n], .scalarRHS(n))
    }
    let broadcasts: [([Int], [Int], [Int])] = [
        ([3, 1, 5], [1, 4, 5], [3, 4, 5]),      // both broadcast along different axes
        ([4, 1], [1, 37], [4, 37]),              // last strides 0/1 and 1/0
        ([37, 1], [37, 1, 17], [37, 37, 17]),
        ([2, 3, 1], [3, 19], [2, 3, 19]),
        ([5, 1, 1], [1, 3, 1], [5, 3, 2]),       // both operands stride 0 along the last axis
        ([600, 300], [300], [600, 300]),         // a bias row, past the threading threshold
        ([300, 1], [300, 600], [300, 600]),      // a column, past the threading threshold
        ([1, 129], [65, 1], [65, 129]),
    ]
    for (l, r, o) in broadcasts {
        let layout = BroadcastLayout(lhs: l, rhs: r, out: o)
        #expect(layout.kind == .strided)
        run(l, r, o, layout)
    }
}

@Test(arguments: paths)
func inPlaceBinaryAliasesOutput(_ path: SIMDKernelPath) {
    let simd = SIMDBackend(path: path)
    var random = Random(11)
    for n in [1, 17, 100, (1 << 17) + 1] {
        let x: [Float] = random.array(n)
        var y: [Float] = random.array(n)
        var expected = [Float](repeating: 0, count: n)
        reference.binary(.mul, x, y, &expected, layout: .elementwise(n))
        y.withUnsafeMutableBufferPointer { p in
            simd.binary(.mul, x, UnsafePointer(p.baseAddress!), p.baseAddress!, layout: .elementwise(n))
        }
        expectClose(y, expected, "in-place mul n=\(n)")
    }
}

@Test(arguments: paths)
func nanAndSignedZeroSemantics(_ path: SIMDKernelPath) {
    let simd = SIMDBackend(path: path)
    let nan = Float.nan
    var out = [Float](repeating: 0, count: 4)
    simd.binary(.maximum, [nan, 1, 2, nan], [1, nan, 1, nan], &out, layout: .elementwise(4))
    #expect(out.allSatisfy(\.isNaN) == false && out[0].isNaN && out[1].isNaN && out[2] == 2 && out[3].isNaN)
    simd.binary(.greater, [nan, 1, 2, nan], [1, nan, 1, nan], &out, layout: .elementwise(4))
    #expect(out == [0, 0, 1, 0])
    simd.binary(.equal, [nan, 1, 2, nan], [nan, 1, 1, 0], &out, layout: .elementwise(4))
    #expect(out == [0, 1, 0, 0])
    simd.unary(.relu, [nan, -1, -0.0, 3], &out, count: 4)
    #expect(out[0].isNaN && out[1] == 0 && out[3] == 3)
    simd.unary(.sign, [nan, -0.0, 0, -7], &out, count: 4)
    #expect(out[0].isNaN && out[1] == 0 && out[1].sign == .minus && out[2].sign == .plus && out[3] == -1)
    var maxOut: [Float] = [0]
    var data = [Float](repeating: 1, count: 1000)
    for position in [0, 500, 999] {
        data[position] = .nan
        simd.reduce(.max, data, &maxOut, shape: .all(1000))
        #expect(maxOut[0].isNaN, "max with NaN at \(position)")
        simd.reduce(.min, data, &maxOut, shape: .all(1000))
        #expect(maxOut[0].isNaN, "min with NaN at \(position)")
        data[position] = 1
    }
}

// MARK: - Reductions

@Test(arguments: ReduceOp.allCases, paths)
func reductionsMatchReference(_ op: ReduceOp, _ path: SIMDKernelPath) {
    checkReduce(op, Float.self, SIMDBackend(path: path))
    checkReduce(op, Double.self, SIMDBackend(path: path))
}

private func checkReduce<T: TensorScalar>(_ op: ReduceOp, _: T.Type, _ simd: SIMDBackend) {
    var random = Random(5)
    var shapes = lengths.map { ReductionShape(outer: 1, length: $0, inner: 1) }
    shapes += [(3, 17, 1), (2, 5, 33), (4, 7, 16), (1, 3, 129), (5, 1, 7), (0, 3, 4), (2, 0, 3), (7, 65, 1),
               (3, 1000, 300), (1, 300, 1000), (1000, 300, 1), (1, 1 << 18, 1), (2, 100_000, 1)]
        .map { ReductionShape(outer: $0.0, length: $0.1, inner: $0.2) }
    for shape in shapes {
        var x: [T] = random.array(shape.inputCount, -1, 1)
        if op != .sum && x.count > 10 { x[x.count / 3] = .nan; x[x.count / 2] = .infinity }
        var expected = [T](repeating: 0, count: shape.outputCount), actual = expected
        reference.reduce(op, x, &expected, shape: shape)
        simd.reduce(op, x, &actual, shape: shape)
        var tolerance = [T](repeating: 0, count: shape.outputCount)
        if op == .sum {
            let absX = x.map { Swift.abs($0) }
            reference.reduce(.sum, absX, &tolerance, shape: shape)
            tolerance = tolerance.map { 2 * T(shape.length) * T.ulpOfOne * $0 }
        }
        expectClose(actual, expected, "\(op) \(T.self) \(shape)", absolute: tolerance)
    }
}

// MARK: - Matrix product

@Test(arguments: [(false, false), (false, true), (true, false), (true, true)], paths)
func matmulMatchesReference(_ transposes: (a: Bool, b: Bool), _ path: SIMDKernelPath) {
    checkMatmul(transposes.a, transposes.b, Float.self, SIMDBackend(path: path))
    checkMatmul(transposes.a, transposes.b, Double.self, SIMDBackend(path: path))
}

private func checkMatmul<T: TensorScalar>(_ transposeA: Bool, _ transposeB: Bool, _: T.Type, _ simd: SIMDBackend) {
    var random = Random(9)
    let edges = [1, 7, 17, 33, 65, 129]
    var shapes: [(Int, Int, Int)] = []
    for m in edges { for n in edges { shapes.append((m, n, edges[(m + n) % edges.count])) } }
    shapes += [(5, 3, 0), (0, 4, 3), (3, 0, 4), (1, 1, 1), (300, 1, 257), (1, 300, 257), (2, 70, 40), (70, 3, 40),
               (9, 2100, 300),           // more than one nc block of B
               (200, 190, 513),          // threaded (m·n·k ≥ 2^21), three depth blocks, split by rows
               (40, 260, 300)]           // threaded, split by columns
    for (m, n, k) in shapes {
        let shape = MatmulShape(m: m, n: n, k: k, transposeA: transposeA, transposeB: transposeB)
        let a: [T] = random.array(m * k, -1, 1), b: [T] = random.array(k * n, -1, 1)
        var expected = [T](repeating: 0, count: m * n)
        var actual = [T](repeating: .nan, count: m * n)      // C must be overwritten, NaN garbage included
        reference.matmul(a, b, &expected, shape: shape)
        simd.matmul(a, b, &actual, shape: shape)
        // Per-element bound 2·k·ε·(|A|·|B|)[i, j] (see the note at the top).
        var bound = [T](repeating: 0, count: m * n)
        reference.matmul(a.map { Swift.abs($0) }, b.map { Swift.abs($0) }, &bound, shape: shape)
        bound = bound.map { 2 * T(Swift.max(k, 1)) * T.ulpOfOne * $0 }
        expectClose(actual, expected, "matmul \(T.self) \(shape)", absolute: bound)
    }
}

@Test(arguments: paths)
func matmulPropagatesNaNAndInfinity(_ path: SIMDKernelPath) {
    let simd = SIMDBackend(path: path)
    let a: [Float] = [1, .nan, 2, 3, 4, 5, .infinity, 0, 1]
    let b: [Float] = [1, 0, 0, 0, 1, 0, 0, 0, 1]
    var c = [Float](repeating: 0, count: 9)
    simd.matmul(a, b, &c, shape: MatmulShape(m: 3, n: 3, k: 3))
    // Row 0 holds a NaN, so all of it is NaN (NaN·0 is NaN); row 2 holds inf: inf·1 = inf, inf·0 = NaN.
    #expect(c[0].isNaN && c[1].isNaN && c[2].isNaN)
    #expect(c[3] == 3 && c[4] == 4 && c[5] == 5)
    #expect(c[6] == .infinity && c[7].isNaN && c[8].isNaN)
}

// MARK: - Copies and level-1 composites

@Test func copyStridedMatchesReference() {
    checkCopyStrided(Float.self, SIMDBackend())
    checkCopyStrided(Double.self, SIMDBackend())
}

private func checkCopyStrided<T: TensorScalar>(_: T.Type, _ simd: SIMDBackend) {
    let source = (0..<(1 << 18)).map { T($0) }
    let cases: [([Int], [Int])] = [
        ([0, 5], [5, 1]), ([1], [1]), ([1, 1, 1], [0, 0, 0]), ([17], [1]), ([17], [3]), ([17], [0]),
        ([5, 7], [1, 5]),                   // 2-D transpose
        ([33, 65], [1, 33]),                // transpose with partial tiles
        ([3, 4, 5], [20, 1, 4]),            // batched transpose of the last two axes
        ([4, 3, 5], [5, 20, 1]),            // permute with a contiguous last axis
        ([2, 3, 4, 5], [60, 1, 15, 3]),     // general permute
        ([6, 1, 7], [7, 7, 1]),             // size-1 axis
        ([4, 9], [0, 1]),                   // expand rows
        ([9, 4], [1, 0]),                   // expand columns
        ([3, 10], [40, 2]),                 // slice with a step
        ([400, 400], [1, 400]),             // transpose past the threading threshold
        ([512, 300], [400, 1]),             // row slices past the threshold
        ([1 << 17 + 5], [1]),               // contiguous past the threshold
    ]
    for (shape, strides) in cases {
        let count = shape.reduce(1, *)
        var expected = [T](repeating: -1, count: count), actual = expected
        reference.copyStrided(source, shape: shape, strides: strides, &expected)
        simd.copyStrided(source, shape: shape, strides: strides, &actual)
        expectClose(actual, expected, "copyStrided \(T.self) \(shape) \(strides)")
    }
}

@Test(arguments: paths)
func fillCopyAxpyScaleDotMatchReference(_ path: SIMDKernelPath) {
    checkLevel1(Float.self, SIMDBackend(path: path))
    checkLevel1(Double.self, SIMDBackend(path: path))
}

private func checkLevel1<T: TensorScalar>(_: T.Type, _ simd: SIMDBackend) {
    var random = Random(13)
    for n in lengths {
        let x: [T] = random.array(n), y: [T] = random.array(n)
        var expected = [T](repeating: 0, count: n), actual = expected
        reference.fill(T(2.5), &expected, count: n)
        simd.fill(T(2.5), &actual, count: n)
        expectClose(actual, expected, "fill \(T.self) n=\(n)")
        simd.copy(x, &actual, count: n)
        expectClose(actual, x, "copy \(T.self) n=\(n)")
        expected = y
        actual = y
        reference.axpy(T(-0.75), x, &expected, count: n)
        simd.axpy(T(-0.75), x, &actual, count: n)
        // FMA (the C kernels) rounds once where the reference rounds twice: one ulp of the larger term.
        let axpyBound = zip(x, y).map { (x, y) in T.ulpOfOne * (Swift.abs(y) + Swift.abs(T(0.75) * x)) }
        expectClose(actual, expected, "axpy \(T.self) n=\(n)", absolute: axpyBound)
        expected = x
        actual = x
        reference.scale(T(1.5), &expected, count: n)
        simd.scale(T(1.5), &actual, count: n)
        expectClose(actual, expected, "scale \(T.self) n=\(n)")
        let dotBound = 2 * T(n) * T.ulpOfOne * zip(x, y).reduce(0) { $0 + Swift.abs($1.0 * $1.1) }
        expectClose([simd.dot(x, y, count: n)], [reference.dot(x, y, count: n)], "dot \(T.self) n=\(n)",
                    absolute: [dotBound])
    }
}
