import EmberConformance
import Foundation
import Testing

/// The backend of the "Writing a backend" article, compiled as the docs show it.
@Suite("The documented TinyBackend")
struct TinyBackendTests {
    @Test func tinyBackendFromTheDocsConforms() {
        let report = Conformance.checkAll(TinyBackend(), includeLarge: false)
        #expect(report.passed, "\(report)")
        #expect(report.checks > 1000)
    }

    /// Each Swift block of the article that defines TinyBackend or its kernels appears verbatim in TinyBackend.swift.
    @Test func tinyBackendMatchesTheArticle() throws {
        let tests = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        let root = tests.deletingLastPathComponent().deletingLastPathComponent()
        let article = try String(contentsOf: root.appending(path: "Sources/Ember/Ember.docc/WritingABackend.md"),
                                 encoding: .utf8)
        let source = try String(contentsOf: tests.appending(path: "TinyBackend.swift"), encoding: .utf8)
        let blocks = article.components(separatedBy: "```swift\n").dropFirst()
            .map { $0.components(separatedBy: "```")[0] }
            .filter { $0.contains("TinyBackend: Backend") || $0.contains("enum TinyKernels")
                || $0.contains("extension TinyKernels") }
        #expect(blocks.count == 3)
        for block in blocks {
            #expect(source.contains(block), "TinyBackend.swift differs from the article's block:\n\(block)")
        }
    }
}
