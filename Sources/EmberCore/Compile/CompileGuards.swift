import EmberBackend

/// What a trace assumed about the world when it was recorded. A replay is valid only while every guard still holds;
/// the first that fails names itself, and the step retraces (or, with a full cache, runs eagerly).
final class CompileGuards<Scalar: TensorScalar> {
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
    /// Set once, when the trace is made (`@exclusivity(unchecked)`: read at every call, never during a write).
    @exclusivity(unchecked) var gradsRead: [(index: Int, grad: Tensor<Scalar>)] = []
    /// The optimizer's parameters, which its live `step()` updates: the array itself, held, so that an unchanged list
    /// is recognised by its buffer alone (an array that shares a buffer with this one cannot change its elements).
    let optimizerParameters: [Parameter<Scalar>]

    init(inputs: [[Int]], context: CompiledStepContext<Scalar>) {
        inputShapes = inputs
        let current = Backends.current
        backend = ObjectIdentifier(current)
        backendName = current.name
        gradMode = GradMode.current
        threads = Threads.count
        training = context.modules.map(\.isTraining)
        gradPresent = context.parameters.map { $0.grad != nil }
        optimizerParameters = context.optimizerParameters()
    }

    /// The first guard that fails for a call with inputs of shapes `x` and `y` on `backend` (the one in force), described
    /// for the log; `nil` when all hold.
    @_specialize(where Scalar == Float)
    @_specialize(where Scalar == Double)
    func mismatch(_ x: [Int], _ y: [Int], backend backendNow: any Backend, context: CompiledStepContext<Scalar>) -> String? {
        if x != inputShapes[0] { return "input shape \(inputShapes[0]) -> \(x)" }
        if y != inputShapes[1] { return "target shape \(inputShapes[1]) -> \(y)" }
        if ObjectIdentifier(backendNow) != backend { return "backend \(backendName) -> \(backendNow.name)" }
        let mode = GradMode.current
        if mode != gradMode { return "grad mode \(gradMode) -> \(mode)" }
        let threadCount = Threads.count
        if threadCount != threads { return "thread count \(threads) -> \(threadCount)" }
        // Index loops: this runs at every call, and generic sequence adaptors cost metadata look-ups here.
        let modules = context.modules
        for i in 0..<modules.count where modules[i].isTraining != training[i] {
            return "\(type(of: modules[i])) switched to \(modules[i].isTraining ? "train" : "eval") mode"
        }
        let parameters = context.parameters
        for i in 0..<parameters.count where (parameters[i].grad != nil) != gradPresent[i] {
            return "parameter \(i) \(gradPresent[i] ? "lost" : "gained") its gradient"
        }
        let gradsRead = self.gradsRead   // one access to the variable, not one per element
        for j in 0..<gradsRead.count where parameters[gradsRead[j].index].grad !== gradsRead[j].grad {
            return "parameter \(gradsRead[j].index) holds another gradient tensor"
        }
        if !Self.sameParameters(context.optimizerParameters(), optimizerParameters) {
            return "the optimizer's parameters changed"
        }
        return nil
    }

    /// Whether `a` and `b` list the same parameters in the same order.
    private static func sameParameters(_ a: [Parameter<Scalar>], _ b: [Parameter<Scalar>]) -> Bool {
        guard a.count == b.count else { return false }
        let sameBuffer = a.withUnsafeBufferPointer { a in b.withUnsafeBufferPointer { a.baseAddress == $0.baseAddress } }
        if sameBuffer { return true }
        for i in 0..<a.count where a[i] !== b[i] { return false }
        return true
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
