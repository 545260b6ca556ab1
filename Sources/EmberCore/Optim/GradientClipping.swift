import EmberBackend

/// Rescales the gradients so that their global L2 norm is at most `maxNorm`, like
/// `torch.nn.utils.clip_grad_norm_(parameters, max_norm)`, and returns the norm they had before.
///
/// ```text
/// total = √(Σ over parameters with a gradient of Σ grad²)
/// c     = maxNorm / (total + 1e-6)
/// grad  = grad · c        for every gradient, when c < 1 (PyTorch multiplies by min(c, 1))
/// ```
///
/// Parameters without a gradient are ignored; with no gradient at all the norm is 0. Call it between
/// `backward()` and `optimizer.step()`.
///
/// Non-finite norms follow PyTorch's default `error_if_nonfinite=False`: nothing is thrown, and the NaN or infinite
/// norm is returned so the caller can skip the step or stop. Unlike PyTorch, which then multiplies the gradients by
/// NaN or 0, the gradients are left unchanged. A norm that overflows only because its squares do (finite gradients
/// above about 1e19 in `Float`) is recomputed with scaling, so such gradients are clipped, not reported infinite.
///
/// ```swift
/// let w = Parameter(Tensor<Double>([3, 4]))
/// (w * w).sum().backward()                        // grad = [6, 8], norm 10
/// let norm = clipGradNorm([w], maxNorm: 1)        // norm == 10; w.grad ≈ [0.6, 0.8]
/// ```
/// - Parameters:
///   - parameters: the parameters whose gradients to clip, such as `model.parameters()`.
///   - maxNorm: the largest allowed norm, positive; `.infinity` measures the norm without clipping.
/// - Returns: the global norm of the gradients before clipping.
@inlinable
@discardableResult
public func clipGradNorm<Scalar: TensorScalar>(_ parameters: [Parameter<Scalar>], maxNorm: Scalar) -> Scalar {
    emberPrecondition(maxNorm > 0, "clipGradNorm: maxNorm must be positive, got \(maxNorm)")
    let grads = parameters.compactMap(\.grad)
    var sumOfSquares: Scalar = 0
    for grad in grads { sumOfSquares += grad.sumOfSquares() }
    var total = sumOfSquares.squareRoot()
    if total == .infinity && grads.allSatisfy(\.isFinite) { total = scaledGlobalNorm(grads) }
    guard total.isFinite else { return total }
    let coefficient = maxNorm / (total + 1e-6)
    if coefficient < 1 {
        for grad in grads { grad.scaleInPlace(coefficient) }
    }
    return total
}

/// The global L2 norm of finite `tensors` computed as `m · √(Σ (x / m)²)` with `m = max |x|`, in `Double`,
/// so that it does not overflow while the norm itself is representable.
@usableFromInline
func scaledGlobalNorm<Scalar: TensorScalar>(_ tensors: [Tensor<Scalar>]) -> Scalar {
    var largest = 0.0
    for tensor in tensors {
        tensor.withUnsafeBufferPointer { for x in $0 { largest = max(largest, abs(Double(x))) } }
    }
    guard largest > 0 else { return 0 }
    var sum = 0.0
    for tensor in tensors {
        tensor.withUnsafeBufferPointer {
            for x in $0 {
                let scaled = Double(x) / largest
                sum += scaled * scaled
            }
        }
    }
    return Scalar(largest * sum.squareRoot())
}
