import EmberBackend

extension KernelChecker {
    /// `matmul` with the four transpose combinations: every GEMM edge size, random products of edge sizes,
    /// degenerate shapes (`m`, `n` or `k` of 0 or 1; with `k == 0` the output must be zeroed), and one product around
    /// 300 per scalar type that takes the blocked and threaded paths.
    mutating func checkMatmul() {
        for transposeA in [false, true] {
            for transposeB in [false, true] {
                func shape(_ m: Int, _ n: Int, _ k: Int) -> MatmulShape {
                    MatmulShape(m: m, n: n, k: k, transposeA: transposeA, transposeB: transposeB)
                }
                for s in Sizes.gemm where s <= 65 { checkMatmul(shape(s, s, s)) }
                for s in Sizes.gemm where s > 65 {
                    checkMatmul(shape(s, rng.pick([1, 7, 17]), rng.pick([15, 33])))
                    checkMatmul(shape(rng.pick([1, 7, 17]), s, rng.pick([16, 31])))
                    checkMatmul(shape(rng.pick([7, 16]), rng.pick([1, 17]), s))
                }
                for _ in 0..<10 {
                    let m = rng.pick(Sizes.gemm), n = rng.pick(Sizes.gemm)
                    let k = rng.pick(Sizes.gemm.filter { $0 * m * n <= 200_000 })
                    checkMatmul(shape(m, n, k))
                }
                for (m, n, k) in [(0, 5, 3), (4, 0, 3), (4, 5, 0), (1, 1, 1), (1, 33, 17), (33, 1, 17), (17, 33, 1)] {
                    checkMatmul(shape(m, n, k))
                }
            }
        }
        if includeLarge {
            let sizes = T.self == Float.self ? (320, 288, 300) : (300, 264, 296)
            checkMatmul(MatmulShape(m: sizes.0, n: sizes.1, k: sizes.2,
                                    transposeA: rng.chance(0.5), transposeB: rng.chance(0.5)))
        }
    }

    private mutating func checkMatmul(_ shape: MatmulShape) {
        let (m, n, k) = (shape.m, shape.n, shape.k)
        let a = Operand<T>(rng.values(m * k, .uniform(-1...1)))
        let b = Operand<T>(rng.values(k * n, .uniform(-1...1)))
        // Element strides of op(A)[i, p] and op(B)[p, j] in the stored matrices.
        let (aRow, aColumn) = shape.transposeA ? (1, m) : (k, 1)
        let (bRow, bColumn) = shape.transposeB ? (1, k) : (n, 1)
        let rowNorms = (0..<m).map { i in Self.norm(a.values, start: i * aRow, stride: aColumn, count: k) }
        let columnNorms = (0..<n).map { j in Self.norm(b.values, start: j * bColumn, stride: bRow, count: k) }
        var magnitudes = [Double](repeating: 0, count: m * n)
        for i in 0..<m {
            for j in 0..<n { magnitudes[i * n + j] = rowNorms[i] * columnNorms[j] }
        }
        let inputs = { (index: Int) -> String in
            "row \(index / max(n, 1)) of op(A) · column \(index % max(n, 1)) of op(B), \(k) terms"
        }
        check("matmul", "shape \(shape)", count: m * n, tolerance: .accumulation(T.self, length: k),
              magnitudes: magnitudes, inputs: inputs) { backend, c in
            a.withPointer { a in b.withPointer { b in backend.matmul(a, b, c, shape: shape) } }
        }
    }

    /// The Euclidean norm of `count` elements of `values` from `start` with `stride`; by Cauchy–Schwarz the product
    /// of a row norm of op(A) and a column norm of op(B) bounds `Σₚ |aᵢₚ·bₚⱼ|`.
    private static func norm(_ values: [Double], start: Int, stride: Int, count: Int) -> Double {
        var sum = 0.0
        for p in 0..<count {
            let v = values[start + p * stride]
            sum += v * v
        }
        return sum.squareRoot()
    }
}
