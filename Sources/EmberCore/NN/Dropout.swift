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
        precondition(p >= 0 && p <= 1, "Dropout: p must be in [0, 1], got \(p)")
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
        precondition(p >= 0 && p <= 1, "dropout: p must be in [0, 1], got \(p)")
        guard training && p > 0 else { return self }
        if p == 1 { return self * Tensor.zeros(shape) }
        let keep = Scalar(1 / (1 - p))
        let mask = GlobalRandom.withGenerator { generator in
            Tensor((0..<count).map { _ in generator.nextUniform() < p ? 0 : keep }, shape: shape)
        }
        return self * mask
    }
}
