import EmberConformance
import EmberReference
import Testing

/// `checkTraining` compares the tutorial's run and a small MLP with the reference, and catches optimizer faults.
@Suite("Training conformance")
struct TrainingConformanceTests {
    @Test func referencePasses() {
        let report = Conformance.checkTraining(ReferenceBackend())
        #expect(report.passed, "\(report)")
        // Tutorial: weight, bias, loss curve; MLP: four parameters and the loss curve.
        #expect(report.checks == 8)
    }

    @Test func axpyThatSkipsTheTailIsCaught() throws {
        let report = Conformance.checkTraining(HiddenFaultBackend(.axpySkipsTail))
        #expect(!report.passed)
        let failing = report.failingKernels
        // The tutorial's parameters have one element each, so SGD never moves them.
        #expect(failing.contains("training.tutorial.weight"), "\(report)")
        #expect(failing.contains("training.tutorial.bias"), "\(report)")
        #expect(failing.contains("training.tutorial.loss"), "\(report)")
        // The MLP's last bias (one element) is never updated either.
        #expect(failing.contains("training.mlp.2.bias"), "\(report)")
        let loss = try #require(report.mismatches(of: "training.tutorial.loss").first)
        // Epoch 0 runs before any update, so the losses part at epoch 1.
        #expect(loss.index == 1)
        #expect(loss.context.contains("SGD lr 0.1"))
    }

    @Test func differentSeedsTrainOnDifferentData() {
        let first = Conformance.checkTraining(HiddenFaultBackend(.axpySkipsTail), seed: 1)
        let second = Conformance.checkTraining(HiddenFaultBackend(.axpySkipsTail), seed: 2)
        let same = Conformance.checkTraining(HiddenFaultBackend(.axpySkipsTail), seed: 1)
        #expect(first.mismatches.map(\.description) == same.mismatches.map(\.description))
        #expect(first.mismatches.map(\.description) != second.mismatches.map(\.description))
    }
}
