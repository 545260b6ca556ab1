import EmberBackend

/// Linear least squares on LAPACK: the `w` (and optionally intercept `b`) that minimise `‖X·w + b − y‖₂`.
public enum LeastSquares {
    /// Solves `min ‖X·w − y‖₂` (or `min ‖X·w + b − y‖₂` with `fitIntercept`) with LAPACK's SVD-based `?gelsd`
    /// (`sgelsd` for `Float`, `dgelsd` for `Double`).
    ///
    /// Because it works from the singular value decomposition, rank-deficient and ill-conditioned `X` are fine:
    /// singular values at or below `rcond` times the largest count as zero, and among all minimisers the one of
    /// smallest norm is returned. An underdetermined `X` (fewer rows than columns) gets that minimum-norm solution too.
    /// With `fitIntercept`, a column of ones is appended to `X` and its weight is reported as `intercept`; the rank,
    /// singular values and minimum-norm choice then refer to `[X 1]`, so the intercept takes part in the norm.
    ///
    /// ```swift
    /// // y = 2·x + 1 sampled at x = 0, 1, 2, 3
    /// let fit = try LeastSquares.solve(x: [0, 1, 2, 3] as [Double], rows: 4, columns: 1,
    ///                                  y: [1, 3, 5, 7], fitIntercept: true)
    /// print(fit.coefficients, fit.intercept ?? 0)   // ≈ [2.0] 1.0
    /// print(fit.rank, fit.residualSumOfSquares)     // 2 ≈ 0.0
    /// ```
    ///
    /// - Parameters:
    ///   - x: The matrix `X`, `rows × columns`, row-major: `x[i * columns + j]` is row `i`, column `j`.
    ///   - rows: The number of observations; at least 1.
    ///   - columns: The number of features; at least 1.
    ///   - y: The `rows` targets.
    ///   - fitIntercept: Whether to fit an intercept `b` as well (default `false`).
    ///   - rcond: The relative threshold for treating singular values as zero; `nil` (the default) means
    ///     `T.ulpOfOne · max(rows, n)` for the `n` columns solved (one more with an intercept), as in NumPy's `lstsq`.
    /// - Returns: The coefficients, the intercept (`nil` without `fitIntercept`), the effective rank, the singular
    ///   values and the residual sum of squares.
    /// - Throws: `LeastSquaresError`: `.emptyProblem` with no rows or columns, `.elementCountMismatch` when `x`
    ///   does not hold `rows × columns` elements, `.rowCountMismatch` when `y` does not hold `rows`,
    ///   `.nonFiniteInX` / `.nonFiniteInY` at the first NaN or infinity, `.invalidRcond`, `.tooLarge` beyond LAPACK's
    ///   32-bit dimensions, `.unsupportedScalarType` for a type other than `Float` or `Double`, and `.lapackFailure`
    ///   with LAPACK's `info` when the SVD does not converge.
    /// - Complexity: `O(rows · columns · min(rows, columns))` time; copies of `X` and `y` in memory.
    public static func solve<T: TensorScalar>(
        x: [T], rows: Int, columns: Int, y: [T], fitIntercept: Bool = false, rcond: T? = nil
    ) throws(LeastSquaresError) -> LeastSquaresSolution<T> {
        try validate(x: x, rows: rows, columns: columns, y: y, rcond: rcond)
        let n = columns + (fitIntercept ? 1 : 0)
        let ldb = max(rows, n)
        // LAPACK's integers are 32-bit; keeping the whole matrix within that range also keeps its index arithmetic
        // (and workspace sizes of the same order) from overflowing.
        guard let m32 = Int32(exactly: rows), let n32 = Int32(exactly: n), let ldb32 = Int32(exactly: ldb),
              rows * n <= Int(Int32.max) else {
            throw .tooLarge(rows: rows, columns: columns)
        }
        let threshold = rcond ?? T.ulpOfOne * T(max(rows, n))

        // LAPACK overwrites both operands, so they are copies; `a` is column-major [X 1], `b` is y padded to ldb.
        let a = UnsafeMutablePointer<T>.allocate(capacity: rows * n)
        defer { a.deallocate() }
        for i in 0..<rows {
            for j in 0..<columns { a[j * rows + i] = x[i * columns + j] }
        }
        if fitIntercept { (a + columns * rows).initialize(repeating: 1, count: rows) }
        let b = UnsafeMutablePointer<T>.allocate(capacity: ldb)
        defer { b.deallocate() }
        b.initialize(repeating: 0, count: ldb)
        for i in 0..<rows { b[i] = y[i] }
        let singularCount = min(rows, n)
        let s = UnsafeMutablePointer<T>.allocate(capacity: singularCount)
        defer { s.deallocate() }
        s.initialize(repeating: 0, count: singularCount)

        var rank: Int32 = 0
        guard let (info, routine) = Gelsd.solve(m: m32, n: n32, a: a, b: b, ldb: ldb32, s: s, rcond: threshold,
                                                rank: &rank) else {
            throw .unsupportedScalarType(String(describing: T.self))
        }
        guard info == 0 else { throw .lapackFailure(routine: routine, info: Int(info)) }

        let coefficients = Array(UnsafeBufferPointer(start: b, count: columns))
        let intercept = fitIntercept ? b[columns] : nil
        return LeastSquaresSolution(
            coefficients: coefficients, intercept: intercept, rank: Int(rank),
            singularValues: Array(UnsafeBufferPointer(start: s, count: singularCount)),
            residualSumOfSquares: residualSumOfSquares(x: x, rows: rows, columns: columns, y: y,
                                                       w: coefficients, b: intercept ?? 0),
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

    /// `Σᵢ (X·w + b − y)ᵢ²`, accumulated in `Double`.
    private static func residualSumOfSquares<T: TensorScalar>(x: [T], rows: Int, columns: Int, y: [T],
                                                              w: [T], b: T) -> T {
        var total = 0.0
        for i in 0..<rows {
            var r = Double(b) - Double(y[i])
            for j in 0..<columns { r += Double(x[i * columns + j]) * Double(w[j]) }
            total += r * r
        }
        return T(total)
    }
}
