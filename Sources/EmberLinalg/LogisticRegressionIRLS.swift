import Foundation

/// Two-class logistic regression solved exactly by Newton's method (iteratively reweighted least squares), each
/// Newton step a least-squares solve on LAPACK (`LeastSquares.solve`, `dgelsd`).
///
/// For rows `xᵢ` with labels `yᵢ ∈ {0, 1}`, it minimises the mean negative log-likelihood plus an L2 penalty on the
/// weights, and on the intercept `b` too with `penalizeIntercept`:
///
/// ```text
/// f(w, b) = (1/n) Σᵢ [log(1 + exp(ηᵢ)) − yᵢ ηᵢ] + (penalty / 2) · (‖w‖² [+ b²]),     ηᵢ = xᵢ · w + b
/// ```
///
/// This is the objective that gradient descent with weight decay `λ` minimises, with `penalty = λ`: PyTorch's (and
/// Ember's) `SGD(weightDecay: λ)` adds `λ·p` to the gradient of the mean loss for every parameter `p` it is given,
/// which is the gradient of `(λ/2)·‖p‖²` (the bias included when it is among the parameters, as with
/// `model.parameters()`). A two-class softmax model with weight rows `w₀, w₁` and biases `b₀, b₁`, all decayed by
/// `λ`, has its optimum at `w₀ = −w₁`, `b₀ = −b₁`; the differences `w₁ − w₀`, `b₁ − b₀` solve this problem with
/// `penalty = λ/2` and `penalizeIntercept`.
///
/// Newton's step `H·δ = −g`, with `H = (1/n)·X̃ᵀ diag(pᵢ(1 − pᵢ)) X̃ + penalty·D` for `X̃ = [X 1]` and `D` the
/// identity (its last entry 0 unless `penalizeIntercept`), is solved as the least-squares problem `min ‖A·δ − r‖`
/// whose normal equations it is: `A` stacks the rows `√(pᵢ(1 − pᵢ)/n)·x̃ᵢ` over `√penalty·D`, and `r` stacks
/// `(yᵢ − pᵢ)/√(n·pᵢ(1 − pᵢ))` over `−√penalty·D·(w, b)`. Each
/// step is shortened (halved) until the objective decreases enough (Armijo), so the iterates converge from any start.
///
/// Without a penalty the maximum need not exist. When the classes are separated by a hyperplane, some iterate
/// classifies every row correctly and the fit throws ``LogisticRegressionError/separated(iteration:)``; when they are
/// quasi-separated (some rows on the hyperplane) the coefficients grow without converging, the weights `pᵢ(1 − pᵢ)` of
/// the rows on either side fall to rounding level (the weighted least-squares problem loses rank), and it throws
/// ``LogisticRegressionError/diverged(iterations:largestCoefficient:)``.
///
/// ```swift
/// // Overlapping classes on one feature: a finite maximum exists.
/// let fit = try LogisticRegressionIRLS.fit(x: [0, 1, 2, 3, 4, 5], rows: 6, columns: 1, y: [0, 0, 1, 0, 1, 1])
/// print(fit.coefficients, fit.intercept)   // the maximum-likelihood w and b
/// ```
public enum LogisticRegressionIRLS {
    /// Fits `w` and `b` by Newton's method.
    ///
    /// - Parameters:
    ///   - x: The matrix `X`, `rows × columns`, row-major.
    ///   - rows: The number of observations; at least 1.
    ///   - columns: The number of features; at least 1.
    ///   - y: The `rows` labels, each 0 or 1, both present.
    ///   - penalty: The L2 penalty on the weights, finite and at least 0 (see the objective above).
    ///   - penalizeIntercept: Whether the penalty covers the intercept too (default `false`).
    ///   - maxIterations: The Newton steps allowed before giving up (default 100).
    ///   - tolerance: Converged when no component of a step exceeds `tolerance · (1 + the largest coefficient)`.
    /// - Returns: The coefficients, the intercept, the iterations, the objective and its gradient at the solution.
    /// - Throws: ``LogisticRegressionError``: bad inputs (`.emptyProblem`, `.sizeMismatch`, `.nonFiniteInX`,
    ///   `.labelNotBinary`, `.singleClass`, `.invalidPenalty`), no unique maximum (`.collinear` without a penalty),
    ///   no maximum (`.separated`, `.diverged`), or
    ///   `.leastSquares` when LAPACK fails.
    /// - Complexity: each iteration is one `?gelsd` solve of `(rows + columns) × (columns + 1)`.
    public static func fit(x: [Double], rows: Int, columns: Int, y: [Double], penalty: Double = 0,
                           penalizeIntercept: Bool = false, maxIterations: Int = 100, tolerance: Double = 1e-10)
        throws(LogisticRegressionError) -> LogisticRegressionSolution {
        try validate(x: x, rows: rows, columns: columns, y: y, penalty: penalty)
        let n = Double(rows), d = columns
        let penalised = penalty > 0 ? (penalizeIntercept ? d + 1 : d) : 0   // the coefficients the penalty covers
        let positives = y.reduce(0, +)
        var beta = [Double](repeating: 0, count: d + 1)   // w, then b
        beta[d] = log(positives / (n - positives))

        func predictors(_ beta: [Double]) -> [Double] {
            (0..<rows).map { i in (0..<d).reduce(beta[d]) { $0 + x[i * d + $1] * beta[$1] } }
        }
        func objective(_ beta: [Double], _ eta: [Double]) -> Double {
            var total = 0.0
            for i in 0..<rows { total += softplus(eta[i]) - y[i] * eta[i] }
            return total / n + penalty / 2 * (0..<penalised).reduce(0) { $0 + beta[$1] * beta[$1] }
        }
        func gradient(_ beta: [Double], _ eta: [Double]) -> [Double] {
            var g = [Double](repeating: 0, count: d + 1)
            for i in 0..<rows {
                let residual = (sigmoid(eta[i]) - y[i]) / n
                for j in 0..<d { g[j] += residual * x[i * d + j] }
                g[d] += residual
            }
            for j in 0..<penalised { g[j] += penalty * beta[j] }
            return g
        }

        var eta = predictors(beta)
        var value = objective(beta, eta)
        let root = penalty.squareRoot()
        for iteration in 0..<maxIterations {
            if penalty == 0, zip(eta, y).allSatisfy({ $1 == 1 ? $0 > 0 : $0 < 0 }) {
                throw .separated(iteration: iteration)
            }
            if let largest = eta.map(abs).max(), largest > 700 {
                throw .diverged(iterations: iteration, largestCoefficient: beta.map(abs).max() ?? 0)
            }
            // The weighted rows √(wᵢ/n)·[xᵢ 1] and residuals (yᵢ − pᵢ)/√(n·wᵢ), written without forming pᵢ(1 − pᵢ):
            // √(p(1 − p)) = 1 / (2 cosh(η/2)), and the residual is e^(−η/2) for y = 1, −e^(η/2) for y = 0.
            let m = rows + penalised
            var a = [Double](repeating: 0, count: m * (d + 1)), r = [Double](repeating: 0, count: m)
            let scale = 1 / n.squareRoot()
            for i in 0..<rows {
                let weight = scale / (2 * cosh(eta[i] / 2))
                for j in 0..<d { a[i * (d + 1) + j] = weight * x[i * d + j] }
                a[i * (d + 1) + d] = weight
                r[i] = scale * (y[i] == 1 ? exp(-eta[i] / 2) : -exp(eta[i] / 2))
            }
            for j in 0..<penalised {
                a[(rows + j) * (d + 1) + j] = root
                r[rows + j] = -root * beta[j]
            }
            let solution: LeastSquaresSolution<Double>
            do { solution = try LeastSquares.solve(x: a, rows: m, columns: d + 1, y: r) } catch { throw .leastSquares(error) }
            // [X 1] has full rank (checked below), so a rank drop means some weights pᵢ(1 − pᵢ) fell to rounding
            // level: those rows' probabilities are 0 or 1, the mark of an iterate running off to infinity.
            guard solution.rank == d + 1 else {
                throw .diverged(iterations: iteration, largestCoefficient: beta.map(abs).max() ?? 0)
            }
            let step = solution.coefficients

            // Backtracking: halve the step until the objective falls by at least 1e-4 of the predicted decrease. When
            // that decrease is below the objective's rounding, the objective cannot judge the step: take it whole
            // (near the optimum Newton's full step is the right one; on quasi-separated data the iterates then keep
            // growing and end in `.diverged`).
            let slope = zip(gradient(beta, eta), step).reduce(0) { $0 + $1.0 * $1.1 }
            let resolvable = -slope > 1e-14 * max(1, abs(value))
            var t = 1.0, candidate = beta, candidateEta = eta, candidateValue = value
            while t >= 1e-12 {
                candidate = zip(beta, step).map { $0 + t * $1 }
                candidateEta = predictors(candidate)
                candidateValue = objective(candidate, candidateEta)
                if !resolvable || candidateValue <= value + 1e-4 * t * slope { break }
                t /= 2
            }
            let converged = t < 1e-12   // no decrease is possible any more: the optimum to rounding
                || step.map { abs(t * $0) }.max()! <= tolerance * (1 + candidate.map(abs).max()!)
            if t >= 1e-12 { (beta, eta, value) = (candidate, candidateEta, candidateValue) }
            if converged {
                return LogisticRegressionSolution(
                    coefficients: Array(beta[..<d]), intercept: beta[d], iterations: iteration + 1, objective: value,
                    gradientNorm: gradient(beta, eta).map(abs).max() ?? 0)
            }
        }
        throw .diverged(iterations: maxIterations, largestCoefficient: beta.map(abs).max() ?? 0)
    }

    /// `1 / (1 + e^(−z))`, without overflow for large `|z|`.
    public static func sigmoid(_ z: Double) -> Double {
        z >= 0 ? 1 / (1 + exp(-z)) : exp(z) / (1 + exp(z))
    }

    /// `log(1 + e^z)`, without overflow for large `z`.
    static func softplus(_ z: Double) -> Double {
        max(z, 0) + log1p(exp(-abs(z)))
    }

    private static func validate(x: [Double], rows: Int, columns: Int, y: [Double],
                                 penalty: Double) throws(LogisticRegressionError) {
        guard rows >= 1, columns >= 1 else { throw .emptyProblem(rows: rows, columns: columns) }
        let (count, overflow) = rows.multipliedReportingOverflow(by: columns)
        guard !overflow, x.count == count, y.count == rows else {
            throw .sizeMismatch(xCount: x.count, yCount: y.count, rows: rows, columns: columns)
        }
        if let index = x.firstIndex(where: { !$0.isFinite }) {
            throw .nonFiniteInX(row: index / columns, column: index % columns, value: x[index])
        }
        if let index = y.firstIndex(where: { $0 != 0 && $0 != 1 }) { throw .labelNotBinary(row: index, value: y[index]) }
        guard penalty.isFinite && penalty >= 0 else { throw .invalidPenalty(penalty) }
        let positives = y.reduce(0, +)
        if positives == 0 || positives == Double(rows) { throw .singleClass(label: Int(y[0])) }
        if penalty == 0 {
            var design = [Double](repeating: 1, count: rows * (columns + 1))
            for i in 0..<rows {
                for j in 0..<columns { design[i * (columns + 1) + j] = x[i * columns + j] }
            }
            let rank: Int
            do { rank = try LeastSquares.solve(x: design, rows: rows, columns: columns + 1, y: y).rank } catch {
                throw .leastSquares(error)
            }
            guard rank == columns + 1 else { throw .collinear(rank: rank, columns: columns + 1) }
        }
    }
}
