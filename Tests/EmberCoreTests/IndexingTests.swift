import Ember
import Foundation
import Testing

/// Subscripts, element access, joining and index ops: shapes, copies, misuse messages.
@Suite struct IndexingTests {
    let x = Tensor<Double>((0..<12).map(Double.init), shape: [3, 4])

    @Test func subscriptsSelectSubTensors() {
        #expect(x[1].scalars == [4, 5, 6, 7])
        #expect(x[-1].shape == [4])
        #expect(x[.all, 1].scalars == [1, 5, 9])
        #expect(x[1..<3].shape == [2, 4])
        #expect(x[..<1, 2...].scalars == [2, 3])
        #expect(x[0...1, .range(0, -1)].shape == [2, 3])
        #expect(x[.all, (-3)...(-2)].scalars == [1, 2, 5, 6, 9, 10])
        #expect(x[.newAxis].shape == [1, 3, 4])
        #expect(x[.all, .newAxis, 0].shape == [3, 1])
        #expect(x[1, 2].shape == [] && x[1, 2].item() == 6)
        #expect(x[5...].shape == [0, 4])   // clamped, as in PyTorch
        let i = 2
        #expect(x[i].scalars == [8, 9, 10, 11])
    }

    @Test func subscriptsCopy() {
        let row = x[0]
        row.withUnsafeMutableBufferPointer { $0[0] = 100 }
        #expect(x[element: 0, 0] == 0)
    }

    @Test func elementAccessReadsAndWrites() {
        let m = Tensor<Float>([[1, 2], [3, 4]])
        m[element: 1, 0] = 5
        #expect(m.scalars == [1, 2, 5, 4])
        #expect(m[element: -1, -1] == 4)
    }

    @Test func joiningRoundTrips() {
        let parts = x.split(sizes: [1, 3], axis: 1)
        #expect(parts.map(\.shape) == [[3, 1], [3, 3]])
        #expect(Tensor.cat(parts, axis: 1).scalars == x.scalars)
        #expect(x.chunk(2).map(\.shape) == [[2, 4], [1, 4]])
        #expect(x.split(size: 3, axis: 1).map(\.shape) == [[3, 3], [3, 1]])
        #expect(Tensor.stack([x, x], axis: 1).shape == [3, 2, 4])
        // −0 survives `cat` (it is added to −0).
        #expect(Tensor.cat([Tensor<Double>([-0.0])]).scalars[0].sign == .minus)
    }

    @Test func indexOpsReturnIntegers() {
        let logits = Tensor<Float>([[0.1, 2.0, -1.0], [3.0, 0.0, 3.0]])
        #expect(logits.argmax(axis: 1) == IndexTensor([1, 0]))   // first of a tie
        #expect(logits.argmin(axis: 0, keepDim: true) == IndexTensor([0, 1, 0], shape: [1, 3]))
        #expect(logits.argmax() == 3)
        #expect(Tensor<Float>([1, .nan, 5]).argmax() == 1)        // NaN counts as the largest
        let (values, indices) = Tensor<Float>([0.1, 0.7, 0.2, 0.9]).topk(2)
        #expect(values.scalars == [0.9, 0.7] && indices == IndexTensor([3, 1]))
        #expect(IndexTensor([1, 2]).converted(to: Float.self).scalars == [1, 2])
        let literal: IndexTensor = [2, 0, 1]
        #expect(literal == IndexTensor([2, 0, 1], shape: [3]))
    }

    @Test func misuseStopsNamingTheIndexAndShape() async {
        let result = await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
            _ = Tensor<Float>.zeros([3, 4])[.all, 7]
        }
        let message = String(decoding: result?.standardErrorContent ?? [], as: UTF8.self)
        #expect(message.contains("index 7 is out of range for axis 1 of size 4 (shape [3, 4])"))
        await #expect(processExitsWith: .failure) { _ = Tensor<Float>.zeros([3])[1, 2] }
        await #expect(processExitsWith: .failure) { _ = Tensor<Float>.zeros([3, 2]).gather(axis: 1, IndexTensor([0, 2, 1], shape: [3, 1])) }
        await #expect(processExitsWith: .failure) { _ = Tensor.cat([Tensor<Float>.zeros([2, 3]), Tensor<Float>.zeros([2, 2])]) }
    }
}
