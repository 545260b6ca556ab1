import EmberBackend

/// Zeroes each element with probability `p` in training mode and scales the rest by `1 / (1 − p)` (inverted
/// dropout, so evaluation needs no rescaling), like `torch.nn.Dropout`. In evaluation mode (`eval()`) it passes
/// its input through. The mask is drawn from Ember's global generator (`manualSeed` fixes it).
///
/// ```swift
/// manualSeed(0)
/// let dropout = Dropout<Float>(p: 0.5)
/// let y = dropout(Tensor<Float>.ones([4]))   // each element 0 or 2
/// dropout.eval()
/// let z = dropout(Tensor<Float>.ones([4]))   // [1, 1, 1, 1]
/// ```
public final class Dropout<Scalar: TensorScalar>: Module<Scalar> {
    /// The probability of zeroing an element, in `[0, 1]`.
    public let p: Double

    public init(p: Double = 0.5) {
        emberPrecondition(p >= 0 && p <= 1, "Dropout: p must be in [0, 1], got \(p)")
        self.p = p
        super.init()
    }

    public override func forward(_ input: Tensor<Scalar>) -> Tensor<Scalar> {
        input.dropout(p: p, training: isTraining)
    }
}

extension Tensor {
    /// Inverted dropout, like `torch.nn.functional.dropout(input, p, training)`: each element zeroed with
    /// probability `p` (from the global generator) and the rest scaled by `1 / (1 − p)`; `self` when not training
    /// or `p` is 0, zeros when `p` is 1.
    public final func dropout(p: Double, training: Bool = true) -> Tensor {
        emberPrecondition(p >= 0 && p <= 1, "dropout: p must be in [0, 1], got \(p)")
        guard training && p > 0 else { return self }
        if p == 1 { return self * Tensor.zeros(shape) }
        let keep = Scalar(1 / (1 - p))
        let mask = GlobalRandom.withGenerator { generator in
            Tensor((0..<count).map { _ in generator.nextUniform() < p ? 0 : keep }, shape: shape)
        }
        return self * mask
    }
}

/// Zeroes whole channels with probability `p` in training mode and scales the rest by `1 / (1 − p)`, like
/// `torch.nn.Dropout2d`: for inputs `N×C×H×W` (or unbatched `C×H×W`), each of the `N·C` feature maps is kept or
/// dropped as a whole, which suits convolutional features whose neighbours are correlated. In evaluation mode
/// (`eval()`) it passes its input through.
///
/// ```swift
/// manualSeed(0)
/// let dropout = Dropout2d<Float>(p: 0.5)
/// let y = dropout(Tensor<Float>.ones([2, 3, 4, 4]))   // each 4×4 map all 0 or all 2
/// ```
public final class Dropout2d<Scalar: TensorScalar>: Module<Scalar> {
    /// The probability of zeroing a channel, in `[0, 1]`.
    public let p: Double

    public init(p: Double = 0.5) {
        emberPrecondition(p >= 0 && p <= 1, "Dropout2d: p must be in [0, 1], got \(p)")
        self.p = p
        super.init()
    }

    public override func forward(_ input: Tensor<Scalar>) -> Tensor<Scalar> {
        input.dropout2d(p: p, training: isTraining)
    }
}

extension Tensor {
    /// Channel-wise inverted dropout, like `torch.nn.functional.dropout2d(input, p, training)`: each `H×W` feature
    /// map of an `N×C×H×W` (or `C×H×W`) input is zeroed with probability `p` (from the global generator) and the
    /// rest scaled by `1 / (1 − p)`, through one `N×C×1×1` mask; `self` when not training or `p` is 0.
    /// A 3-D input is one unbatched `C×H×W` image, the meaning PyTorch announces for it (PyTorch 2 still reads it
    /// as `N×C×L`, with a warning; use `dropout` on a reshaped tensor for that).
    ///
    /// ```swift
    /// let x = Tensor<Float>.randn([8, 16, 5, 5])
    /// let y = x.dropout2d(p: 0.2)   // about 20 % of the 128 maps zero, the rest × 1.25
    /// ```
    public final func dropout2d(p: Double, training: Bool = true) -> Tensor {
        emberPrecondition(p >= 0 && p <= 1, "dropout2d: p must be in [0, 1], got \(p)")
        emberPrecondition(rank == 3 || rank == 4, "dropout2d: expects input [N, C, H, W] or [C, H, W], got \(shape)")
        guard training && p > 0 else { return self }
        let maskShape = rank == 4 ? [shape[0], shape[1], 1, 1] : [shape[0], 1, 1]
        let keep = p == 1 ? 0 : Scalar(1 / (1 - p))
        let mask = GlobalRandom.withGenerator { generator in
            Tensor((0..<maskShape.reduce(1, *)).map { _ in generator.nextUniform() < p ? 0 : keep }, shape: maskShape)
        }
        return self * mask
    }
}
