import EmberBackend

/// Linear least squares on LAPACK: the `w` (and optionally intercept `b`) that minimise `‖X·w + b − y‖₂`.
public enum LeastSquares {
    /// Solves `min ‖X·w − y‖₂` (or `min ‖X·w + b − y‖₂` with `fitIntercept`) with LAPACK's SVD-based `?gelsd`
    /// (`sgelsd` for `Float`, `dgelsd` for `Double`).
    ///
    /// Because it works from the singular value decomposition, rank-deficient and ill-conditioned `X` are fine:
    /// singular values at or below `rcond` times the largest count as zero, and among all minimisers the one of
    /// smallest norm is returned. An underdetermined `X` (fewer rows than columns) gets that minimum-norm solution too.
    ///
    /// With `fitIntercept`, the columns of `X` and `y` are centred on their means and each centred column is scaled
    /// to unit 2-norm before solving, and the solution is mapped back: `b = ȳ − x̄·w`. This is what scikit-learn's
    /// `LinearRegression` does (it centres; the scaling is Ember's), and it keeps the fit right where solving the raw
    /// columns loses it: a feature with a large offset (`x = 1e12 + u`) or features of very different scales
    /// (`1e19` next to `1e-21`). The means are exact to rounding (a second pass removes the error of the first), a
    /// constant column gets weight 0, and for exactly collinear columns the minimum-norm choice is taken in the
    /// scaled units. `singularValues` and `conditionNumber` are then those of the centred, scaled `X` (the matrix
    /// actually solved), and `rank` counts the intercept too (the rank of `[X 1]`).
    ///
    /// ```swift
    /// // y = 2·x + 1 sampled at x = 0, 1, 2, 3
    /// let fit = try LeastSquares.solve(x: [0, 1, 2, 3] as [Double], rows: 4, columns: 1,
    ///                                  y: [1, 3, 5, 7], fitIntercept: true)
    /// print(fit.coefficients, fit.intercept ?? 0)   // ≈ [2.0] 1.0
    /// print(fit.rank, fit.residualSumOfSquares)     // 2 ≈ 0.0
    /// print(fit.conditionNumber)                    // 1.0: one centred column, scaled to unit norm
    /// ```
    ///
    /// - Parameters:
    ///   - x: The matrix `X`, `rows × columns`, row-major: `x[i * columns + j]` is row `i`, column `j`.
    ///   - rows: The number of observations; at least 1.
    ///   - columns: The number of features; at least 1.
    ///   - y: The `rows` targets.
    ///   - fitIntercept: Whether to fit an intercept `b` as well (default `false`).
    ///   - rcond: The relative threshold for treating singular values as zero; `nil` (the default) means
    ///     `T.ulpOfOne · max(rows, n)` for the `n` unknowns (one more with an intercept), as in NumPy's `lstsq`.
    /// - Returns: The coefficients, the intercept (`nil` without `fitIntercept`), the effective rank, the singular
    ///   values (and so the condition number) and the residual sum of squares.
    /// - Throws: `LeastSquaresError`: `.emptyProblem` with no rows or columns, `.elementCountMismatch` when `x`
    ///   does not hold `rows × columns` elements, `.rowCountMismatch` when `y` does not hold `rows`,
    ///   `.nonFiniteInX` / `.nonFiniteInY` at the first NaN or infinity, `.invalidRcond`, `.overflow` when centring a
    ///   column overflows `Double` (values near ±1e308 of both signs), `.tooLarge` beyond LAPACK's
    ///   32-bit dimensions, `.unsupportedScalarType` for a type other than `Float` or `Double`, and `.lapackFailure`
    ///   with LAPACK's `info` when the SVD does not converge.
    /// - Complexity: `O(rows · columns · min(rows, columns))` time; copies of `X` and `y` in memory.
    public static func solve<T: TensorScalar>(
        x: [T], rows: Int, columns: Int, y: [T], fitIntercept: Bool = false, rcond: T? = nil
    ) throws(LeastSquaresError) -> LeastSquaresSolution<T> {
        try validate(x: x, rows: rows, columns: columns, y: y, rcond: rcond)
        let ldb = max(rows, columns)
        // LAPACK's integers are 32-bit; keeping the whole matrix within that range also keeps its index arithmetic
        // (and workspace sizes of the same order) from overflowing.
        guard let m32 = Int32(exactly: rows), let n32 = Int32(exactly: columns), let ldb32 = Int32(exactly: ldb),
              rows * (columns + 1) <= Int(Int32.max) else {
            throw .tooLarge(rows: rows, columns: columns)
        }
        let threshold = rcond ?? T.ulpOfOne * T(max(rows, columns + (fitIntercept ? 1 : 0)))

        // LAPACK overwrites both operands, so they are copies: `a` is X column-major (centred and scaled with an
        // intercept), `b` is y (centred with an intercept) padded to ldb.
        let a = UnsafeMutablePointer<T>.allocate(capacity: rows * columns)
        defer { a.deallocate() }
        let b = UnsafeMutablePointer<T>.allocate(capacity: ldb)
        defer { b.deallocate() }
        b.initialize(repeating: 0, count: ldb)
        var centrings: [Centring] = [], target: Centring?
        if fitIntercept {
            for j in 0..<columns {
                guard let column = Centring(rows: rows, { x[$0 * columns + j] }) else { throw .overflow(column: j) }
                centrings.append(column)
                for i in 0..<rows { a[j * rows + i] = T(column.centred(x[i * columns + j]) / column.scale) }
            }
            guard let centring = Centring(rows: rows, { y[$0] }) else { throw .overflow(column: nil) }
            target = centring
            for i in 0..<rows { b[i] = T(centring.centred(y[i])) }
        } else {
            for i in 0..<rows {
                for j in 0..<columns { a[j * rows + i] = x[i * columns + j] }
                b[i] = y[i]
            }
        }
        let singularCount = min(rows, columns)
        let s = UnsafeMutablePointer<T>.allocate(capacity: singularCount)
        defer { s.deallocate() }
        s.initialize(repeating: 0, count: singularCount)

        var rank: Int32 = 0
        guard let (info, routine) = Gelsd.solve(m: m32, n: n32, a: a, b: b, ldb: ldb32, s: s, rcond: threshold,
                                                rank: &rank) else {
            throw .unsupportedScalarType(String(describing: T.self))
        }
        guard info == 0 else { throw .lapackFailure(routine: routine, info: Int(info)) }

        // Back to the data's units: wⱼ = vⱼ / sⱼ and b = ȳ − Σⱼ wⱼ x̄ⱼ (scikit-learn's `_set_intercept`).
        let weights = (0..<columns).map { Double(b[$0]) / (centrings.isEmpty ? 1 : centrings[$0].scale) }
        var intercept: T?
        if let target {
            var sum = target.mean, remainder = target.remainder
            for (w, column) in zip(weights, centrings) {
                sum -= w * column.mean
                remainder -= w * column.remainder
            }
            intercept = T(sum + remainder)
        }
        return LeastSquaresSolution(
            coefficients: weights.map { T($0) }, intercept: intercept, rank: Int(rank) + (fitIntercept ? 1 : 0),
            singularValues: Array(UnsafeBufferPointer(start: s, count: singularCount)),
            residualSumOfSquares: residualSumOfSquares(x: x, rows: rows, columns: columns, y: y, w: weights,
                                                       centrings: centrings, target: target),
            rcond: threshold)
    }

    /// Throws the first problem with the inputs, in the order the documentation lists them.
    private static func validate<T: TensorScalar>(x: [T], rows: Int, columns: Int, y: [T],
                                                  rcond: T?) throws(LeastSquaresError) {
        guard rows >= 1, columns >= 1 else { throw .emptyProblem(rows: rows, columns: columns) }
        let (count, overflow) = rows.multipliedReportingOverflow(by: columns)
        guard !overflow, x.count == count else {
            throw .elementCountMismatch(count: x.count, rows: rows, columns: columns)
        }
        guard y.count == rows else { throw .rowCountMismatch(rows: rows, yCount: y.count) }
        if let index = x.firstIndex(where: { !$0.isFinite }) {
            throw .nonFiniteInX(row: index / columns, column: index % columns, value: Double(x[index]))
        }
        if let index = y.firstIndex(where: { !$0.isFinite }) {
            throw .nonFiniteInY(row: index, value: Double(y[index]))
        }
        if let rcond, !(rcond.isFinite && rcond >= 0) { throw .invalidRcond(Double(rcond)) }
    }

    /// `Σᵢ (X·w + b − y)ᵢ²`, accumulated in `Double`; with an intercept as `Σᵢ ((xᵢ − x̄)·w − (yᵢ − ȳ))²` (the
    /// intercept is `ȳ − x̄·w`), so that a large offset does not swamp the residuals.
    private static func residualSumOfSquares<T: TensorScalar>(x: [T], rows: Int, columns: Int, y: [T], w: [Double],
                                                              centrings: [Centring], target: Centring?) -> T {
        var total = 0.0
        for i in 0..<rows {
            var r = -(target?.centred(y[i]) ?? Double(y[i]))
            for j in 0..<columns {
                let value = x[i * columns + j]
                r += (centrings.isEmpty ? Double(value) : centrings[j].centred(value)) * w[j]
            }
            total += r * r
        }
        return T(total)
    }
}

/// A column's deviations from its mean, `(x − mean) − remainder`, and their 2-norm `scale` (1 for a constant column, as
/// scikit-learn's `_handle_zeros_in_scale`), in `Double` without intermediate overflow.
///
/// The mean is kept in two parts: `mean`, rounded to `Double`, and `remainder`, the mean of `x − mean`. Subtracting a
/// rounded mean alone leaves the centred column with a mean of up to half an ulp of the data (6e-5 for values near
/// 1e12), which the solve without intercept then reads as signal, biasing the slope.
private struct Centring {
    let mean: Double
    let remainder: Double
    let scale: Double

    /// `nil` when a deviation overflows `Double`.
    init?(rows: Int, _ value: (Int) -> some TensorScalar) {
        let n = Double(rows)
        var mean = 0.0
        for i in 0..<rows { mean += Double(value(i)) / n }
        var remainder = 0.0
        for i in 0..<rows { remainder += (Double(value(i)) - mean) / n }
        var largest = 0.0
        for i in 0..<rows { largest = max(largest, abs(Double(value(i)) - mean - remainder)) }
        guard largest.isFinite, remainder.isFinite else { return nil }
        var squares = 0.0
        if largest > 0 {
            for i in 0..<rows {
                let d = (Double(value(i)) - mean - remainder) / largest
                squares += d * d
            }
        }
        self.mean = mean
        self.remainder = remainder
        scale = largest > 0 ? largest * squares.squareRoot() : 1
    }

    /// The deviation of `x` from the mean.
    func centred(_ x: some TensorScalar) -> Double { Double(x) - mean - remainder }
}
