import EmberBackend

/// Modules applied one after another, like `torch.nn.Sequential`; parameters are named `0.weight`, `1.bias`, ….
///
/// ```swift
/// let model = Sequential<Float>(Linear(1, 32), Tanh(), Linear(32, 1))
/// let y = model(Tensor<Float>.zeros([8, 1]))   // shape [8, 1]
/// ```
public final class Sequential<Scalar: TensorScalar>: Module<Scalar> {
    public let layers: [Module<Scalar>]

    @inlinable
    public init(_ layers: [Module<Scalar>]) {
        self.layers = layers
        super.init()
    }

    @inlinable
    public convenience init(_ layers: Module<Scalar>...) {
        self.init(layers)
    }

    public override var namedChildren: [(name: String, module: Module<Scalar>)] {
        layers.enumerated().map { ("\($0.offset)", $0.element) }
    }

    @inlinable
    public override func forward(_ input: Tensor<Scalar>) -> Tensor<Scalar> {
        layers.reduce(input) { x, layer in layer(x) }
    }
}
