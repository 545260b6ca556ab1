import Ember

/// The tutorial's model, `y = weight · x + bias`, with `weight` and `bias` as learnable parameters drawn from
/// `randn` as in the PyTorch tutorial. One feature takes `x` of shape `[n]` (elementwise, exactly the tutorial);
/// several take `x` of shape `[n, features]` (a matrix-vector product).
final class RegressionModel: Module<Float> {
    let weight: Parameter<Float>
    let bias: Parameter<Float>

    init(features: Int) {
        weight = Parameter(Tensor<Float>.randn([features]))
        bias = Parameter(Tensor<Float>.randn([1]))
        super.init()
    }

    override func forward(_ x: Tensor<Float>) -> Tensor<Float> {
        x.rank == 1 ? weight * x + bias : x.matmul(weight) + bias
    }
}
