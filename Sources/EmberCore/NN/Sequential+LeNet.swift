import EmberBackend

extension Sequential {
    /// A LeNet-style image classifier, the shape of PyTorch's 60-minute-blitz `Net`: for each entry of `channels`
    /// a block `Conv2d(k 3, padding 1) → ReLU → MaxPool2d(2)`, then `Flatten`, `Linear → ReLU [→ Dropout]` per entry
    /// of `hidden`, and `Linear(→ classes)`. It takes `N × C × H × W` images and returns `N × classes` logits.
    ///
    /// Each block keeps the height and width (padding 1) and the pool halves them, rounding down, so the first
    /// `Linear` takes `channels.last · ⌊H / 2ᵇ⌋ · ⌊W / 2ᵇ⌋` features for `b` blocks.
    ///
    /// ```swift
    /// let net = Sequential<Float>.leNet(inputShape: (1, 28, 28), channels: [16, 32], hidden: [128], classes: 10)
    /// let logits = net(Tensor<Float>.zeros([8, 1, 28, 28]))   // shape [8, 10]
    /// ```
    /// - Parameters:
    ///   - inputShape: channels, height and width of each image; height and width at least `2^channels.count`.
    ///   - channels: the output channels of each convolution block (at least one block).
    ///   - hidden: the sizes of the hidden linear layers (may be empty).
    ///   - classes: the number of classes (logits per image).
    ///   - dropout: the probability of a `Dropout` after each hidden `ReLU` (0: none).
    /// - Returns: the network, its parameters named as `nn.Sequential` names them (`0.weight`, `0.bias`, …).
    public static func leNet(inputShape: (channels: Int, height: Int, width: Int), channels: [Int], hidden: [Int],
                             classes: Int, dropout: Double = 0) -> Sequential<Scalar> {
        let blocks = channels.count
        emberPrecondition(blocks >= 1 && channels.allSatisfy { $0 >= 1 } && inputShape.channels >= 1,
                          "leNet: channels \(channels) and input channels \(inputShape.channels) must be at least 1")
        emberPrecondition(blocks < 31 && inputShape.height >> blocks >= 1 && inputShape.width >> blocks >= 1,
                          "leNet: a \(inputShape.height)x\(inputShape.width) image is too small for \(blocks) pooling "
                          + "blocks")
        emberPrecondition(classes >= 1 && hidden.allSatisfy { $0 >= 1 },
                          "leNet: classes \(classes) and hidden sizes \(hidden) must be at least 1")
        var layers: [Module<Scalar>] = []
        var inChannels = inputShape.channels
        for outChannels in channels {
            layers += [Conv2d(inChannels, outChannels, kernelSize: 3, padding: 1), ReLU(), MaxPool2d(kernelSize: 2)]
            inChannels = outChannels
        }
        layers.append(Flatten())
        var width = inChannels * (inputShape.height >> blocks) * (inputShape.width >> blocks)
        for size in hidden {
            layers += [Linear(width, size), ReLU()]
            if dropout > 0 { layers.append(Dropout(p: dropout)) }
            width = size
        }
        layers.append(Linear(width, classes))
        return Sequential(layers)
    }
}
