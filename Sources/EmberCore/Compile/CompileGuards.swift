import EmberBackend

/// What a trace assumed about the world when it was recorded. A replay is valid only while every guard still holds;
/// the first that fails names itself, and the step retraces (or, with a full cache, runs eagerly).
struct CompileGuards<Scalar: TensorScalar> {
    let inputShapes: [[Int]]
    let backend: ObjectIdentifier
    let backendName: String
    let gradMode: GradMode
    let threads: Int
    /// `isTraining` of every module of the model, in `CompiledStep.modules` order.
    let training: [Bool]
    /// Whether each parameter had a gradient when the step began (backward adds to one, or creates it).
    let gradPresent: [Bool]
    /// The gradients the trace read in place (no `zeroGrad` before backward): the very same tensors must be there.
    var gradsRead: [(index: Int, grad: Tensor<Scalar>)] = []
    /// The optimizer's parameters, which its live `step()` updates.
    let optimizerParameters: [ObjectIdentifier]

    init(inputs: [[Int]], context: CompiledStepContext<Scalar>) {
        inputShapes = inputs
        let current = Backends.current
        backend = ObjectIdentifier(current)
        backendName = current.name
        gradMode = GradMode.current
        threads = Threads.count
        training = context.modules.map(\.isTraining)
        gradPresent = context.parameters.map { $0.grad != nil }
        optimizerParameters = context.optimizerParameters().map { ObjectIdentifier($0) }
    }

    /// The first guard that fails for a call with `inputs` now, described for the log; `nil` when all hold.
    func mismatch(_ x: [Int], _ y: [Int], context: CompiledStepContext<Scalar>) -> String? {
        if x != inputShapes[0] { return "input shape \(inputShapes[0]) -> \(x)" }
        if y != inputShapes[1] { return "target shape \(inputShapes[1]) -> \(y)" }
        let current = Backends.current
        if ObjectIdentifier(current) != backend { return "backend \(backendName) -> \(current.name)" }
        let mode = GradMode.current
        if mode != gradMode { return "grad mode \(gradMode) -> \(mode)" }
        let threadCount = Threads.count
        if threadCount != threads { return "thread count \(threads) -> \(threadCount)" }
        for (i, module) in context.modules.enumerated() where module.isTraining != training[i] {
            return "\(type(of: module)) switched to \(module.isTraining ? "train" : "eval") mode"
        }
        for (i, parameter) in context.parameters.enumerated() where (parameter.grad != nil) != gradPresent[i] {
            return "parameter \(i) \(gradPresent[i] ? "lost" : "gained") its gradient"
        }
        for (i, grad) in gradsRead where context.parameters[i].grad !== grad {
            return "parameter \(i) holds another gradient tensor"
        }
        let parameters = context.optimizerParameters()
        if parameters.count != optimizerParameters.count
            || zip(parameters, optimizerParameters).contains(where: { ObjectIdentifier($0) != $1 }) {
            return "the optimizer's parameters changed"
        }
        return nil
    }
}

/// The model and optimizer a compiled step watches: its modules (for train/eval flags), the parameters whose
/// gradients it binds, and the optimizer's parameter list.
struct CompiledStepContext<Scalar: TensorScalar> {
    let modules: [Module<Scalar>]
    let parameters: [Parameter<Scalar>]
    let optimizerParameters: () -> [Parameter<Scalar>]

    /// `module` and all its descendants, depth first.
    static func allModules(_ module: Module<Scalar>) -> [Module<Scalar>] {
        [module] + module.namedChildren.flatMap { allModules($0.module) }
    }
}
