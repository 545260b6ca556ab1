import Ember
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

    @Test func registeredBackendIsSelectableByName() throws {
        Backends.register("counting-test") { CountingBackend() }
        #expect(Backends.names.contains("counting-test"))
        #expect(try Backends.resolveEnvironment(["EMBER_BACKEND": "counting-test"]) is CountingBackend)
    }
}
