import Ember
import Testing

@Suite struct AutogradTests {
    @Test func gradientsAccumulateAcrossBackwardCalls() {
        let w = Tensor<Double>([2], requiresGrad: true)
        (w * 3).sum().backward()
        (w * 3).sum().backward()
        #expect(w.grad?.scalars == [6])
        w.zeroGrad()
        #expect(w.grad == nil)
        (w * w).sum().backward()
        #expect(w.grad?.scalars == [4])
    }

    @Test func backwardWithExplicitGradient() {
        let x = Tensor<Double>([1, 2, 3], requiresGrad: true)
        let y = x * x
        y.backward(Tensor([1, 0.5, 2]))
        #expect(x.grad?.scalars == [2, 2, 12])
    }

    @Test func noGradScopeRecordsNothing() {
        let w = Tensor<Float>([1, 2], requiresGrad: true)
        let y = withNoGrad { w * 2 + 1 }
        #expect(!y.requiresGrad)
        #expect(y.isLeaf)
        let z = withInferenceMode { (w * w).sum() }
        #expect(!z.requiresGrad)
        #expect((w * 2).requiresGrad)
    }

    @Test func noGradIsPerTask() async {
        let w = Tensor<Float>([1], requiresGrad: true).detach()
        w.requiresGrad = true
        // A no-grad scope in one task does not leak into a concurrently running task.
        async let insideScope: Bool = withNoGrad { GradMode.isEnabled }
        async let outsideScope: Bool = GradMode.isEnabled
        let (inside, outside) = await (insideScope, outsideScope)
        #expect(!inside)
        #expect(outside)
        #expect(GradMode.isEnabled)
    }

    @Test func detachCutsTheGraph() {
        let w = Tensor<Double>([3], requiresGrad: true)
        let d = (w * 2).detach()
        #expect(!d.requiresGrad)
        let y = (d * w).sum()
        y.backward()
        #expect(w.grad?.scalars == [6])
    }

    @Test func graphIsReleasedAfterBackward() {
        let w = Tensor<Double>([1], requiresGrad: true)
        weak var savedInput: Tensor<Double>?
        do {
            let hidden = w * 2
            savedInput = hidden
            let y = (hidden * hidden).sum()
            y.backward()
        }
        #expect(savedInput == nil, "the intermediate tensor is freed once backward has run")
        #expect(w.grad?.scalars == [8])
    }

    @Test func leavesAndNonLeaves() {
        let w = Tensor<Float>([1], requiresGrad: true)
        let y = w * 2
        #expect(w.isLeaf)
        #expect(!y.isLeaf)
        #expect(y.requiresGrad)
        #expect("\(y)".contains("grad_fn=<MulBackward0>"))
    }
}
