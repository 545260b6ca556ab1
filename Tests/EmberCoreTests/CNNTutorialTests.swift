import Ember
import Foundation
import Testing

/// The code of the DocC article "A convolutional network" (`TutorialCNN.md`), run as a test: PyTorch's blitz `Net`
/// and the LeNet-style builder have the shapes and parameter names the article states, and training lowers the loss.
@Suite struct CNNTutorialTests {
    final class Net: Module<Float> {
        let conv1 = Conv2d<Float>(3, 6, kernelSize: 5)
        let pool = MaxPool2d<Float>(kernelSize: 2, stride: 2)
        let conv2 = Conv2d<Float>(6, 16, kernelSize: 5)
        let fc1 = Linear<Float>(16 * 5 * 5, 120)
        let fc2 = Linear<Float>(120, 84)
        let fc3 = Linear<Float>(84, 10)

        override func forward(_ input: Tensor<Float>) -> Tensor<Float> {
            var x = pool(conv1(input).relu())
            x = pool(conv2(x).relu())
            x = x.flatten(startDim: 1)
            x = fc1(x).relu()
            x = fc2(x).relu()
            return fc3(x)
        }
    }

    @Test func theBlitzNetHasPyTorchsShapesAndNamesAndLearns() {
        // 1. The network.
        manualSeed(0)
        let net = Net()
        let logits = net(Tensor<Float>.randn([4, 3, 32, 32]))
        let names = net.namedParameters().map(\.name)
        #expect(logits.shape == [4, 10])
        #expect(names == ["conv1.weight", "conv1.bias", "conv2.weight", "conv2.bias", "fc1.weight", "fc1.bias",
                          "fc2.weight", "fc2.bias", "fc3.weight", "fc3.bias"])
        // The blitz's count: 456 + 2,416 + 48,120 + 10,164 + 850.
        #expect(net.parameters().map(\.count).reduce(0, +) == 62_006)

        // 2. Training on one fixed batch.
        let images = Tensor<Float>.randn([8, 3, 32, 32])
        let labels = IndexTensor([0, 1, 2, 3, 4, 5, 6, 7])
        let criterion = CrossEntropyLoss()
        let optimizer = Adam(net.parameters(), lr: 0.001)
        var losses: [Float] = []
        for _ in 0..<30 {
            let loss = criterion(net(images), labels)
            optimizer.zeroGrad()
            loss.backward()
            optimizer.step()
            losses.append(loss.item())
        }
        #expect(losses.last! < 0.5 * losses.first!, "losses \(losses)")
    }

    @Test func theLeNetBuilderHasTheBenchNetworksShapeAndParameters() {
        // 3. The builder.
        let lenet = Sequential<Float>.leNet(inputShape: (1, 28, 28), channels: [16, 32], hidden: [128], classes: 10)
        let out = lenet(Tensor<Float>.randn([2, 1, 28, 28]))
        #expect(out.shape == [2, 10])
        #expect(lenet.parameters().map(\.count).reduce(0, +) == 206_922)
        #expect(lenet.namedParameters().map(\.name) == ["0.weight", "0.bias", "3.weight", "3.bias", "7.weight",
                                                         "7.bias", "9.weight", "9.bias"])
        #expect(lenet.namedParameters().map(\.parameter.shape) == [[16, 1, 3, 3], [16], [32, 16, 3, 3], [32],
                                                                    [128, 1568], [128], [10, 128], [10]])
        // Odd sizes round down at each pool (PyTorch's floor mode): 2x9x7 → 4x3 → 2x1, dropout after the hidden ReLU.
        let odd = Sequential<Float>.leNet(inputShape: (2, 9, 7), channels: [3, 5], hidden: [6, 4], classes: 3,
                                          dropout: 0.5)
        #expect(odd(Tensor<Float>.randn([5, 2, 9, 7])).shape == [5, 3])
        #expect(odd.layers.count == 6 + 1 + 3 + 3 + 1 && odd.layers[9] is Dropout<Float>)
        #expect(odd.namedParameters().first { $0.name == "7.weight" }?.parameter.shape == [6, 10])
    }
}
