import Ember
import Testing

/// Learning-rate schedulers against their closed forms (values checked against torch.optim.lr_scheduler).
@Suite struct SchedulerTests {
    /// The optimizer's learning rate after creation and after each of `epochs` scheduler steps.
    func schedule<S: LRScheduler>(_ scheduler: S, epochs: Int) -> [Double] where S.Optimized.Scalar == Double {
        var rates = [Double(scheduler.optimizer.learningRate)]
        for epoch in 1...epochs {
            scheduler.step()
            #expect(scheduler.epoch == epoch)
            #expect(scheduler.lastLearningRate == scheduler.optimizer.learningRate)
            rates.append(scheduler.optimizer.learningRate)
        }
        return rates
    }

    func expectClose(_ actual: [Double], _ expected: [Double], sourceLocation: SourceLocation = #_sourceLocation) {
        #expect(actual.count == expected.count, sourceLocation: sourceLocation)
        for (a, e) in zip(actual, expected) {
            #expect(abs(a - e) < 1e-15, "\(actual) vs \(expected)", sourceLocation: sourceLocation)
        }
    }

    func sgd(lr: Double = 0.1) -> SGD<Double> { SGD([Parameter(Tensor<Double>([0]))], lr: lr) }

    @Test func stepLR() {
        // lr(t) = 0.1 · 0.5^⌊t/3⌋
        let scheduler = StepLR(sgd(), stepSize: 3, gamma: 0.5)
        #expect(scheduler.epoch == 0 && scheduler.baseLearningRate == 0.1 && scheduler.lastLearningRate == 0.1)
        expectClose(schedule(scheduler, epochs: 9),
                    [0.1, 0.1, 0.1, 0.05, 0.05, 0.05, 0.025, 0.025, 0.025, 0.0125])
    }

    @Test func stepLRDefaultGammaIsOneTenth() {
        let scheduler = StepLR(sgd(), stepSize: 1)
        scheduler.step()
        #expect(abs(scheduler.optimizer.learningRate - 0.01) < 1e-17)
    }

    @Test func exponentialLR() {
        // lr(t) = 0.1 · 0.9ᵗ
        expectClose(schedule(ExponentialLR(sgd(), gamma: 0.9), epochs: 5),
                    [0.1, 0.09, 0.081, 0.0729, 0.06561, 0.059049])
    }

    @Test func cosineAnnealingLR() {
        // lr(t) = 0.01 + 0.09 · (1 + cos(π t / 4)) / 2: 0.1, 0.01 + 0.045·(1 + √½), 0.055, 0.01 + 0.045·(1 − √½), 0.01,
        // then up again along the same cosine to the base at t = 8.
        let a = 0.01 + 0.045 * (1 + 0.5.squareRoot()), b = 0.01 + 0.045 * (1 - 0.5.squareRoot())
        expectClose(schedule(CosineAnnealingLR(sgd(), tMax: 4, etaMin: 0.01), epochs: 9),
                    [0.1, a, 0.055, b, 0.01, b, 0.055, a, 0.1, a])
    }

    @Test func cosineAnnealingReachesZeroByDefault() {
        let scheduler = CosineAnnealingLR(sgd(), tMax: 2)
        scheduler.step()
        #expect(abs(scheduler.lastLearningRate - 0.05) < 1e-17)
        scheduler.step()
        #expect(abs(scheduler.lastLearningRate) < 1e-17)
    }

    @Test func closedFormIsAvailableForAnyEpoch() {
        let scheduler = StepLR(sgd(), stepSize: 10, gamma: 0.5)
        #expect(scheduler.learningRate(atEpoch: 0) == 0.1)
        #expect(scheduler.learningRate(atEpoch: 25) == 0.025)
        #expect(scheduler.epoch == 0)
        #expect(scheduler.optimizer.learningRate == 0.1)
    }

    @Test func theScheduledRateIsTheOneTheOptimizerUses() {
        // SGD with lr halved every step: p ← p − lr·2p with lr 0.1, then 0.05: p = 0.8, then 0.8·0.9 = 0.72.
        let p = Parameter(Tensor<Double>([1]))
        let optimizer = SGD([p], lr: 0.1)
        let scheduler = ExponentialLR(optimizer, gamma: 0.5)
        for _ in 0..<2 {
            optimizer.zeroGrad()
            (p * p).sum().backward()
            optimizer.step()
            scheduler.step()
        }
        #expect(abs(p.item() - 0.72) < 1e-15)
        #expect(optimizer.learningRate == 0.025)
    }

    @Test func worksWithAdamInFloat() {
        let optimizer = Adam([Parameter(Tensor<Float>([1]))], lr: 0.01)
        let scheduler = ExponentialLR(optimizer, gamma: 0.9)
        scheduler.step()
        #expect(abs(optimizer.learningRate - 0.009) < 1e-9)
    }

    @Test func docExample() {
        let w = Parameter(Tensor<Float>([1]))
        let optimizer = SGD([w], lr: 0.1)
        let scheduler = ExponentialLR(optimizer, gamma: 0.5)
        for _ in 0..<3 { scheduler.step() }
        #expect(optimizer.learningRate == 0.0125 && scheduler.lastLearningRate == 0.0125)
    }

    @Test func badArgumentsStop() async {
        await #expect(processExitsWith: .failure) { _ = StepLR(SGD([Parameter(Tensor<Double>([0]))], lr: 0.1), stepSize: 0) }
        await #expect(processExitsWith: .failure) {
            _ = StepLR(SGD([Parameter(Tensor<Double>([0]))], lr: 0.1), stepSize: 1, gamma: 0)
        }
        await #expect(processExitsWith: .failure) {
            _ = ExponentialLR(SGD([Parameter(Tensor<Double>([0]))], lr: 0.1), gamma: -0.5)
        }
        await #expect(processExitsWith: .failure) {
            _ = ExponentialLR(SGD([Parameter(Tensor<Double>([0]))], lr: 0.1), gamma: .nan)
        }
        await #expect(processExitsWith: .failure) {
            _ = CosineAnnealingLR(SGD([Parameter(Tensor<Double>([0]))], lr: 0.1), tMax: 0)
        }
        await #expect(processExitsWith: .failure) {
            _ = CosineAnnealingLR(SGD([Parameter(Tensor<Double>([0]))], lr: 0.1), tMax: 5, etaMin: -1)
        }
    }
}
