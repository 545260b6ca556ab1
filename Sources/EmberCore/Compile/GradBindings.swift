import EmberBackend

/// Which tensor each parameter's `grad` named at one point of a trace. `zeroGrad()` sets gradients to `nil` and
/// backward creates new ones, which no kernel call shows: a replay restores the bindings recorded before each live
/// region and at the end, so the optimizer and the caller see the gradients the replayed kernels wrote.
final class GradBindings<Scalar: TensorScalar> {
    let grads: [Tensor<Scalar>?]

    init(_ parameters: [Parameter<Scalar>]) {
        grads = parameters.map(\.grad)
    }

    /// Points every parameter's `grad` at the recorded tensor.
    @_specialize(where Scalar == Float)
    @_specialize(where Scalar == Double)
    func restore(_ parameters: [Parameter<Scalar>]) {
        for i in 0..<Swift.min(parameters.count, grads.count) where parameters[i].grad !== grads[i] {
            parameters[i].grad = grads[i]
        }
    }

    /// The storages of the recorded gradients.
    var storageIDs: [ObjectIdentifier] { grads.compactMap { $0.map { ObjectIdentifier($0.storage) } } }
}
