import Ember
import EmberConformance
import Foundation
import Testing

/// The "Start from another backend" example of the "Writing a backend" article.
final class LoopExpBackend: ForwardingBackend, @unchecked Sendable {
    init() { super.init(name: "loop-exp", forwardingTo: ReferenceBackend()) }

    override func unary(_ op: UnaryOp, _ x: UnsafePointer<Float>, _ out: UnsafeMutablePointer<Float>, count: Int) {
        guard op == .exp else { return super.unary(op, x, out, count: count) }
        for i in 0..<count { out[i] = Float.exp(x[i]) }
    }
}

@Suite("ForwardingBackend, the public base of third-party backends")
struct ForwardingBackendTests {
    @Test func documentedSubclassConforms() {
        let report = Conformance.checkKernels(LoopExpBackend(), includeLarge: false)
        #expect(report.passed, "\(report)")
    }

    @Test func overriddenKernelRunsAndTheRestForward() {
        final class Counting: ForwardingBackend, @unchecked Sendable {
            init() { super.init(name: "counting", forwardingTo: SIMDBackend()) }
            override func fill(_ value: Float, _ out: UnsafeMutablePointer<Float>, count: Int) {
                super.fill(value + 1, out, count: count)
            }
        }
        let backend = Counting()
        var out = [Float](repeating: 0, count: 3)
        backend.fill(1, &out, count: 3)
        #expect(out == [2, 2, 2])
        backend.binary(.add, [1, 2, 3], [10, 20, 30], &out, layout: .elementwise(3))
        #expect(out == [11, 22, 33])
        #expect(backend.name == "counting" && backend.base.name == "simd")
    }

    /// Kernels added to the protocol later (with defaults) reach the base's own implementation, not the default.
    @Test func laterKernelsForwardToTheBase() {
        final class MarkedErf: ForwardingBackend, @unchecked Sendable {
            init() { super.init(name: "marked", forwardingTo: ReferenceBackend()) }
            override func erf(_ x: UnsafePointer<Float>, _ out: UnsafeMutablePointer<Float>, count: Int) {
                out.update(repeating: 7, count: count)
            }
        }
        let backend = ForwardingBackend(name: "outer", forwardingTo: MarkedErf())
        var out: [Float] = [0, 0]
        backend.erf([0.5, 1], &out, count: 2)
        #expect(out == [7, 7])
        let report = Conformance.checkKernels(ForwardingBackend(name: "plain", forwardingTo: ReferenceBackend()),
                                              includeLarge: false)
        #expect(report.passed, "\(report)")
    }

    @Test func articleShowsThisExample() throws {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent()
        let article = try String(contentsOf: root.appending(path: "Sources/Ember/Ember.docc/WritingABackend.md"),
                                 encoding: .utf8)
        let source = try String(contentsOf: URL(fileURLWithPath: #filePath), encoding: .utf8)
        let start = try #require(source.range(of: "final class LoopExpBackend"))
        let end = try #require(source.range(of: "\n}\n", range: start.upperBound..<source.endIndex))
        #expect(article.contains(String(source[start.lowerBound..<end.upperBound])))
    }
}
