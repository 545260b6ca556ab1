import EmberLinalg
import Testing

/// `|a − b| ≤ tolerance · |b|`, element by element (the fixtures' values span 1e-19 to 1e21, so purely relative).
private func relativelyClose(_ a: [Double], _ b: [Double], _ tolerance: Double) -> Bool {
    a.count == b.count && zip(a, b).allSatisfy { abs($0 - $1) <= tolerance * abs($1) }
}

/// The deviations of `values` from their mean, with the mean's rounding error removed by a second pass.
private func centred(_ values: [Double]) -> [Double] {
    let mean = values.reduce(0, +) / Double(values.count)
    let remainder = values.reduce(0) { $0 + ($1 - mean) } / Double(values.count)
    return values.map { $0 - mean - remainder }
}

/// `Σᵢ ((xᵢ − x̄)·w − (yᵢ − ȳ))²`: the residual sum of squares of a fit with an intercept, from centred data so that
/// a large offset does not swamp it.
private func centredRSS(_ f: CentredLeastSquaresFixture, weight: [Double]) -> Double {
    let columns = (0..<f.columns).map { j in centred((0..<f.rows).map { f.x[$0 * f.columns + j] }) }
    let y = centred(f.y)
    return (0..<f.rows).reduce(0.0) { sum, i in
        let r = (0..<f.columns).reduce(-y[i]) { $0 + columns[$1][i] * weight[$1] }
        return sum + r * r
    }
}

@Suite("LeastSquares with an intercept centres and scales the columns, as scikit-learn centres them")
struct CentredLeastSquaresTests {
    @Test("matches NumPy/SciPy on offset, mixed-scale, collinear and well-conditioned data",
          arguments: centredLeastSquaresFixtures.map(\.name))
    func matchesNumPy(name: String) throws {
        let f = try #require(centredLeastSquaresFixtures.first { $0.name == name })
        let fit = try LeastSquares.solve(x: f.x, rows: f.rows, columns: f.columns, y: f.y, fitIntercept: true)
        #expect(relativelyClose(fit.coefficients, f.weight, 1e-9), "weights \(fit.coefficients), NumPy \(f.weight)")
        #expect(relativelyClose([try #require(fit.intercept)], [f.bias], 1e-9), "bias \(fit.intercept!), NumPy \(f.bias)")
        // The rank counts the intercept's column too: rank([X 1]) = rank(X − x̄) + 1.
        #expect(fit.rank == f.rank + 1)
        #expect(fit.singularValues.count == min(f.rows, f.columns))
        if f.rank == f.columns {
            #expect(relativelyClose([fit.conditionNumber], [f.conditionNumber], 1e-9))
        } else {
            #expect(fit.conditionNumber > 1e12, "collinear columns: \(fit.conditionNumber)")
        }
        // The residual is the least one: scikit-learn's fit leaves the same (the mixed-scale case is where
        // scikit-learn's unscaled solve drops the small column, so there Ember's RSS is the smaller).
        let rss = centredRSS(f, weight: f.weight), sklearnRSS = centredRSS(f, weight: f.sklearnWeight)
        #expect(abs(fit.residualSumOfSquares - rss) <= 1e-9 * rss)
        #expect(fit.residualSumOfSquares <= sklearnRSS * (1 + 1e-9))
        if name != "mixedScales" { #expect(abs(rss - sklearnRSS) <= 1e-9 * rss) }
    }

    @Test("where the columns are not exactly collinear, the fit is scikit-learn's")
    func agreesWithScikitLearn() {
        for f in centredLeastSquaresFixtures where ["collinearCopy", "wellConditioned"].contains(f.name) {
            #expect(relativelyClose(f.weight, f.sklearnWeight, 1e-9), "\(f.name)")
        }
        // scikit-learn subtracts the mean rounded to float64: 4e-5 off for x near 1e12, which biases its slope by
        // n·4e-5² / Σ(x − x̄)² ≈ 2e-7 (relative); Ember and the fixture centre on the exact mean.
        let offset = centredLeastSquaresFixtures.first { $0.name == "offset" }!
        #expect(relativelyClose(offset.weight, offset.sklearnWeight, 1e-6))
    }

    @Test("the fixtures are cases that solving the raw columns gets wrong")
    func rawSolveFails() throws {
        for name in ["offset", "mixedScales"] {
            let f = try #require(centredLeastSquaresFixtures.first { $0.name == name })
            #expect(!relativelyClose(f.rawWeight, f.weight, 0.01), "\(name): raw \(f.rawWeight)")
        }
    }

    @Test("Float data is centred too: x = 1e4 + u keeps its slope")
    func floatOffset() throws {
        // In Float, 1e4 + u keeps about 3 decimal digits of u; raw sgelsd sees a nearly constant column.
        let u: [Float] = (0..<64).map { Float($0) / 64 }
        let fit = try LeastSquares.solve(x: u.map { 10_000 + $0 }, rows: u.count, columns: 1,
                                         y: u.map { 2 * $0 - 1 }, fitIntercept: true)
        #expect(abs(fit.coefficients[0] - 2) <= 1e-3)
        #expect(abs(fit.predict([10_000.5]) - 0) <= 1e-2)
    }

    @Test("a column that overflows when centred is an error naming it (its mean, 5.7e307, is finite)")
    func overflowingColumn() {
        #expect(throws: LeastSquaresError.overflow(column: 1)) {
            try LeastSquares.solve(x: [1, 1.7e308, 2, 1.7e308, 3, -1.7e308] as [Double], rows: 3, columns: 2, y: [1, 2, 3],
                                   fitIntercept: true)
        }
        #expect(throws: LeastSquaresError.overflow(column: nil)) {
            try LeastSquares.solve(x: [1, 2, 3] as [Double], rows: 3, columns: 1, y: [1.7e308, 1.7e308, -1.7e308],
                                   fitIntercept: true)
        }
        #expect(LeastSquaresError.overflow(column: 1).description.contains("column 1"))
    }
}
