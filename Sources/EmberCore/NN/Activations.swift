import EmberBackend

/// `max(x, 0)` as a layer, like `torch.nn.ReLU`.
public final class ReLU<Scalar: TensorScalar>: Module<Scalar> {
    @inlinable
    public override init() { super.init() }
    @inlinable
    public override func forward(_ input: Tensor<Scalar>) -> Tensor<Scalar> { input.relu() }
}

/// `1 / (1 + e^-x)` as a layer, like `torch.nn.Sigmoid`.
public final class Sigmoid<Scalar: TensorScalar>: Module<Scalar> {
    @inlinable
    public override init() { super.init() }
    @inlinable
    public override func forward(_ input: Tensor<Scalar>) -> Tensor<Scalar> { input.sigmoid() }
}

/// Hyperbolic tangent as a layer, like `torch.nn.Tanh`.
public final class Tanh<Scalar: TensorScalar>: Module<Scalar> {
    @inlinable
    public override init() { super.init() }
    @inlinable
    public override func forward(_ input: Tensor<Scalar>) -> Tensor<Scalar> { input.tanh() }
}

/// `x` for positive `x`, else `negativeSlope·x`, as a layer, like `torch.nn.LeakyReLU`.
public final class LeakyReLU<Scalar: TensorScalar>: Module<Scalar> {
    public let negativeSlope: Scalar
    public init(negativeSlope: Scalar = 0.01) {
        self.negativeSlope = negativeSlope
        super.init()
    }
    public override func forward(_ input: Tensor<Scalar>) -> Tensor<Scalar> { input.leakyRelu(negativeSlope: negativeSlope) }
}

/// The Gaussian error linear unit as a layer, like `torch.nn.GELU` (exact by default).
public final class GELU<Scalar: TensorScalar>: Module<Scalar> {
    public let approximate: GELUApproximation
    public init(approximate: GELUApproximation = .none) {
        self.approximate = approximate
        super.init()
    }
    public override func forward(_ input: Tensor<Scalar>) -> Tensor<Scalar> { input.gelu(approximate: approximate) }
}

/// `softmax` along `axis` as a layer, like `torch.nn.Softmax(dim)`.
///
/// ```swift
/// let probabilities = Softmax<Float>(axis: 1)(Tensor<Float>([[1, 2, 3]]))   // rows sum to 1
/// ```
public final class Softmax<Scalar: TensorScalar>: Module<Scalar> {
    public let axis: Int
    public init(axis: Int) {
        self.axis = axis
        super.init()
    }
    public override func forward(_ input: Tensor<Scalar>) -> Tensor<Scalar> { input.softmax(axis: axis) }
}

/// `logSoftmax` along `axis` as a layer, like `torch.nn.LogSoftmax(dim)`.
public final class LogSoftmax<Scalar: TensorScalar>: Module<Scalar> {
    public let axis: Int
    public init(axis: Int) {
        self.axis = axis
        super.init()
    }
    public override func forward(_ input: Tensor<Scalar>) -> Tensor<Scalar> { input.logSoftmax(axis: axis) }
}
