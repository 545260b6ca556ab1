import Ember
import Testing

@Suite struct TrainingTests {
    /// The tutorial's run, checked against the least-squares line from the 2×2 normal equations in Double.
    @Test func sgdReachesTheClosedFormLine() {
        let (x, y) = sampleLinearData(n: 100, slope: 2, intercept: -1, noise: 0.1, seed: 3)
        manualSeed(3)
        let model = Linear<Float>(1, 1)
        let optimizer = SGD(model.parameters(), lr: 0.1)
        let inputs = x.reshape([100, 1]), targets = y.reshape([100, 1])
        for _ in 0..<3000 {
            let loss = MSELoss()(model(inputs), targets)
            optimizer.zeroGrad()
            loss.backward()
            optimizer.step()
        }
        let xs = x.scalars.map(Double.init), ys = y.scalars.map(Double.init)
        let n = Double(xs.count)
        let sx = xs.reduce(0, +), sy = ys.reduce(0, +)
        let sxx = xs.map { $0 * $0 }.reduce(0, +), sxy = zip(xs, ys).map(*).reduce(0, +)
        let slope = (n * sxy - sx * sy) / (n * sxx - sx * sx)
        let intercept = (sy - slope * sx) / n
        #expect(abs(Double(model.weight.item()) - slope) < 1e-3)
        #expect(abs(Double(model.bias!.item()) - intercept) < 1e-3)
    }

    @Test func sampleLinearDataFollowsTheLine() {
        let (x, y) = sampleLinearData(n: 1000, slope: 3, intercept: 1, noise: 0, seed: 1)
        #expect(x.scalars.first == 0 && x.scalars.last == 1)
        for (xi, yi) in zip(x.scalars, y.scalars) { #expect(abs(yi - (3 * xi + 1)) < 1e-5) }
        let noisy = sampleLinearData(n: 1000, slope: 3, intercept: 1, noise: 0.5, seed: 1)
        let residual = noisy.y - (noisy.x * 3 + 1)
        #expect(abs(residual.mean().item()) < 0.1)
        #expect(abs(residual.square().mean().sqrt().item() - 0.5) < 0.05)
        #expect(sampleLinearData(n: 10, seed: 9).y.scalars == sampleLinearData(n: 10, seed: 9).y.scalars)
    }
}
