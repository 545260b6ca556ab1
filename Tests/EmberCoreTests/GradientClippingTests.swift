import Ember
import Testing

/// clipGradNorm against torch.nn.utils.clip_grad_norm_: grads [6, 8] and [24] have the global norm √(36+64+576) = 26.
@Suite struct GradientClippingTests {
    func parameters() -> (Parameter<Double>, Parameter<Double>) {
        let w = Parameter(Tensor<Double>([3, 4])), v = Parameter(Tensor<Double>([12]))
        (w * w).sum().backward()   // grad [6, 8]
        (v * v).sum().backward()   // grad [24]
        return (w, v)
    }

    @Test func returnsTheNormAndScalesEveryGradient() {
        let (w, v) = parameters()
        let norm = clipGradNorm([w, v], maxNorm: 13)
        #expect(norm == 26)
        // c = 13 / (26 + 1e-6): grads [3, 4] and [12], less a relative 3.8e-8
        let c = 13 / (26 + 1e-6)
        #expect(w.grad!.scalars == [6 * c, 8 * c])
        #expect(v.grad!.scalars == [24 * c])
        #expect(abs(w.grad!.scalars[0] - 3) < 1e-6)
        #expect(abs(clipGradNorm([w, v], maxNorm: .infinity) - 13) < 1e-6)
    }

    @Test func belowTheThresholdNothingChanges() {
        let (w, v) = parameters()
        #expect(clipGradNorm([w, v], maxNorm: 30) == 26)
        #expect(w.grad!.scalars == [6, 8])
        #expect(v.grad!.scalars == [24])
    }

    @Test func parametersWithoutGradientsAreIgnored() {
        let (w, v) = parameters()
        let unused = Parameter(Tensor<Double>([100]))
        #expect(clipGradNorm([w, unused, v], maxNorm: 100) == 26)
        #expect(unused.grad == nil)
        #expect(clipGradNorm([unused], maxNorm: 1) == 0)
        #expect(clipGradNorm([Parameter<Double>](), maxNorm: 1) == 0)
    }

    @Test func nonFiniteNormsAreReturnedAndGradientsLeftAlone() {
        let w = Parameter(Tensor<Double>([1, 2])), v = Parameter(Tensor<Double>([3]))
        w.grad = Tensor([.infinity, 1])
        v.grad = Tensor([2])
        #expect(clipGradNorm([w, v], maxNorm: 1) == .infinity)
        #expect(w.grad!.scalars == [.infinity, 1])
        #expect(v.grad!.scalars == [2])
        w.grad = Tensor([.nan, 1])
        #expect(clipGradNorm([w, v], maxNorm: 1).isNaN)
        #expect(v.grad!.scalars == [2])
    }

    @Test func hugeFiniteFloatGradientsAreClippedNotReportedInfinite() {
        // 3e20² overflows Float, but the norm 5e20 does not: it is recomputed with scaling.
        let w = Parameter(Tensor<Float>([0, 0]))
        w.grad = Tensor([3e20, 4e20])
        let norm = clipGradNorm([w], maxNorm: 1)
        #expect(abs(norm / 5e20 - 1) < 1e-6)
        #expect(abs(w.grad!.scalars[0] - 0.6) < 1e-6 && abs(w.grad!.scalars[1] - 0.8) < 1e-6)
    }

    @Test func docExample() {
        let w = Parameter(Tensor<Double>([3, 4]))
        (w * w).sum().backward()
        let norm = clipGradNorm([w], maxNorm: 1)
        #expect(norm == 10)
        #expect(abs(w.grad!.scalars[0] - 0.6) < 1e-6 && abs(w.grad!.scalars[1] - 0.8) < 1e-6)
    }

    @Test func maxNormMustBePositive() async {
        await #expect(processExitsWith: .failure) { clipGradNorm([Parameter(Tensor<Double>([1]))], maxNorm: 0) }
        await #expect(processExitsWith: .failure) { clipGradNorm([Parameter(Tensor<Double>([1]))], maxNorm: -1) }
        await #expect(processExitsWith: .failure) { clipGradNorm([Parameter(Tensor<Double>([1]))], maxNorm: .nan) }
    }
}
