import EmberBackend

/// Changes an optimizer's learning rate once per epoch, like `torch.optim.lr_scheduler.LRScheduler`.
///
/// A scheduler records the optimizer's learning rate when it is created as `baseLearningRate` (epoch 0, learning
/// rate unchanged, as PyTorch's constructor does). Each `step()` advances `epoch` by one and sets
/// `optimizer.learningRate` to `learningRate(atEpoch: epoch)`, the scheduler's closed form (PyTorch's
/// `_get_closed_form_lr`). Call `step()` after the epoch's `optimizer.step()` calls, as in PyTorch.
///
/// The learning rate is always recomputed from the closed form, so a learning rate set by hand between two
/// `step()` calls is overwritten by the next one (PyTorch's chainable form would scale it instead).
///
/// ```swift
/// let w = Parameter(Tensor<Float>([1]))
/// let optimizer = SGD([w], lr: 0.1)
/// let scheduler = ExponentialLR(optimizer, gamma: 0.5)
/// for _ in 0..<3 {
///     // … one epoch of optimizer.step() calls …
///     scheduler.step()
/// }
/// // optimizer.learningRate == 0.0125, scheduler.lastLearningRate == 0.0125
/// ```
public protocol LRScheduler: AnyObject {
    /// The optimizer whose learning rate this scheduler sets.
    associatedtype Optimized: Optimizer
    /// The optimizer whose learning rate this scheduler sets.
    var optimizer: Optimized { get }
    /// The optimizer's learning rate when the scheduler was created (PyTorch's `base_lrs`).
    var baseLearningRate: Optimized.Scalar { get }
    /// How many times `step()` has been called (PyTorch's `last_epoch`); 0 after creation.
    var epoch: Int { get }
    /// The learning rate this scheduler last set (PyTorch's `get_last_lr()`).
    var lastLearningRate: Optimized.Scalar { get }
    /// The learning rate at `epoch` by the scheduler's closed form; `learningRate(atEpoch: 0) == baseLearningRate`.
    func learningRate(atEpoch epoch: Int) -> Optimized.Scalar
    /// Advances one epoch and sets the optimizer's learning rate.
    func step()
}
