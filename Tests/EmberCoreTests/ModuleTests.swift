import Ember
import Testing

final class Block: Module<Float> {
    let linear = Linear<Float>(2, 3)
    let scale = Parameter(Tensor<Float>.ones([3]))
    override func forward(_ x: Tensor<Float>) -> Tensor<Float> { linear(x).relu() * scale }
}

final class Network: Module<Float> {
    let embed = Linear<Float>(4, 2)
    let layers = [Block(), Block()]
    let head = Sequential<Float>(Linear(3, 3), Tanh(), Linear(3, 1))
    let noBias = Linear<Float>(3, 3, bias: false)
    override func forward(_ x: Tensor<Float>) -> Tensor<Float> {
        var h = layers[1](layers[0].linear(embed(x)).relu().matmul(Tensor.ones([3, 2])))
        h = noBias(h)
        return head(h)
    }
}

@Suite struct ModuleTests {
    @Test func parametersAreDiscoveredWithDottedNames() {
        let names = Network().namedParameters().map(\.name)
        #expect(names == [
            "embed.weight", "embed.bias",
            "layers.0.scale", "layers.0.linear.weight", "layers.0.linear.bias",
            "layers.1.scale", "layers.1.linear.weight", "layers.1.linear.bias",
            "head.0.weight", "head.0.bias", "head.2.weight", "head.2.bias",
            "noBias.weight",
        ])
    }

    @Test func everyParameterReceivesAGradient() {
        let net = Network()
        net(Tensor.randn([5, 4])).sum().backward()
        for (name, parameter) in net.namedParameters() where !name.hasPrefix("layers.0.scale") {
            #expect(parameter.grad != nil, "\(name) has no gradient")
        }
    }

    @Test func trainAndEvalReachSubmodules() {
        let net = Network()
        net.eval()
        #expect(!net.isTraining && !net.layers[1].linear.isTraining && !net.head.layers[2].isTraining)
        net.train()
        #expect(net.layers[0].isTraining)
    }

    @Test func linearUsesPyTorchInitialisationBoundsAndShapes() {
        let layer = Linear<Float>(16, 4)
        #expect(layer.weight.shape == [4, 16])
        #expect(layer.bias?.shape == [4])
        #expect(layer.weight.scalars.allSatisfy { abs($0) <= 0.25 })
        #expect(layer(Tensor.zeros([7, 16])).shape == [7, 4])
        #expect(layer(Tensor.zeros([16])).shape == [4])
        #expect(layer(Tensor.zeros([2, 7, 16])).shape == [2, 7, 4])
    }

    @Test func linearWithGivenValuesComputesXWTransposedPlusB() {
        let weight = Tensor<Float>([[1, 2], [3, 4], [5, 6]])
        let layer = Linear<Float>(weight: weight, bias: Tensor([0.5, -1, 2]))
        #expect(layer(Tensor([[1, 1], [2, 0]])).scalars == [3.5, 6, 13, 2.5, 5, 12])
        weight[element: 0, 0] = 100
        #expect(layer.weight[element: 0, 0] == 1, "the layer owns a copy")
        #expect(Linear<Float>(weight: weight, bias: nil).parameters().count == 1)
    }

    @Test func lossesMatchTheirDefinitions() {
        let input = Tensor<Float>([1, 2, 3]), target = Tensor<Float>([1, 4, 0])
        #expect(MSELoss()(input, target).item() == 13.0 / 3)
        #expect(MSELoss(reduction: .sum)(input, target).item() == 13)
        #expect(L1Loss()(input, target).item() == 5.0 / 3)
        #expect(L1Loss(reduction: .sum)(input, target).item() == 5)
    }
}
