import Ember
import Testing

/// SGD steps against values worked out by hand from torch.optim.SGD's rules, with gradient g = 2p (loss Σp²).
@Suite struct SGDTests {
    /// Runs `steps` steps of minimising Σp² from p = 1 and returns p after each step.
    func trajectory(steps: Int, _ make: ([Parameter<Double>]) -> SGD<Double>) -> [Double] {
        let p = Parameter(Tensor<Double>([1]))
        let optimizer = make([p])
        var values: [Double] = []
        for _ in 0..<steps {
            optimizer.zeroGrad()
            (p * p).sum().backward()
            optimizer.step()
            values.append(p.item())
        }
        return values
    }

    func expectClose(_ actual: [Double], _ expected: [Double]) {
        #expect(actual.count == expected.count)
        for (a, e) in zip(actual, expected) { #expect(abs(a - e) < 1e-12, "\(actual) vs \(expected)") }
    }

    @Test func plain() {
        // p ← p − 0.1·2p = 0.8p
        expectClose(trajectory(steps: 3) { SGD($0, lr: 0.1) }, [0.8, 0.64, 0.512])
    }

    @Test func momentum() {
        // b1 = g1 = 2;            p1 = 1 − 0.1·2 = 0.8
        // b2 = 0.9·2 + 1.6 = 3.4;  p2 = 0.8 − 0.34 = 0.46
        // b3 = 0.9·3.4 + 0.92 = 3.98; p3 = 0.46 − 0.398 = 0.062
        expectClose(trajectory(steps: 3) { SGD($0, lr: 0.1, momentum: 0.9) }, [0.8, 0.46, 0.062])
    }

    @Test func dampening() {
        // b1 = 2; p1 = 0.8.  b2 = 0.9·2 + 0.5·1.6 = 2.6; p2 = 0.8 − 0.26 = 0.54
        expectClose(trajectory(steps: 2) { SGD($0, lr: 0.1, momentum: 0.9, dampening: 0.5) }, [0.8, 0.54])
    }

    @Test func nesterov() {
        // g1 = 2, b1 = 2, step = g + 0.9·b = 3.8; p1 = 1 − 0.38 = 0.62
        // g2 = 1.24, b2 = 0.9·2 + 1.24 = 3.04, step = 1.24 + 2.736 = 3.976; p2 = 0.62 − 0.3976 = 0.2224
        expectClose(trajectory(steps: 2) { SGD($0, lr: 0.1, momentum: 0.9, nesterov: true) }, [0.62, 0.2224])
    }

    @Test func weightDecay() {
        // g = 2p + 0.5p = 2.5p; p ← p − 0.1·2.5p = 0.75p
        expectClose(trajectory(steps: 2) { SGD($0, lr: 0.1, weightDecay: 0.5) }, [0.75, 0.5625])
    }

    @Test func parametersWithoutGradientsAreSkipped() {
        let p = Parameter(Tensor<Double>([1])), q = Parameter(Tensor<Double>([5]))
        let optimizer = SGD([p, q], lr: 0.1)
        (p * p).sum().backward()
        optimizer.step()
        #expect(q.item() == 5)
        #expect(abs(p.item() - 0.8) < 1e-12)
    }
}
