import Ember
import Testing

@Suite struct StandardizerTests {
    func expectClose(_ actual: [Double], _ expected: [Double], tolerance: Double = 1e-12,
                     sourceLocation: SourceLocation = #_sourceLocation) {
        #expect(actual.count == expected.count, sourceLocation: sourceLocation)
        for (a, e) in zip(actual, expected) {
            #expect(abs(a - e) < tolerance, "\(actual) vs \(expected)", sourceLocation: sourceLocation)
        }
    }

    @Test func fitsMeanAndPopulationStandardDeviation() throws {
        // Column 0: 1, 2, 3, 4 → μ = 2.5, σ² = (2.25 + 0.25 + 0.25 + 2.25) / 4 = 1.25 (the sample variance would be 5/3)
        // Column 1: 10, 10, 30, 30 → μ = 20, σ = 10
        let data = Tensor<Double>([[1, 10], [2, 10], [3, 30], [4, 30]])
        let scaler = try Standardizer(fitting: data)
        #expect(scaler.columnCount == 2)
        expectClose(scaler.mean, [2.5, 20])
        expectClose(scaler.standardDeviation, [Double(1.25).squareRoot(), 10])
    }

    @Test func transformAndInverseRoundTrip() throws {
        let data = Tensor<Double>([[1, 10], [2, 10], [3, 30], [4, 30]])
        let scaler = try Standardizer(fitting: data)
        let z = scaler.transform(data)
        #expect(z.shape == [4, 2])
        let s = Double(1.25).squareRoot()
        expectClose(z.scalars, [-1.5 / s, -1, -0.5 / s, -1, 0.5 / s, 1, 1.5 / s, 1])
        expectClose(scaler.inverseTransform(z).scalars, data.scalars)
        let other = Tensor<Double>([[0, 0], [7, -5]])
        expectClose(scaler.inverseTransform(scaler.transform(other)).scalars, other.scalars)
    }

    @Test func oneDimensionalDataIsOneColumn() throws {
        let y = Tensor<Double>([1, 5])
        let scaler = try Standardizer(fitting: y)
        #expect(scaler.mean == [3] && scaler.standardDeviation == [2])
        #expect(scaler.transform(y).shape == [2])
        #expect(scaler.transform(y).scalars == [-1, 1])
        #expect(scaler.inverseTransform(Tensor([0.5])).scalars == [4])
    }

    @Test func fittedOnTrainingDataOnly() throws {
        // The validation rows are transformed with the training statistics (μ = 2, σ = 1), so they are not centred.
        let dataset = TensorDataset(features: Tensor<Double>([[1], [3], [100], [102]]), targets: Tensor([0, 0, 0, 0]))
        let train = dataset.subset([0, 1]), validation = dataset.subset([2, 3])
        let scaler = try Standardizer(fitting: train.features)
        #expect(scaler.mean == [2] && scaler.standardDeviation == [1])
        #expect(scaler.transform(validation.features).scalars == [98, 100])
    }

    @Test func floatData() throws {
        let scaler = try Standardizer(fitting: Tensor<Float>([[1, -2], [3, 2]]))
        #expect(scaler.mean == [2, 0] && scaler.standardDeviation == [1, 2])
        #expect(scaler.transform(Tensor<Float>([[2, 4]])).scalars == [0, 2])
    }

    @Test func coefficientsMapBackToOriginalUnits() throws {
        // Any model on standardised features predicts the same as the mapped model on raw features:
        // ŷ = σ_y · (Σ wⱼ (xⱼ − μⱼ)/σⱼ + b) + μ_y  =  Σ w′ⱼ xⱼ + b′.
        let x = Tensor<Double>([[1, 200], [2, 100], [4, 400], [7, 300]])
        let y = Tensor<Double>([3, -1, 8, 2])
        let xScaler = try Standardizer(fitting: x), yScaler = try Standardizer(fitting: y)
        let w = [0.7, -1.3], b = 0.25
        for target in [nil, yScaler] {
            let original = xScaler.originalCoefficients(weights: w, bias: b, target: target)
            let z = xScaler.transform(x).scalars
            for row in 0..<4 {
                var standardised = b
                var raw = original.bias
                for j in 0..<2 {
                    standardised += w[j] * z[row * 2 + j]
                    raw += original.weights[j] * x[element: row, j]
                }
                let predicted = target.map { $0.inverseTransform(Tensor([standardised])).item() } ?? standardised
                #expect(abs(raw - predicted) < 1e-9, "row \(row): \(raw) vs \(predicted)")
            }
        }
    }

    @Test func coefficientFormulas() throws {
        // x: μ = [2, 20], σ = [1, 10]; y: μ_y = 3, σ_y = 2; w = [1, 1], b = 0.5
        // w′ = σ_y · w / σ = [2, 0.2]; b′ = σ_y · (b − (1·2/1 + 1·20/10)) + μ_y = 2 · (0.5 − 4) + 3 = −4
        let xScaler = Standardizer<Double>(mean: [2, 20], standardDeviation: [1, 10])
        let yScaler = Standardizer<Double>(mean: [3], standardDeviation: [2])
        let mapped = xScaler.originalCoefficients(weights: [1, 1], bias: 0.5, target: yScaler)
        expectClose(mapped.weights, [2, 0.2])
        #expect(abs(mapped.bias + 4) < 1e-12)
        // Without a target standardizer: w′ = [1, 0.1], b′ = 0.5 − 4 = −3.5
        let raw = xScaler.originalCoefficients(weights: [1, 1], bias: 0.5)
        expectClose(raw.weights, [1, 0.1])
        #expect(abs(raw.bias + 3.5) < 1e-12)
    }

    @Test func docExamples() throws {
        let train = Tensor<Double>([[1, 10], [3, 30]])
        let scaler = try Standardizer(fitting: train)
        #expect(scaler.mean == [2, 20] && scaler.standardDeviation == [1, 10])
        #expect(scaler.transform(train).scalars == [-1, -1, 1, 1])
        #expect(scaler.inverseTransform(scaler.transform(train)).scalars == train.scalars)

        let x = Tensor<Double>([[0], [2]]), y = Tensor<Double>([1, 5])
        let xScaler = try Standardizer(fitting: x), yScaler = try Standardizer(fitting: y)
        let original = xScaler.originalCoefficients(weights: [1], bias: 0, target: yScaler)
        #expect(original.weights == [2] && original.bias == 1)
    }

    @Test func constantColumnIsAnErrorNamingIt() {
        // 0.1 three times: the Double mean is not exactly 0.1, yet the column is still recognised as constant.
        #expect(throws: StandardizerError.constantColumn(index: 1)) {
            try Standardizer(fitting: Tensor<Double>([[1, 0.1, 5], [2, 0.1, 5], [3, 0.1, 5]]))
        }
        #expect(throws: StandardizerError.constantColumn(index: 0)) {
            try Standardizer(fitting: Tensor<Float>([7]))
        }
        #expect(StandardizerError.constantColumn(index: 1).description.contains("column 1"))
    }

    @Test func otherBadDataIsAnError() {
        #expect(throws: StandardizerError.nonFiniteColumn(index: 1)) {
            try Standardizer(fitting: Tensor<Double>([[1, .nan], [2, 3]]))
        }
        #expect(throws: StandardizerError.nonFiniteColumn(index: 0)) {
            try Standardizer(fitting: Tensor<Double>([1, .infinity]))
        }
        #expect(throws: StandardizerError.noRows) {
            try Standardizer(fitting: Tensor<Double>([], shape: [0, 2]))
        }
    }

    @Test func statisticsThatOverflowAreAnError() {
        // The sum of values near 1e307 overflows Double: the mean and deviation are not finite, not a scale of 0.
        #expect(throws: StandardizerError.nonFiniteStatistics(index: 1)) {
            try Standardizer(fitting: Tensor<Double>([[1, 1e307], [2, 1.5e308], [3, 1.7e308]]))
        }
        #expect(throws: StandardizerError.nonFiniteStatistics(index: 0)) {
            try Standardizer(fitting: Tensor<Double>([-1.7e308, 1.7e308, 1.7e308]))
        }
        #expect(StandardizerError.nonFiniteStatistics(index: 1).description.contains("column 1"))
    }

    @Test func misuseStops() async {
        await #expect(processExitsWith: .failure) {
            _ = Standardizer<Double>(mean: [0, 0], standardDeviation: [1, 1]).transform(Tensor([[1, 2, 3]]))
        }
        await #expect(processExitsWith: .failure) {
            _ = Standardizer<Double>(mean: [0], standardDeviation: [0])
        }
        await #expect(processExitsWith: .failure) {
            _ = Standardizer<Double>(mean: [0, 0], standardDeviation: [1, 1]).originalCoefficients(weights: [1], bias: 0)
        }
        await #expect(processExitsWith: .failure) {
            _ = try? Standardizer(fitting: Tensor<Double>.zeros([2, 2, 2]))
        }
    }
}
