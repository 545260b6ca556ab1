import EmberBackend

/// Updates parameters from their gradients, like `torch.optim.Optimizer`.
///
/// An optimizer holds its parameters and per-parameter state; `step()` applies one update using each parameter's
/// `grad` (parameters without a gradient are skipped, as in PyTorch), and `zeroGrad()` clears the gradients.
public protocol Optimizer<Scalar>: AnyObject {
    associatedtype Scalar: TensorScalar
    /// The parameters this optimizer updates.
    var parameters: [Parameter<Scalar>] { get }
    /// The learning rate in force (schedulers change it between steps).
    var learningRate: Scalar { get set }
    /// Applies one update to every parameter that has a gradient.
    func step()
}

extension Optimizer {
    /// Clears every parameter's gradient (sets it to `nil`), like `optimizer.zero_grad()`.
    @inlinable
    public func zeroGrad() {
        for parameter in parameters { parameter.zeroGrad() }
    }
}

/// Checks a hyper-parameter with a message naming the optimizer and the value.
@inlinable
func requireHyperparameter(_ condition: Bool, _ optimizer: String, _ message: @autoclosure () -> String) {
    emberPrecondition(condition, "\(optimizer): \(message())")
}
