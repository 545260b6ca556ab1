import Ember

/// The first layer of `ember classify --model cnn`: rows of `C·H·W` pixels become `N × C × H × W` images normalised
/// per channel, `(x − mean[c]) / std[c]` (torchvision's `Normalize`). The statistics are buffers, so a checkpoint
/// carries them and the saved network takes raw pixels (a convolution's zero padding keeps them from being folded
/// into its weights, as `--model mlp` folds the standardisation into its first layer).
final class ImageInput: Module<Float> {
    let shape: ImageShape
    let mean: Buffer<Float>
    let std: Buffer<Float>

    init(_ shape: ImageShape) {
        self.shape = shape
        mean = Buffer(Tensor.zeros([shape.channels]))
        std = Buffer(Tensor.ones([shape.channels]))
        super.init()
    }

    override var namedDirectBuffers: [(name: String, buffer: Buffer<Float>)] { [("mean", mean), ("std", std)] }

    override func forward(_ input: Tensor<Float>) -> Tensor<Float> {
        let c = shape.channels
        let images = input.reshape([input.shape[0], c, shape.height, shape.width])
        return (images - mean.reshape([1, c, 1, 1])) / std.reshape([1, c, 1, 1])
    }

    /// Sets the mean and standard deviation of each channel over every pixel of `rows` (`[n, C·H·W]`, in `Double`).
    /// - Throws: `CLIError` when a channel is constant (its standard deviation 0) or not finite.
    func fit(_ rows: [Double], count: Int, path: String) throws {
        let plane = shape.height * shape.width
        var means: [Float] = [], stds: [Float] = []
        for channel in 0..<shape.channels {
            var sum = 0.0, sumSquares = 0.0
            for row in 0..<count {
                let start = row * shape.pixels + channel * plane
                for value in rows[start..<(start + plane)] { sum += value }
            }
            let n = Double(count * plane), m = sum / n
            for row in 0..<count {
                let start = row * shape.pixels + channel * plane
                for value in rows[start..<(start + plane)] { sumSquares += (value - m) * (value - m) }
            }
            let s = (sumSquares / n).squareRoot()
            try require(s > 0 && s.isFinite && m.isFinite && Float(s).isNormal, "\(path): image channel \(channel) is "
                + "constant or not finite on the training rows and cannot be standardised; pass --no-standardize")
            means.append(Float(m))
            stds.append(Float(s))
        }
        mean.assign(Tensor(means, shape: [shape.channels]))
        std.assign(Tensor(stds, shape: [shape.channels]))
    }
}
