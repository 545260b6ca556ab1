import EmberBackend
import EmberLinalg
import Testing

/// `|a − b| ≤ tolerance · max(1, |b|)` for every element.
private func close<T: TensorScalar>(_ a: [T], _ b: [T], _ tolerance: T) -> Bool {
    a.count == b.count && zip(a, b).allSatisfy { abs($0 - $1) <= tolerance * max(1, abs($1)) }
}

private func close<T: TensorScalar>(_ a: T, _ b: T, _ tolerance: T) -> Bool { close([a], [b], tolerance) }

/// Tolerance per precision: the problems below are well conditioned (condition numbers under 10), so a backward-stable
/// solver lands within a few hundred ulps.
private func tolerance<T: TensorScalar>(_: T.Type) -> T { 500 * T.ulpOfOne }

@Suite("LeastSquares on problems with known solutions")
struct LeastSquaresExactTests {
    @Test("overdetermined: X = [[1,0],[0,1],[1,1]], y = [1,2,4] gives w = [4/3, 7/3], RSS 1/3")
    func overdetermined() throws {
        try overdetermined(Float.self)
        try overdetermined(Double.self)
    }
    private func overdetermined<T: TensorScalar>(_: T.Type) throws {
        let fit = try LeastSquares.solve(x: [1, 0, 0, 1, 1, 1] as [T], rows: 3, columns: 2, y: [1, 2, 4])
        let tol = tolerance(T.self)
        #expect(close(fit.coefficients, [T(4) / 3, T(7) / 3], tol))
        #expect(fit.intercept == nil)
        #expect(fit.rank == 2)
        // XᵀX = [[2,1],[1,2]] has eigenvalues 3 and 1.
        #expect(close(fit.singularValues, [T(3).squareRoot(), 1], tol))
        #expect(close(fit.residualSumOfSquares, T(1) / 3, tol))
    }

    @Test("square: X = [[2,1],[1,3]], y = [3,5] gives w = [4/5, 7/5] exactly, RSS 0")
    func square() throws {
        try square(Float.self)
        try square(Double.self)
    }
    private func square<T: TensorScalar>(_: T.Type) throws {
        let fit = try LeastSquares.solve(x: [2, 1, 1, 3] as [T], rows: 2, columns: 2, y: [3, 5])
        #expect(close(fit.coefficients, [T(4) / 5, T(7) / 5], tolerance(T.self)))
        #expect(fit.rank == 2)
        #expect(fit.residualSumOfSquares <= tolerance(T.self))
    }

    @Test("rank-deficient: equal columns split the weight, the minimum-norm solution")
    func rankDeficient() throws {
        try rankDeficient(Float.self)
        try rankDeficient(Double.self)
    }
    private func rankDeficient<T: TensorScalar>(_: T.Type) throws {
        // X = [1,2,3]ᵀ·[1,1]: only w₁ + w₂ is determined; projecting y = [1,2,4] onto [1,2,3] gives w₁ + w₂ = 17/14,
        // and the minimum-norm choice is w₁ = w₂ = 17/28, leaving RSS = 21 − 17²/14 = 5/14.
        let fit = try LeastSquares.solve(x: [1, 1, 2, 2, 3, 3] as [T], rows: 3, columns: 2, y: [1, 2, 4])
        let tol = tolerance(T.self)
        #expect(fit.rank == 1)
        #expect(close(fit.coefficients, [T(17) / 28, T(17) / 28], tol))
        #expect(close(fit.singularValues[0], T(28).squareRoot(), tol))
        #expect(fit.singularValues[1] <= tol * fit.singularValues[0])
        #expect(close(fit.residualSumOfSquares, T(5) / 14, tol))
    }

    @Test("underdetermined: one equation x₁ + x₂ + x₃ = 3 gives the minimum-norm [1, 1, 1] (needs ldb ≥ columns)")
    func underdetermined() throws {
        let fit = try LeastSquares.solve(x: [1, 1, 1] as [Double], rows: 1, columns: 3, y: [3])
        #expect(close(fit.coefficients, [1, 1, 1], tolerance(Double.self)))
        #expect(fit.rank == 1)
        #expect(fit.singularValues.count == 1)
    }

    @Test("intercept: x = [0,1,2], y = [1,2,4] gives slope 3/2, intercept 5/6, RSS 1/6")
    func intercept() throws {
        try intercept(Float.self)
        try intercept(Double.self)
    }
    private func intercept<T: TensorScalar>(_: T.Type) throws {
        let fit = try LeastSquares.solve(x: [0, 1, 2] as [T], rows: 3, columns: 1, y: [1, 2, 4], fitIntercept: true)
        let tol = tolerance(T.self)
        #expect(close(fit.coefficients, [T(3) / 2], tol))
        #expect(close(try #require(fit.intercept), T(5) / 6, tol))
        #expect(fit.rank == 2)
        // The singular values are those of the centred column scaled to unit norm: one, equal to 1.
        #expect(close(fit.singularValues, [1], tol))
        #expect(close(fit.conditionNumber, 1, tol))
        #expect(close(fit.residualSumOfSquares, T(1) / 6, tol))
        #expect(close(fit.predict([4]), T(3) / 2 * 4 + T(5) / 6, tol))
    }

    @Test("intercept with two features recovers an exact plane y = 1 + 2a − 3b")
    func interceptPlane() throws {
        let rows: [(Double, Double)] = [(0, 0), (1, 0), (0, 1), (2, 3), (-1, 4)]
        let fit = try LeastSquares.solve(x: rows.flatMap { [$0.0, $0.1] }, rows: rows.count, columns: 2,
                                         y: rows.map { 1 + 2 * $0.0 - 3 * $0.1 }, fitIntercept: true)
        #expect(close(fit.coefficients, [2, -3], tolerance(Double.self)))
        #expect(close(try #require(fit.intercept), 1, tolerance(Double.self)))
        #expect(fit.residualSumOfSquares <= 1e-24)
    }

    @Test("intercept with a constant column: the column gets weight 0 and the intercept the mean (as scikit-learn)")
    func interceptRankDeficient() throws {
        // Centred, the constant column is zero: only the intercept explains y = 2, and the weight stays 0.
        let fit = try LeastSquares.solve(x: [1, 1, 1] as [Double], rows: 3, columns: 1, y: [2, 2, 2],
                                         fitIntercept: true)
        #expect(fit.rank == 1)
        #expect(fit.coefficients == [0])
        #expect(close(try #require(fit.intercept), 2, tolerance(Double.self)))
        #expect(fit.conditionNumber == .infinity)
    }

    @Test("rcond decides the rank of an ill-conditioned matrix")
    func rcondTruncates() throws {
        // diag(1, 1e-8): with the default rcond both directions count; with rcond 1e-6 the small one is dropped.
        let x: [Double] = [1, 0, 0, 1e-8], y: [Double] = [2, 3e-8]
        let full = try LeastSquares.solve(x: x, rows: 2, columns: 2, y: y)
        #expect(full.rank == 2)
        #expect(close(full.coefficients, [2, 3], 1e-6))
        let truncated = try LeastSquares.solve(x: x, rows: 2, columns: 2, y: y, rcond: 1e-6)
        #expect(truncated.rank == 1)
        #expect(close(truncated.coefficients, [2, 0], 1e-12))
        #expect(truncated.rcond == 1e-6)
    }

    @Test("the documentation example")
    func documentationExample() throws {
        // y = 2·x + 1 sampled at x = 0, 1, 2, 3
        let fit = try LeastSquares.solve(x: [0, 1, 2, 3] as [Double], rows: 4, columns: 1,
                                         y: [1, 3, 5, 7], fitIntercept: true)
        #expect(close(fit.coefficients, [2], 1e-12))
        #expect(close(fit.intercept ?? 0, 1, 1e-12))
        #expect(fit.rank == 2)
        #expect(fit.residualSumOfSquares < 1e-20)
    }
}

@Suite("LeastSquares against the normal equations")
struct LeastSquaresRandomTests {
    /// A small deterministic generator (SplitMix64), so failures reproduce.
    struct SplitMix64 {
        var state: UInt64
        mutating func next() -> UInt64 {
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }
        /// Uniform in [-1, 1).
        mutating func uniform() -> Double { Double(next() >> 11) * 0x1p-53 * 2 - 1 }
    }

    /// Solves `(AᵀA) w = Aᵀy` in Double by Gaussian elimination with partial pivoting; `a` is row-major `rows × n`.
    static func normalEquations(_ a: [Double], rows: Int, n: Int, _ y: [Double]) -> [Double] {
        var m = [Double](repeating: 0, count: n * (n + 1))   // augmented [AᵀA | Aᵀy]
        for i in 0..<n {
            for j in 0..<n { m[i * (n + 1) + j] = (0..<rows).reduce(0) { $0 + a[$1 * n + i] * a[$1 * n + j] } }
            m[i * (n + 1) + n] = (0..<rows).reduce(0) { $0 + a[$1 * n + i] * y[$1] }
        }
        for col in 0..<n {
            let pivot = (col..<n).max { abs(m[$0 * (n + 1) + col]) < abs(m[$1 * (n + 1) + col]) }!
            for j in 0...n { m.swapAt(col * (n + 1) + j, pivot * (n + 1) + j) }
            for row in (col + 1)..<n {
                let f = m[row * (n + 1) + col] / m[col * (n + 1) + col]
                for j in col...n { m[row * (n + 1) + j] -= f * m[col * (n + 1) + j] }
            }
        }
        var w = [Double](repeating: 0, count: n)
        for i in stride(from: n - 1, through: 0, by: -1) {
            let s = ((i + 1)..<n).reduce(m[i * (n + 1) + n]) { $0 - m[i * (n + 1) + $1] * w[$1] }
            w[i] = s / m[i * (n + 1) + i]
        }
        return w
    }

    @Test("random well-conditioned problems, Float and Double, with and without intercept",
          arguments: [(rows: 50, columns: 4, seed: UInt64(1)), (rows: 200, columns: 7, seed: UInt64(2)),
                      (rows: 9, columns: 8, seed: UInt64(3))])
    func againstNormalEquations(rows: Int, columns: Int, seed: UInt64) throws {
        var random = SplitMix64(state: seed)
        // Uniform features with a shift per column: a well-conditioned design, noise so the residual is not zero.
        let x = (0..<(rows * columns)).map { i in random.uniform() + Double(i % columns) * 0.25 }
        let truth = (0..<columns).map { _ in random.uniform() * 3 }
        var y = [Double](repeating: 0, count: rows)
        for i in 0..<rows {
            var sum = 0.5 + 0.1 * random.uniform()
            for j in 0..<columns { sum += x[i * columns + j] * truth[j] }
            y[i] = sum
        }
        for fitIntercept in [false, true] {
            let n = columns + (fitIntercept ? 1 : 0)
            var design: [Double] = []
            for i in 0..<rows {
                design += x[(i * columns)..<((i + 1) * columns)]
                if fitIntercept { design.append(1) }
            }
            let expected = Self.normalEquations(design, rows: rows, n: n, y)

            let double = try LeastSquares.solve(x: x, rows: rows, columns: columns, y: y, fitIntercept: fitIntercept)
            let doubleAll = double.coefficients + (double.intercept.map { [$0] } ?? [])
            #expect(close(doubleAll, expected, 1e-9), "Double, intercept \(fitIntercept)")
            #expect(double.rank == n)

            let float = try LeastSquares.solve(x: x.map(Float.init), rows: rows, columns: columns,
                                               y: y.map(Float.init), fitIntercept: fitIntercept)
            let floatAll = (float.coefficients + (float.intercept.map { [$0] } ?? [])).map(Double.init)
            #expect(close(floatAll, expected, 1e-3), "Float, intercept \(fitIntercept)")
            #expect(float.rank == n)

            // The residual sum of squares at the solution is the least one: RSS(expected) up to rounding.
            let rss = (0..<rows).reduce(0.0) { sum, i in
                let r = (0..<n).reduce(-y[i]) { $0 + design[i * n + $1] * expected[$1] }
                return sum + r * r
            }
            #expect(close(double.residualSumOfSquares, rss, 1e-9))
        }
    }
}

@Suite("LeastSquares rejects bad input with the documented error")
struct LeastSquaresErrorTests {
    @Test("no rows or no columns")
    func empty() {
        #expect(throws: LeastSquaresError.emptyProblem(rows: 0, columns: 2)) {
            try LeastSquares.solve(x: [Double](), rows: 0, columns: 2, y: [])
        }
        #expect(throws: LeastSquaresError.emptyProblem(rows: 3, columns: 0)) {
            try LeastSquares.solve(x: [Double](), rows: 3, columns: 0, y: [1, 2, 3], fitIntercept: true)
        }
    }

    @Test("X's element count is not rows × columns")
    func elementCount() {
        #expect(throws: LeastSquaresError.elementCountMismatch(count: 5, rows: 3, columns: 2)) {
            try LeastSquares.solve(x: [1, 2, 3, 4, 5] as [Double], rows: 3, columns: 2, y: [1, 2, 3])
        }
        #expect(throws: LeastSquaresError.elementCountMismatch(count: 1, rows: Int.max, columns: 2)) {
            try LeastSquares.solve(x: [1] as [Float], rows: Int.max, columns: 2, y: [1])
        }
    }

    @Test("X and y disagree in rows")
    func rowCount() {
        #expect(throws: LeastSquaresError.rowCountMismatch(rows: 3, yCount: 2)) {
            try LeastSquares.solve(x: [1, 2, 3] as [Float], rows: 3, columns: 1, y: [1, 2])
        }
    }

    @Test("NaN or infinity in X or y, reported with its position")
    func nonFinite() {
        do {
            _ = try LeastSquares.solve(x: [1, 2, 3, .nan, 5, 6] as [Double], rows: 3, columns: 2, y: [1, 2, 3])
            Issue.record("NaN in X did not throw")
        } catch {
            guard case .nonFiniteInX(row: 1, column: 1, let value) = error, value.isNaN else {
                Issue.record("wrong error: \(error)")
                return
            }
            #expect(error.description.contains("X[1, 1]"))
        }
        #expect(throws: LeastSquaresError.nonFiniteInX(row: 2, column: 0, value: -.infinity)) {
            try LeastSquares.solve(x: [1, 2, -.infinity] as [Float], rows: 3, columns: 1, y: [1, 2, 3])
        }
        #expect(throws: LeastSquaresError.nonFiniteInY(row: 1, value: .infinity)) {
            try LeastSquares.solve(x: [1, 2, 3] as [Double], rows: 3, columns: 1, y: [1, .infinity, 3])
        }
    }

    @Test("a negative or NaN rcond")
    func rcond() {
        #expect(throws: LeastSquaresError.invalidRcond(-1)) {
            try LeastSquares.solve(x: [1, 2] as [Double], rows: 2, columns: 1, y: [1, 2], rcond: -1)
        }
        // NaN is not equal to itself, so match the case and check its value.
        let error = #expect(throws: LeastSquaresError.self) {
            try LeastSquares.solve(x: [1, 2] as [Double], rows: 2, columns: 1, y: [1, 2], rcond: .nan)
        }
        var isNaNRcond = false
        if case .invalidRcond(let value)? = error { isNaNRcond = value.isNaN }
        #expect(isNaNRcond, "\(String(describing: error))")
    }

    @Test("the messages say what is wrong")
    func messages() {
        #expect(LeastSquaresError.rowCountMismatch(rows: 3, yCount: 2).description
            == "X has 3 rows but y has 2 elements; they must match")
        #expect(LeastSquaresError.elementCountMismatch(count: 5, rows: 3, columns: 2).description
            == "X holds 5 elements but rows × columns is 3 × 2 = 6")
        #expect(LeastSquaresError.lapackFailure(routine: "dgelsd", info: 2).description.contains("did not converge"))
        #expect(LeastSquaresError.lapackFailure(routine: "sgelsd", info: -4).description
            == "LAPACK sgelsd failed with info = -4: argument 4 had an illegal value")
        #expect(LeastSquaresError.nonFiniteInY(row: 7, value: .nan).description.contains("y[7]"))
    }
}
