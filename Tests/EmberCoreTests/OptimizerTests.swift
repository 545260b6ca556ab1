import Ember
import Testing

/// Runs `steps` optimizer steps on one parameter starting at `start` and returns its first element after each step.
/// The gradient is `2p` (loss Σp²) unless `grads` fixes it step by step.
private func trajectory<O: Optimizer>(steps: Int, start: Double = 1, grads: [Double]? = nil,
                                      _ make: ([Parameter<Double>]) -> O) -> [Double] where O.Scalar == Double {
    let p = Parameter(Tensor<Double>([start]))
    let optimizer = make([p])
    var values: [Double] = []
    for t in 0..<steps {
        optimizer.zeroGrad()
        if let grads {
            p.grad = Tensor([grads[t]])
        } else {
            (p * p).sum().backward()
        }
        optimizer.step()
        values.append(p.item())
    }
    return values
}

private func expectClose(_ actual: [Double], _ expected: [Double], tolerance: Double = 1e-12,
                         sourceLocation: SourceLocation = #_sourceLocation) {
    #expect(actual.count == expected.count, sourceLocation: sourceLocation)
    for (a, e) in zip(actual, expected) {
        #expect(abs(a - e) < tolerance, "\(actual) vs \(expected)", sourceLocation: sourceLocation)
    }
}

/// Adam steps against values worked out by hand from torch.optim.Adam's rules (and checked against PyTorch 2).
@Suite struct AdamTests {
    @Test func defaultBetas() {
        // t=1: g=2, m=0.1·2=0.2, v=0.001·4=0.004; m̂=0.2/0.1=2; √v/√(1−0.999)=√4=2
        //      p = 1 − 0.1·2/(2+1e-8) = 0.9000000005
        // t=2: g=1.800000001, m=0.18+0.1800000001=0.3600000001, v=0.003996+0.0032400000036=0.0072360000036
        //      step size 0.1/(1−0.81)=0.526316; denominator √v/√(1−0.998001)+ε = 1.902580
        //      p = 0.9000000005 − 0.526316·0.3600000001/1.902580 = 0.800412229
        // t=3 likewise: 0.701586273
        expectClose(trajectory(steps: 3) { Adam($0, lr: 0.1) },
                    [0.9000000005, 0.8004122286917927, 0.7015862729460302])
    }

    @Test func everyElementIsUpdatedOnItsOwn() {
        // p = [1, −2], g = 2p: the first step moves each element by lr·(1 − ε/|g|) towards 0.
        let p = Parameter(Tensor<Double>([1, -2]))
        let optimizer = Adam([p], lr: 0.1)
        var values: [[Double]] = []
        for _ in 0..<2 {
            optimizer.zeroGrad()
            (p * p).sum().backward()
            optimizer.step()
            values.append(p.scalars)
        }
        expectClose(values[0], [0.9000000005, -1.90000000025])
        expectClose(values[1], [0.8004122286917927, -1.800166486115701])
    }

    @Test func weightDecayIsAddedToTheGradient() {
        // betas (0.5, 0.5), grad fixed at 1, g = 1 + 0.5·p:
        // t=1: g=1.5, m=0.75, v=1.125; m̂=1.5, √(v/0.5)=1.5; p = 1 − 0.1·1.5/(1.5+1e-8) = 0.9 (+6.7e-10)
        // t=2: g=1+0.45=1.45, m=0.375+0.725=1.1, v=0.5625+0.5·2.1025=1.61375
        //      m̂=1.1/0.75=1.466667, √(v/0.75)=1.466856; p = 0.9 − 0.1·1.466667/1.466856 = 0.800013
        // (without weight decay m̂ = √v̂ = 1 exactly and p2 = 0.8)
        expectClose(trajectory(steps: 2, grads: [1, 1]) { Adam($0, lr: 0.1, betas: (0.5, 0.5), weightDecay: 0.5) },
                    [0.9000000006666666, 0.8000129120705415])
        expectClose(trajectory(steps: 2, grads: [1, 1]) { Adam($0, lr: 0.1, betas: (0.5, 0.5)) },
                    [0.900000001, 0.800000002])
    }

    @Test func amsgradUsesTheLargestSecondMoment() {
        // betas (0.9, 0.5), grads 3, 0.1, 0.1:
        // t=1: m=0.3, v=4.5, vmax=4.5; m̂=3, √(4.5/0.5)=3; p = 1 − 0.1·3/(3+1e-8) = 0.9000000003
        // t=2: m=0.28, v=2.25+0.005=2.255 but vmax=4.5; m̂=0.28/0.19=1.473684, √(4.5/0.75)=2.449490
        //      p = 0.9 − 0.1·1.473684/2.449490 = 0.839837  (plain Adam: √(2.255/0.75)=1.733974 → 0.815011)
        // t=3: m=0.262, v=1.1325, vmax=4.5; m̂=0.262/0.271=0.966790, √(4.5/0.875)=2.267787
        //      p = 0.839837 − 0.042631 = 0.797206  (plain Adam: 0.730031)
        expectClose(trajectory(steps: 3, grads: [3, 0.1, 0.1]) {
            Adam($0, lr: 0.1, betas: (0.9, 0.5), amsgrad: true)
        }, [0.9000000003333333, 0.8398370946158517, 0.7972056776144829])
        expectClose(trajectory(steps: 3, grads: [3, 0.1, 0.1]) { Adam($0, lr: 0.1, betas: (0.9, 0.5)) },
                    [0.9000000003333333, 0.8150111828746056, 0.7300311454924805])
    }

    @Test func stepCountIsPerParameterAndSkipsParametersWithoutGradients() {
        // q has no gradient on the first step: it is not moved, and its first real step is a t=1 step
        // (bias corrections 1 − 0.5¹), which moves it by lr·g/(|g|+ε) ≈ 0.1; a shared t=2 would move it by 0.0816.
        let p = Parameter(Tensor<Double>([1])), q = Parameter(Tensor<Double>([5]))
        let optimizer = Adam([p, q], lr: 0.1, betas: (0.5, 0.5))
        p.grad = Tensor([1])
        optimizer.step()
        #expect(q.item() == 5)
        #expect(q.grad == nil)
        q.grad = Tensor([1])
        optimizer.step()
        #expect(abs(q.item() - (5 - 0.1 / (1 + 1e-8))) < 1e-12)
        #expect(abs(p.item() - 0.800000002) < 1e-12)
    }

    @Test func floatParametersFollowTheSameRule() {
        let p = Parameter(Tensor<Float>([1]))
        let optimizer = Adam([p], lr: 0.1)
        for _ in 0..<3 {
            optimizer.zeroGrad()
            (p * p).sum().backward()
            optimizer.step()
        }
        #expect(abs(p.item() - 0.70158627) < 1e-5)
    }

    @Test func stepRecordsNoGraph() {
        let p = Parameter(Tensor<Double>([1]))
        let optimizer = Adam([p])
        (p * p).sum().backward()
        optimizer.step()
        #expect(p.isLeaf)
        #expect(p.requiresGrad)
    }

    @Test func docExample() {
        let w = Parameter(Tensor<Double>([1]))
        let optimizer = Adam([w], lr: 0.1)
        (w * w).sum().backward()
        optimizer.step()
        #expect(abs(w.item() - 0.9) < 1e-8)
    }
}

/// AdamW steps against values worked out by hand from torch.optim.AdamW's rules (and checked against PyTorch 2).
@Suite struct AdamWTests {
    @Test func decayIsDecoupledFromTheMoments() {
        // betas (0.5, 0.5), grad fixed at 1, weight decay 0.5, lr 0.1: the moments never see the decay.
        // t=1: p = 1·(1 − 0.1·0.5) = 0.95; m=0.5, v=0.5; m̂=1, √(v/0.5)=1; p = 0.95 − 0.1/(1+1e-8) = 0.850000001
        // t=2: p = 0.850000001·0.95 = 0.80750000095; m=1, v=1; m̂=1/0.75, √(1/0.75); ratio 1 (less ε)
        //      p = 0.80750000095 − 0.1 = 0.70750000195   (Adam's coupled decay gives 0.800013 instead)
        expectClose(trajectory(steps: 2, grads: [1, 1]) { AdamW($0, lr: 0.1, betas: (0.5, 0.5), weightDecay: 0.5) },
                    [0.850000001, 0.70750000195])
    }

    @Test func defaultWeightDecayIsOneHundredth() {
        // g = 2p, lr 0.1, weight decay 0.01: t=1: p = 1·0.999 − 0.1·2/(2+1e-8) = 0.8990000005; then as Adam.
        expectClose(trajectory(steps: 3) { AdamW($0, lr: 0.1) },
                    [0.8990000005, 0.7985190271685215, 0.6989111831582322])
    }

    @Test func amsgrad() {
        // As AdamTests.amsgrad with the decay p·(1 − 0.1·0.1) = 0.99p first at each step:
        // t=1: p = 0.99 − 0.1·3/(3+1e-8) = 0.8900000003; t=2: p = 0.8811 − 0.060163 = 0.820937
        expectClose(trajectory(steps: 3, grads: [3, 0.1, 0.1]) {
            AdamW($0, lr: 0.1, betas: (0.9, 0.5), weightDecay: 0.1, amsgrad: true)
        }, [0.8900000003333333, 0.8209370946125183, 0.7700963066650244])
    }

    @Test func parametersWithoutGradientsAreNeitherDecayedNorUpdated() {
        let p = Parameter(Tensor<Double>([1])), q = Parameter(Tensor<Double>([5]))
        let optimizer = AdamW([p, q], lr: 0.1, weightDecay: 0.5)
        (p * p).sum().backward()
        optimizer.step()
        #expect(q.item() == 5)
        #expect(abs(p.item() - (0.95 - 0.1 * 2 / (2 + 1e-8))) < 1e-12)
    }
}

/// RMSprop steps against values worked out by hand from torch.optim.RMSprop's rules (and checked against PyTorch 2).
@Suite struct RMSpropTests {
    @Test func defaults() {
        // lr 0.01, α 0.99, g = 2p: t=1: v = 0.01·4 = 0.04, d = √0.04 + 1e-8 = 0.20000001
        //      p = 1 − 0.01·2/0.20000001 = 0.900000005
        // t=2: g=1.80000001, v = 0.0396 + 0.01·3.24000004 = 0.0720000004, d = 0.268328
        //      p = 0.900000005 − 0.01·1.80000001/0.268328 = 0.832918
        expectClose(trajectory(steps: 3) { RMSprop($0) },
                    [0.9000000049999998, 0.8329179679700331, 0.7799822732436351])
    }

    @Test func plain() {
        // lr 0.1, α 0.5, g = 2p: t=1: v = 0.5·4 = 2, d = √2 + 1e-8; p = 1 − 0.1·2/1.414214 = 0.858579
        // t=2: g = 1.717157, v = 1 + 0.5·2.948629 = 2.474315, d = 1.572996
        //      p = 0.858579 − 0.1·1.717157/1.572996 = 0.749414
        expectClose(trajectory(steps: 2) { RMSprop($0, lr: 0.1, alpha: 0.5) },
                    [0.8585786447626905, 0.7494138461093127])
    }

    @Test func weightDecay() {
        // grad fixed at 1, g = 1 + 0.5p: t=1: g = 1.5, v = 1.125, d = 1.060660; p = 1 − 0.1·1.5/1.060660 = 0.858579
        // t=2: g = 1.429289, v = 0.5625 + 0.5·2.042867 = 1.583934, d = 1.258544
        //      p = 0.858579 − 0.1·1.429289/1.258544 = 0.745012   (without decay: v = 0.75, p = 0.743109)
        expectClose(trajectory(steps: 2, grads: [1, 1]) { RMSprop($0, lr: 0.1, alpha: 0.5, weightDecay: 0.5) },
                    [0.8585786450960238, 0.745011787894406])
        expectClose(trajectory(steps: 2, grads: [1, 1]) { RMSprop($0, lr: 0.1, alpha: 0.5) },
                    [0.8585786457626905, 0.7431085932580986])
    }

    @Test func momentumBufferStartsAtZero() {
        // lr 0.1, α 0.5, μ 0.9, g = 2p: t=1: b = 0.9·0 + 2/1.414214 = 1.414214; p = 1 − 0.1414214 = 0.858579
        // t=2: g = 1.717157, d = 1.572996, b = 0.9·1.414214 + 1.091647 = 2.364439; p = 0.858579 − 0.236444 = 0.622135
        // t=3: 0.321599 (SGD-style b₁ = g₁ would give a different first step)
        expectClose(trajectory(steps: 3) { RMSprop($0, lr: 0.1, alpha: 0.5, momentum: 0.9) },
                    [0.8585786447626905, 0.6221346263957341, 0.32159852545176854])
    }

    @Test func centered() {
        // lr 0.1, α 0.5, grads 2, 1, 4:
        // t=1: v = 2, ḡ = 1, d = √(2 − 1) + 1e-8; p = 1 − 0.1·2/1 = 0.8
        // t=2: v = 1.5, ḡ = 1, d = √0.5 = 0.707107; p = 0.8 − 0.1·1/0.707107 = 0.658579
        // t=3: v = 0.75 + 8 = 8.75, ḡ = 2.5, d = √(8.75 − 6.25) = 1.581139; p = 0.658579 − 0.4/1.581139 = 0.405596
        expectClose(trajectory(steps: 3, grads: [2, 1, 4]) { RMSprop($0, lr: 0.1, alpha: 0.5, centered: true) },
                    [0.800000002, 0.6585786477626905, 0.4055964365492201])
    }

    @Test func centeredWithMomentumAndWeightDecay() {
        // lr 0.1, α 0.5, μ 0.5, weight decay 0.5, grads 2, 1, 4:
        // t=1: g = 2.5, v = 3.125, ḡ = 1.25, d = √(3.125 − 1.5625) = 1.25, b = 2; p = 1 − 0.2 = 0.8
        // t=2: g = 1.4, v = 2.5425, ḡ = 1.325, d = √0.786875 = 0.887060, b = 1 + 1.578248; p = 0.8 − 0.257825 = 0.542175
        // t=3: g = 4.271088, v = 10.39234, ḡ = 2.798044, d = 1.601028, b = 3.956834; p = 0.146492
        expectClose(trajectory(steps: 3, grads: [2, 1, 4]) {
            RMSprop($0, lr: 0.1, alpha: 0.5, weightDecay: 0.5, momentum: 0.5, centered: true)
        }, [0.8000000016, 0.5421752352378697, 0.14649153361694156])
    }

    @Test func parametersWithoutGradientsAreSkipped() {
        let p = Parameter(Tensor<Double>([1])), q = Parameter(Tensor<Double>([5]))
        let optimizer = RMSprop([p, q], lr: 0.1, alpha: 0.5, momentum: 0.9)
        (p * p).sum().backward()
        optimizer.step()
        #expect(q.item() == 5)
        #expect(abs(p.item() - 0.8585786447626905) < 1e-12)
    }
}

/// Every bad hyper-parameter stops the program with a message (a precondition, like SGD's).
@Suite struct OptimizerValidationTests {
    @Test func adamRejectsBadHyperparameters() async {
        await #expect(processExitsWith: .failure) { _ = Adam([Parameter(Tensor<Double>([1]))], lr: 0) }
        await #expect(processExitsWith: .failure) { _ = Adam([Parameter(Tensor<Double>([1]))], lr: .nan) }
        await #expect(processExitsWith: .failure) {
            _ = Adam([Parameter(Tensor<Double>([1]))], betas: (1, 0.999))
        }
        await #expect(processExitsWith: .failure) {
            _ = Adam([Parameter(Tensor<Double>([1]))], betas: (0.9, -0.1))
        }
        await #expect(processExitsWith: .failure) { _ = Adam([Parameter(Tensor<Double>([1]))], eps: -1) }
        await #expect(processExitsWith: .failure) { _ = Adam([Parameter(Tensor<Double>([1]))], weightDecay: -1) }
    }

    @Test func adamWRejectsBadHyperparameters() async {
        await #expect(processExitsWith: .failure) { _ = AdamW([Parameter(Tensor<Double>([1]))], lr: -1) }
        await #expect(processExitsWith: .failure) {
            _ = AdamW([Parameter(Tensor<Double>([1]))], betas: (0.9, 1))
        }
        await #expect(processExitsWith: .failure) { _ = AdamW([Parameter(Tensor<Double>([1]))], weightDecay: .infinity) }
    }

    @Test func rmspropRejectsBadHyperparameters() async {
        await #expect(processExitsWith: .failure) { _ = RMSprop([Parameter(Tensor<Double>([1]))], lr: 0) }
        await #expect(processExitsWith: .failure) { _ = RMSprop([Parameter(Tensor<Double>([1]))], alpha: 1) }
        await #expect(processExitsWith: .failure) { _ = RMSprop([Parameter(Tensor<Double>([1]))], alpha: -0.5) }
        await #expect(processExitsWith: .failure) { _ = RMSprop([Parameter(Tensor<Double>([1]))], eps: -1) }
        await #expect(processExitsWith: .failure) { _ = RMSprop([Parameter(Tensor<Double>([1]))], weightDecay: -1) }
        await #expect(processExitsWith: .failure) { _ = RMSprop([Parameter(Tensor<Double>([1]))], momentum: -1) }
    }

    @Test func validHyperparametersAreAccepted() {
        let p = Parameter(Tensor<Double>([1]))
        let adam = Adam([p], lr: 1e-3, betas: (0, 0), eps: 0, weightDecay: 0, amsgrad: true)
        let adamW = AdamW([p], weightDecay: 0)
        let rmsprop = RMSprop([p], alpha: 0, eps: 0, momentum: 0)
        #expect(adam.learningRate == 1e-3 && adamW.weightDecay == 0 && rmsprop.alpha == 0)
    }
}
