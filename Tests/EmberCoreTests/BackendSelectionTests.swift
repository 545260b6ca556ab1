import Ember
import Foundation
import Testing

@Suite struct BackendSelectionTests {
    @Test func environmentNamesABackend() throws {
        #expect(try Backends.resolveEnvironment(["EMBER_BACKEND": "reference"]).name == "reference")
        #expect(try Backends.resolveEnvironment([:]).name == Backends.defaultName)
    }

    @Test func unknownNameListsTheValidOnes() {
        #expect(throws: BackendError.self) { try Backends.resolveEnvironment(["EMBER_BACKEND": "bogus"]) }
        do {
            _ = try Backends.backend(named: "bogus")
            Issue.record("an unknown name must throw")
        } catch {
            let message = "\(error)"
            #expect(message.contains("\"bogus\""))
            for name in Backends.names { #expect(message.contains(name)) }
        }
    }

    @Test func scopedBackendIsPerTask() {
        let counting = CountingBackend()
        let inside = Backends.withBackend(counting) {
            (Tensor<Float>([1, 2]) + Tensor<Float>([3, 4])).scalars
        }
        #expect(inside == [4, 6])
        #expect(counting.calls.withLock { $0 } > 0)
        #expect(Backends.current !== counting)
    }

    /// A program that imports Ember and runs with a wrong `EMBER_BACKEND`: one line on standard error and exit
    /// status 2 at the first operation, no crash report.
    @Test func anUnknownEnvironmentBackendEndsTheProgramInOneLine() async {
        let result = await #expect(processExitsWith: .exitCode(2), observing: [\.standardErrorContent]) {
            setenv("EMBER_BACKEND", "bogus", 1)
            _ = Tensor<Float>([1, 2]) + 1
        }
        let text = String(decoding: result?.standardErrorContent ?? [], as: UTF8.self)
        #expect(text.hasPrefix("error: EMBER_BACKEND=\"bogus\" names no backend"), "\(text)")
        #expect(text.split(separator: "\n").count == 1 && !text.contains("Fatal error"), "\(text)")
        for name in ["reference", "simd", "cblas"] { #expect(text.contains(name)) }
    }

    /// A wrong `EMBER_NUM_THREADS` in a program: one warning line, and the number of cores (as libgomp does for
    /// `OMP_NUM_THREADS`).
    @Test func anInvalidEnvironmentThreadCountWarnsOnceAndUsesTheCores() async {
        let result = await #expect(processExitsWith: .success, observing: [\.standardErrorContent]) {
            setenv("EMBER_NUM_THREADS", "-3", 1)
            guard Threads.count == max(1, ProcessInfo.processInfo.activeProcessorCount), Threads.count >= 1 else {
                exit(1)
            }
        }
        let text = String(decoding: result?.standardErrorContent ?? [], as: UTF8.self)
        #expect(text.hasPrefix("warning: EMBER_NUM_THREADS must be a positive integer, got \"-3\""), "\(text)")
        #expect(text.split(separator: "\n").count == 1, "once: \(text)")
    }

    @Test func registeredBackendIsSelectableByName() throws {
        Backends.register("counting-test") { CountingBackend() }
        #expect(Backends.names.contains("counting-test"))
        #expect(try Backends.resolveEnvironment(["EMBER_BACKEND": "counting-test"]) is CountingBackend)
    }
}
