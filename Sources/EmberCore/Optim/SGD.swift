import EmberBackend

/// Stochastic gradient descent with momentum, dampening, Nesterov momentum and weight decay, following
/// `torch.optim.SGD`'s update rule exactly:
///
/// ```text
/// g = grad + weightDecay · p
/// b = g                                   (first step)
/// b = momentum · b + (1 − dampening) · g  (later steps)
/// g = nesterov ? g + momentum · b : b     (when momentum ≠ 0)
/// p = p − lr · g
/// ```
///
/// ```swift
/// let w = Parameter(Tensor<Float>([1]))
/// let optimizer = SGD([w], lr: 0.1)
/// (w * w).sum().backward()
/// optimizer.step()   // w = 1 - 0.1 · 2 = 0.8
/// ```
public final class SGD<Scalar: TensorScalar>: Optimizer {
    public let parameters: [Parameter<Scalar>]
    public var learningRate: Scalar
    public let momentum: Scalar
    public let dampening: Scalar
    public let nesterov: Bool
    public let weightDecay: Scalar
    @usableFromInline var workspaces: [Tensor<Scalar>?]
    @usableFromInline var momentumBuffers: [Tensor<Scalar>?]

    /// - Parameters:
    ///   - parameters: the parameters to update, such as `model.parameters()`.
    ///   - lr: the learning rate, positive and finite.
    ///   - momentum: the momentum factor, non-negative (0 turns momentum off).
    ///   - dampening: dampening of the momentum.
    ///   - weightDecay: L2 penalty added to each gradient.
    ///   - nesterov: Nesterov momentum (needs momentum > 0 and dampening 0, as in PyTorch).
    @inlinable
    public init(_ parameters: [Parameter<Scalar>], lr: Scalar, momentum: Scalar = 0, dampening: Scalar = 0,
                weightDecay: Scalar = 0, nesterov: Bool = false) {
        requireHyperparameter(lr > 0 && lr.isFinite, "SGD", "learning rate must be positive and finite, got \(lr)")
        requireHyperparameter(momentum >= 0 && momentum.isFinite, "SGD", "momentum must be non-negative, got \(momentum)")
        requireHyperparameter(weightDecay >= 0 && weightDecay.isFinite, "SGD",
                              "weight decay must be non-negative, got \(weightDecay)")
        requireHyperparameter(!nesterov || (momentum > 0 && dampening == 0), "SGD",
                              "Nesterov momentum requires a momentum and zero dampening")
        self.parameters = parameters
        self.learningRate = lr
        self.momentum = momentum
        self.dampening = dampening
        self.nesterov = nesterov
        self.weightDecay = weightDecay
        momentumBuffers = Array(repeating: nil, count: parameters.count)
        workspaces = Array(repeating: nil, count: parameters.count)
    }

    @inlinable
    public func step() {
        // Traced by a compiled step, the update's kernels are recorded with the learning rate read at each replay;
        // a first momentum step (which creates the buffers) re-runs live instead.
        let tracing = CompileTracing.isTracing
        if tracing && momentum != 0 && parameters.indices.contains(where: { parameters[$0].grad != nil && momentumBuffers[$0] == nil }) {
            return CompileTracing.liveRegion(step)
        }
        for (i, parameter) in parameters.enumerated() {
            guard let grad = parameter.grad else { continue }
            if weightDecay == 0 && momentum == 0 {
                update(parameter, by: grad, tracing: tracing)
                continue
            }
            // d = grad + weightDecay · p, in this parameter's workspace (the gradient itself is left as it is).
            var d = grad
            if weightDecay != 0 {
                d = workspace(i, like: grad)
                d.copyInPlace(from: grad)
                d.addInPlace(parameter, alpha: weightDecay)
            }
            if momentum != 0 {
                let buffer: Tensor<Scalar>
                if let existing = momentumBuffers[i] {
                    existing.scaleInPlace(momentum)
                    existing.addInPlace(d, alpha: 1 - dampening)
                    buffer = existing
                } else {
                    buffer = Tensor.uninitialized(like: d)
                    buffer.copyInPlace(from: d)
                    momentumBuffers[i] = buffer
                }
                if nesterov {
                    let w = workspace(i, like: grad)
                    if w !== d { w.copyInPlace(from: d) }
                    w.addInPlace(buffer, alpha: momentum)
                    d = w
                } else {
                    d = buffer
                }
            }
            update(parameter, by: d, tracing: tracing)
        }
    }

    /// `parameter −= learningRate · direction`; traced, with the learning rate read at each replay.
    @inlinable
    func update(_ parameter: Parameter<Scalar>, by direction: Tensor<Scalar>, tracing: Bool) {
        guard tracing else { return parameter.addInPlace(direction, alpha: -learningRate) }
        CompileTracing.withReplayScalar(-learningRate, { [self] in -self.learningRate }) {
            parameter.addInPlace(direction, alpha: -learningRate)
        }
    }

    /// The scratch tensor of parameter `i`, allocated on first use, so that steps allocate nothing afterwards.
    @inlinable
    func workspace(_ i: Int, like grad: Tensor<Scalar>) -> Tensor<Scalar> {
        if let existing = workspaces[i] { return existing }
        let created = Tensor<Scalar>.uninitialized(like: grad)
        workspaces[i] = created
        return created
    }
}
