import Ember
import Testing

/// The convolution family frees an unbackpropagated graph with its output, like the ops of `GraphLifetimeTests`:
/// none of their backward closures holds the op's own output.
@Suite struct ConvolutionGraphLifetimeTests {
    static let ops: [(name: String, apply: @Sendable (Tensor<Double>) -> Tensor<Double>)] = [
        ("conv2d", { $0.conv2d(Tensor<Double>.ones([2, 2, 2, 2]), bias: Tensor<Double>.ones([2]), padding: .same) }),
        ("conv1d", { $0.reshape([1, 2, 16]).conv1d(Tensor<Double>.ones([1, 2, 3])) }),
        ("maxPool2d", { $0.maxPool2d(kernelSize: 2) }), ("avgPool2d", { $0.avgPool2d(kernelSize: 2, padding: 1) }),
        ("adaptiveAvgPool2d", { $0.adaptiveAvgPool2d((3, 3)) }), ("dropout2d", { $0.dropout2d(p: 0.5) }),
        ("batch_norm2d", { BatchNorm2d<Double>(2)($0) }), ("Conv2d", { Conv2d<Double>(2, 3, kernelSize: 3)($0) }),
    ]

    @Test(arguments: ops.indices)
    func unbackpropagatedGraphIsFreed(index: Int) {
        let (name, apply) = Self.ops[index]
        let x = Tensor<Double>((0..<32).map { Double($0) / 4 }, shape: [1, 2, 4, 4], requiresGrad: true)
        weak var output: Tensor<Double>?
        do {
            let y = apply(x)
            #expect(y.requiresGrad, "\(name) records a node")
            output = y
        }
        #expect(output == nil, "\(name): the output of a graph nobody backpropagates is still alive (a reference cycle)")
    }
}
