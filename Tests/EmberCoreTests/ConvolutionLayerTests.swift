import Ember
import Testing

/// The convolution, pooling, BatchNorm2d and Dropout2d modules: PyTorch's parameter and buffer names, shapes and
/// initialisation, module = functional form, empty batches, and a LeNet-style network end to end.
@Suite struct ConvolutionLayerTests {
    @Test func conv2dHasPyTorchNamesShapesAndInitialisation() {
        manualSeed(1)
        let conv = Conv2d<Float>(4, 6, kernelSize: 3, groups: 2)
        #expect(conv.namedParameters().map(\.name) == ["weight", "bias"])
        #expect(conv.weight.shape == [6, 2, 3, 3] && conv.bias!.shape == [6])
        let bound = 1 / Float(2 * 9).squareRoot()   // fanIn = in / groups · k²
        let values = conv.weight.scalars + conv.bias!.scalars
        #expect(values.allSatisfy { abs($0) <= bound })
        #expect(values.contains { abs($0) > bound / 2 }, "drawn over the whole range, not a narrower one")
        #expect(Conv2d<Float>(1, 2, kernelSize: 3, bias: false).namedParameters().map(\.name) == ["weight"])
        #expect(Conv1d<Float>(3, 5, kernelSize: 4).weight.shape == [5, 3, 4])
    }

    @Test func modulesMatchTheFunctionalForms() {
        manualSeed(2)
        let x = Tensor<Double>.randn([2, 4, 9, 8])
        let conv = Conv2d<Double>(4, 4, kernelSize: 3, stride: 2, padding: 1, dilation: 2, groups: 4)
        #expect(conv(x).scalars == x.conv2d(conv.weight, bias: conv.bias, stride: 2, padding: 1, dilation: 2,
                                           groups: 4).scalars)
        #expect(conv(x).shape == [2, 4, 4, 3])   // (9 + 2 − 5) / 2 + 1, (8 + 2 − 5) / 2 + 1
        let signal = Tensor<Double>.randn([2, 4, 10])
        let conv1 = Conv1d<Double>(4, 2, kernelSize: 4, padding: .same)
        #expect(conv1(signal).shape == [2, 2, 10])
        #expect(conv1(signal).scalars == signal.conv1d(conv1.weight, bias: conv1.bias, padding: .same).scalars)
        #expect(MaxPool2d<Double>(kernelSize: 3, stride: 2, padding: 1)(x).scalars
                == x.maxPool2d(kernelSize: 3, stride: 2, padding: 1).scalars)
        #expect(MaxPool2d<Double>(kernelSize: 2).stride == 2 && MaxPool2d<Double>(kernelSize: 2)(x).shape == [2, 4, 4, 4])
        #expect(AvgPool2d<Double>(kernelSize: 2, ceilMode: true)(x).shape == [2, 4, 5, 4])
        let global = AdaptiveAvgPool2d<Double>(1)(x)
        #expect(global.shape == [2, 4, 1, 1])
        let means = x.mean(axes: [2, 3], keepDim: true).scalars
        #expect(zip(global.scalars, means).allSatisfy { abs($0 - $1) < 1e-12 })
        #expect(AdaptiveAvgPool2d<Double>((3, 5))(x).shape == [2, 4, 3, 5])
    }

    @Test func unbatchedInputsMatchABatchOfOne() {
        manualSeed(3)
        let image = Tensor<Double>.randn([3, 6, 6]), weight = Tensor<Double>.randn([2, 3, 3, 3])
        #expect(image.conv2d(weight).scalars == image.unsqueeze(0).conv2d(weight).scalars)
        #expect(image.conv2d(weight).shape == [2, 4, 4])
        #expect(image.maxPool2d(kernelSize: 2).shape == [3, 3, 3])
        #expect(image.adaptiveAvgPool2d((4, 4)).scalars == image.unsqueeze(0).adaptiveAvgPool2d((4, 4)).scalars)
    }

    @Test func emptyBatchesGiveEmptyOutputsAndZeroWeightGradients() {
        let x = Tensor<Float>.zeros([0, 3, 5, 5])
        x.requiresGrad = true
        let conv = Conv2d<Float>(3, 4, kernelSize: 3)
        let y = conv(x)
        #expect(y.shape == [0, 4, 3, 3])
        y.sum().backward()
        #expect(conv.weight.grad!.scalars.allSatisfy { $0 == 0 } && conv.bias!.grad!.scalars.allSatisfy { $0 == 0 })
        #expect(x.grad!.shape == [0, 3, 5, 5])
        #expect(x.maxPool2d(kernelSize: 2).shape == [0, 3, 2, 2])
        #expect(x.avgPool2d(kernelSize: 2).shape == [0, 3, 2, 2])
    }

    @Test func batchNorm2dNormalisesEachChannelAndKeepsPyTorchBufferNames() {
        manualSeed(4)
        let norm = BatchNorm2d<Double>(3)
        #expect(Set(norm.stateDict().keys) == ["weight", "bias", "running_mean", "running_var", "num_batches_tracked"])
        let x = Tensor<Double>.randn([4, 3, 5, 5]) * 3 + 2
        let y = norm(x)
        let mean = y.mean(axes: [0, 2, 3]).scalars
        let variance = y.square().mean(axes: [0, 2, 3]).scalars
        #expect(mean.allSatisfy { abs($0) < 1e-12 } && variance.allSatisfy { abs($0 - 1) < 1e-4 })
        let batchMean = x.mean(axes: [0, 2, 3]).scalars
        #expect(zip(norm.runningMean!.scalars, batchMean).allSatisfy { abs($0 - 0.1 * $1) < 1e-12 })
        norm.eval()
        let z = norm(x)
        let expected = (x - norm.runningMean!.reshape([3, 1, 1])) / (norm.runningVar!.reshape([3, 1, 1]) + 1e-5).sqrt()
        #expect(zip(z.scalars, expected.scalars).allSatisfy { abs($0 - $1) < 1e-12 })
        #expect(norm.numBatchesTracked!.item() == 1)
    }

    @Test func dropout2dZeroesWholeChannelsAndScalesTheRest() {
        manualSeed(5)
        let x = Tensor<Double>.ones([4, 8, 3, 3], requiresGrad: true)
        let y = x.dropout2d(p: 0.25)
        let maps = stride(from: 0, to: y.count, by: 9).map { Array(y.scalars[$0..<($0 + 9)]) }
        #expect(maps.allSatisfy { map in map.allSatisfy { $0 == map[0] } }, "each 3×3 map is kept or dropped whole")
        #expect(maps.allSatisfy { $0[0] == 0 || $0[0] == 4.0 / 3 })
        let dropped = maps.filter { $0[0] == 0 }.count
        #expect(dropped > 0 && dropped < 20, "about a quarter of the 32 maps")
        y.sum().backward()
        #expect(x.grad!.scalars == y.scalars, "the gradient goes through the same mask")
        let layer = Dropout2d<Double>(p: 0.5)
        layer.eval()
        #expect(layer(x).scalars == x.scalars)
        #expect(x.dropout2d(p: 1).scalars.allSatisfy { $0 == 0 } && x.dropout2d(p: 0).scalars == x.scalars)
        #expect(Tensor<Double>.ones([2, 3, 3]).dropout2d(p: 0.5).shape == [2, 3, 3])
    }

    @Test func leNetTrainsEndToEnd() {
        manualSeed(6)
        let model = Sequential<Float>(
            Conv2d(1, 4, kernelSize: 3, padding: 1), BatchNorm2d(4), ReLU(), MaxPool2d(kernelSize: 2),
            Conv2d(4, 8, kernelSize: 3), ReLU(), AdaptiveAvgPool2d(2), Dropout2d(p: 0.1), Flatten(startDim: 1),
            Linear(32, 3))
        #expect(model.namedParameters().map(\.name) == ["0.weight", "0.bias", "1.weight", "1.bias", "4.weight",
                                                        "4.bias", "9.weight", "9.bias"])
        let images = Tensor<Float>.randn([6, 1, 10, 10])
        let labels = IndexTensor([0, 1, 2, 0, 1, 2])
        let optimizer = Adam(model.parameters(), lr: 0.01)
        var losses: [Float] = []
        for _ in 0..<30 {
            optimizer.zeroGrad()
            let loss = CrossEntropyLoss()(model(images), labels)
            loss.backward()
            optimizer.step()
            losses.append(loss.item())
        }
        #expect(model.parameters().allSatisfy { $0.grad != nil })
        #expect(losses.last! < losses.first! / 2, "losses \(losses.first!) → \(losses.last!)")
    }
}
