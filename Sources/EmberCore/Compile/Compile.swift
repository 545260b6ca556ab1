import EmberBackend

/// Compiles a training step: the closure runs forward, loss, `zeroGrad`, `backward` and the optimizer's `step()`,
/// and returns the loss; the result is a `CompiledStep` that traces it once and replays the recorded kernels.
///
/// The closure must compute everything it does to tensors through tensor operations on its arguments, the model's
/// parameters and tensors it captures: Swift values it captures are read once, when it is traced, and host reads of
/// tensor values (`item()`, `scalars`, element access, random numbers) keep it eager. See the article "Compiled
/// steps" for when compiling pays and what cannot be traced.
///
/// ```swift
/// let model = Linear<Float>(1, 1)
/// let optimizer = SGD(model.parameters(), lr: 0.1)
/// let criterion = MSELoss()
/// let step = compile(model, optimizer) { (x: Tensor<Float>, y: Tensor<Float>) in
///     let loss = criterion(model(x), y)
///     optimizer.zeroGrad()
///     loss.backward()
///     optimizer.step()
///     return loss
/// }
/// let x = Tensor<Float>([[0], [1]]), y = Tensor<Float>([[1], [3]])
/// for _ in 0..<100 { _ = step(x, y) }
/// ```
/// - Parameters:
///   - model: the module the step trains (its train/eval flags are guards).
///   - optimizer: the optimizer the step calls (its parameters are guards; its `step()` runs live).
///   - enabled: `false` runs every call eagerly (default: unless `EMBER_COMPILE=0`).
///   - body: the step, from a batch of inputs and targets to the loss.
/// - Returns: the compiled step.
public func compile<Scalar: TensorScalar, Target: CompiledStepInput, Optimized: Optimizer>(
    _ model: Module<Scalar>, _ optimizer: Optimized, enabled: Bool = CompileSettings.isEnabled,
    _ body: @escaping (Tensor<Scalar>, Target) -> Tensor<Scalar>
) -> CompiledStep<Scalar, Target> where Optimized.Scalar == Scalar {
    var parameters = model.parameters()
    let known = Set(parameters.map { ObjectIdentifier($0) })
    parameters += optimizer.parameters.filter { !known.contains(ObjectIdentifier($0)) }
    let context = CompiledStepContext(modules: CompiledStepContext.allModules(model), parameters: parameters,
                                      optimizerParameters: { optimizer.parameters })
    return CompiledStep(body: body, context: context, enabled: enabled)
}
