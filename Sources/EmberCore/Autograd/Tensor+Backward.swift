import EmberBackend
import Synchronization

/// Numbers backward passes, so that a pass can mark the tensors it has visited without a set.
@usableFromInline let backwardPassCounter = Atomic<UInt64>(0)

extension Tensor {
    /// Computes the gradient of this tensor with respect to every leaf that requires grad and accumulates it into
    /// their `grad`, like `tensor.backward()`. The graph is released afterwards.
    ///
    /// - Parameter gradient: the gradient of some scalar with respect to this tensor, of this tensor's shape;
    ///   may be omitted only when this tensor has one element (the gradient is then 1).
    ///
    /// ```swift
    /// let w = Tensor<Double>([3], requiresGrad: true)
    /// (w * w).sum().backward()
    /// // w.grad!.scalars == [6]
    /// ```
    @inlinable
    public final func backward(_ gradient: Tensor? = nil) {
        precondition(requiresGrad, "backward: the tensor does not require grad and has no grad_fn")
        let seed: Tensor
        if let gradient {
            precondition(gradient.shape == shape,
                         "backward: gradient shape \(gradient.shape) does not match tensor shape \(shape)")
            seed = gradient
        } else {
            precondition(count == 1, "backward: grad can be implicitly created only for scalar outputs, got shape \(shape)")
            seed = Tensor.full(shape, 1)
        }
        withNoGrad { sweep(seed) }
    }

    /// The reverse sweep: every tensor's gradient is complete before its node passes it on.
    @inlinable
    final func sweep(_ seed: Tensor) {
        let order = topologicalOrder()
        pendingGrad = seed
        for tensor in order.reversed() {
            guard let grad = tensor.pendingGrad else { continue }
            tensor.pendingGrad = nil
            guard let node = tensor.gradFn else {
                tensor.accumulateGrad(grad)
                continue
            }
            if let inputs = node.inputs, let backward = node.naryBackward {
                for (input, inputGrad) in zip(inputs, backward(grad)) {
                    if let inputGrad { input.receiveGrad(inputGrad) }
                }
                node.release()
                continue
            }
            let (lhsGrad, rhsGrad) = node.gradients(for: grad)
            if let lhsGrad, let lhs = node.lhs { lhs.receiveGrad(lhsGrad) }
            if let rhsGrad, let rhs = node.rhs { rhs.receiveGrad(rhsGrad) }
            node.release()
        }
    }

    /// Adds `grad` to the gradient flowing into this tensor during the sweep.
    @inlinable
    final func receiveGrad(_ grad: Tensor) {
        guard requiresGrad else { return }
        if let pending = pendingGrad {
            pendingGrad = pending + grad
        } else {
            pendingGrad = grad
        }
    }

    /// Adds `grad` into a leaf's `.grad`, in place when one exists (gradients accumulate across backward calls).
    @inlinable
    final func accumulateGrad(_ grad: Tensor) {
        guard isLeafRequiringGrad else { return }
        if let existing = self.grad {
            Tensor.withKernelPointers(grad, existing) { Tensor.backend.axpy(1, $0, $1, count: count) }
        } else {
            // Own the gradient's memory: `grad` may be shared with the graph or with the forward values.
            self.grad = grad.clone()
        }
    }

    /// Every tensor that reaches this one through recorded nodes, each after all of its inputs.
    @inlinable
    final func topologicalOrder() -> [Tensor] {
        let pass = backwardPassCounter.add(1, ordering: .relaxed).newValue
        var order: [Tensor] = []
        order.reserveCapacity(32)
        // Iterative depth-first search, so deep graphs cannot overflow the stack.
        var stack: [(tensor: Tensor, expanded: Bool)] = [(self, false)]
        stack.reserveCapacity(32)
        while let (tensor, expanded) = stack.popLast() {
            if expanded {
                order.append(tensor)
                continue
            }
            if tensor.visitedByPass == pass { continue }
            tensor.visitedByPass = pass
            stack.append((tensor, true))
            if let node = tensor.gradFn {
                precondition(!node.isReleased,
                             "backward: trying to backward through the graph a second time; its saved tensors were freed")
                if let lhs = node.lhs, lhs.requiresGrad, lhs.visitedByPass != pass { stack.append((lhs, false)) }
                if let rhs = node.rhs, rhs.requiresGrad, rhs.visitedByPass != pass { stack.append((rhs, false)) }
                for input in node.inputs ?? [] where input.requiresGrad && input.visitedByPass != pass {
                    stack.append((input, false))
                }
            }
        }
        return order
    }

    /// A tensor sharing this one's values but cut from the graph, like `tensor.detach()`.
    @inlinable
    public final func detach() -> Tensor {
        Tensor(sharing: self, requiresGrad: false)
    }

    /// Sets `grad` to `nil`, like `tensor.grad = None` (what `zero_grad()` does by default in PyTorch 2).
    @inlinable
    public final func zeroGrad() {
        grad = nil
    }
}
