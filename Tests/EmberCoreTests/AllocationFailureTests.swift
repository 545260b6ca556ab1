import Ember
import Foundation
import Testing

/// An impossible allocation stops with one message naming the shape and the bytes asked for, as PyTorch's
/// `DefaultCPUAllocator: not enough memory: you tried to allocate N bytes` does; an element count that overflows
/// `Int` stops with the shape instead of an arithmetic-overflow trap.
@Suite struct AllocationFailureTests {
    /// What a child process of an exit test wrote to standard error.
    private func stderrText(_ result: ExitTest.Result?) -> String {
        String(decoding: result?.standardErrorContent ?? [], as: UTF8.self)
    }

    @Test func anAllocationBeyondMemoryNamesTheBytesAndTheShape() async {
        // 2⁵⁰ Float elements are 4 PiB, more than any machine this runs on can map.
        let message = stderrText(await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
            _ = Tensor<Float>.zeros([1 << 50])
        })
        #expect(message.contains("not enough memory"), "\(message)")
        #expect(message.contains("you tried to allocate 4503599627370496 bytes"), "\(message)")
        #expect(message.contains("[1125899906842624]") && message.contains("Float"), "\(message)")
        #expect(message.contains("of memory and swap"), "refused without asking malloc: \(message)")
    }

    @Test func aKernelOutputBeyondMemoryIsReportedToo() async {
        // expand copies into a new tensor of the target shape (Tensor.uninitialized): 2⁴⁸ Doubles are 2 PiB.
        let message = stderrText(await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
            _ = Tensor<Double>([1, 2]).expand(to: [1 << 47, 2])
        })
        #expect(message.contains("you tried to allocate 2251799813685248 bytes"), "\(message)")
        #expect(message.contains("[140737488355328, 2]") && message.contains("Double"), "\(message)")
    }

    @Test func aByteCountBeyondIntIsReportedWithTheShape() async {
        // 2⁶² elements fit in Int, their 2⁶⁴ bytes do not.
        let message = stderrText(await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
            _ = Tensor<Float>.zeros([1 << 31, 1 << 31])
        })
        #expect(message.contains("not enough memory") && message.contains("[2147483648, 2147483648]"), "\(message)")
        #expect(message.contains("4611686018427387904 elements"), "\(message)")
    }

    @Test func anElementCountBeyondIntNamesTheShape() async {
        let message = stderrText(await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
            _ = Tensor<Float>.ones([1 << 40, 1 << 40])
        })
        #expect(message.contains("[1099511627776, 1099511627776]") && message.contains("overflows"), "\(message)")
        let fromValues = stderrText(await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
            _ = Tensor<Float>([1], shape: [1 << 32, 1 << 32, 2])
        })
        #expect(fromValues.contains("[4294967296, 4294967296, 2]") && fromValues.contains("overflows"), "\(fromValues)")
        let random = stderrText(await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
            _ = Tensor<Float>.randn([1 << 40, 1 << 40])
        })
        #expect(random.contains("randn") && random.contains("overflows"), "\(random)")
    }

    @Test func largeAllocationsThatFitStillWork() {
        // 2²⁶ Floats (256 MiB) take the checked path and succeed.
        let big = Tensor<Float>.full([1 << 26], 2)
        #expect(big.count == 1 << 26)
        #expect(big.withUnsafeBufferPointer { $0.allSatisfy { $0 == 2 } })
    }
}
