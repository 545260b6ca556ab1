import Ember
import Testing

/// A recorded graph that is never backpropagated (an evaluation outside `withNoGrad`) is freed with its output:
/// no op's backward closure may hold the op's own output, or output → node → closure → output is a cycle.
@Suite struct GraphLifetimeTests {
    static let ops: [(name: String, apply: @Sendable (Tensor<Double>) -> Tensor<Double>)] = [
        ("exp", { $0.exp() }), ("sqrt", { $0.sqrt() }), ("sigmoid", { $0.sigmoid() }), ("tanh", { $0.tanh() }),
        ("pow(tensor)", { $0.pow($0) }), ("sum(keepDim)", { $0.sum(axis: 1, keepDim: true) }),
        ("max(keepDim)", { $0.max(axis: 1, keepDim: true) }), ("min(axis)", { $0.min(axis: 0) }),
        ("mean(keepDim)", { $0.mean(axes: [0, 1], keepDim: true) }), ("matmul", { $0.matmul($0.t()) }),
    ]

    @Test(arguments: ops.indices)
    func unbackpropagatedGraphIsFreed(index: Int) {
        let (name, apply) = Self.ops[index]
        let x = Tensor<Double>([0.5, 1.5, 2.5, 3.5], shape: [2, 2], requiresGrad: true)
        weak var output: Tensor<Double>?
        do {
            let y = apply(x)
            #expect(y.requiresGrad, "\(name) records a node")
            output = y
        }
        #expect(output == nil, "\(name): the output of a graph nobody backpropagates is still alive (a reference cycle)")
    }
}
