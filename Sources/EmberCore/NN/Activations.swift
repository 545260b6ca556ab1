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
