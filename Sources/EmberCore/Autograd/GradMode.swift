import EmberBackend

/// Whether operations record the graph that `backward()` walks, per task (like PyTorch's grad mode, which is
/// thread-local): a scope entered in one task never affects another.
public enum GradMode: Sendable {
    /// Operations on tensors that require grad record their backward.
    case enabled
    /// `withNoGrad`: nothing is recorded; results do not require grad.
    case disabled
    /// `withInferenceMode`: like `disabled`, for prediction; `Module`s see it as `GradMode.isInference`.
    case inference

    @usableFromInline @TaskLocal static var current: GradMode = .enabled

    /// Whether operations record gradients in the calling task.
    @inlinable public static var isEnabled: Bool { current == .enabled }
    /// Whether the calling task runs inside `withInferenceMode`.
    @inlinable public static var isInference: Bool { current == .inference }
}

/// Runs `body` without recording gradients, like `with torch.no_grad():`.
///
/// ```swift
/// let w = Tensor<Float>([2], requiresGrad: true)
/// let y = withNoGrad { w * 3 }
/// // y.requiresGrad == false
/// ```
public func withNoGrad<R>(_ body: () throws -> R) rethrows -> R {
    try GradMode.$current.withValue(.disabled, operation: body)
}

/// Runs `body` without recording gradients, like `with torch.no_grad():`.
public func withNoGrad<R>(_ body: () async throws -> R) async rethrows -> R {
    try await GradMode.$current.withValue(.disabled, operation: body)
}

/// Runs `body` for prediction, like `with torch.inference_mode():`: no gradients are recorded.
public func withInferenceMode<R>(_ body: () throws -> R) rethrows -> R {
    try GradMode.$current.withValue(.inference, operation: body)
}

/// Runs `body` for prediction, like `with torch.inference_mode():`: no gradients are recorded.
public func withInferenceMode<R>(_ body: () async throws -> R) async rethrows -> R {
    try await GradMode.$current.withValue(.inference, operation: body)
}

/// Runs `body` with gradient recording on again, like `with torch.enable_grad():`.
public func withGrad<R>(_ body: () throws -> R) rethrows -> R {
    try GradMode.$current.withValue(.enabled, operation: body)
}
