import Ember
import Testing

/// The thread-count guard. It changes the process's thread count, which every concurrently running test would see
/// (a compiled step retraces, a large kernel splits differently): `make test` runs the *ThreadCountTests suites in a
/// process of their own.
@Suite(.serialized) struct CompiledStepThreadCountTests {
    @Test func guardsRetraceOnModeAndThreads() {
        let step = CompiledStepTrapTests().expectSame("guards", { s, step in
            var losses: [Float] = []
            for _ in 0..<3 { losses.append(step(s.x, s.y).item()) }
            s.model.eval()
            for _ in 0..<3 { losses.append(step(s.x, s.y).item()) }
            s.model.train()
            let threads = Threads.count
            Threads.setCount(threads == 1 ? 2 : 1)
            for _ in 0..<3 { losses.append(step(s.x, s.y).item()) }
            Threads.setCount(threads)
            losses.append(step(s.x, s.y).item())
            return losses
        })
        #expect(step.tracedCalls == 3)   // train, eval, other thread count; back to train replays the first
        #expect(step.replayedCalls == 6)
    }
}
