import EmberBackend

/// What a compiled step accepts as its arguments: a `Tensor` (inputs, regression targets) or an `IndexTensor`
/// (class labels). A replay reads a new argument's memory in place of the traced one.
public protocol CompiledStepInput {
    /// The shape the step was traced for (a guard).
    var shape: [Int] { get }
    /// Calls `body` with the address of the first element (`nil` when there is none), the object owning the memory
    /// (`nil` for a plain array) and its size in bytes. For Ember's own use.
    func _withCompiledBuffer<R>(_ body: (UnsafeMutableRawPointer?, AnyObject?, Int) -> R) -> R
    /// Whether every index is in `0..<bound` (always `true` for value tensors). For Ember's own use.
    func _indicesAreBelow(_ bound: Int) -> Bool
}

extension Tensor: CompiledStepInput {
    public func _withCompiledBuffer<R>(_ body: (UnsafeMutableRawPointer?, AnyObject?, Int) -> R) -> R {
        storage.withUnsafeMutablePointerToElements {
            body(UnsafeMutableRawPointer($0), storage, storage.header * MemoryLayout<Scalar>.stride)
        }
    }

    public func _indicesAreBelow(_ bound: Int) -> Bool { true }
}

extension IndexTensor: CompiledStepInput {
    public func _withCompiledBuffer<R>(_ body: (UnsafeMutableRawPointer?, AnyObject?, Int) -> R) -> R {
        scalars.withUnsafeBufferPointer {
            body($0.baseAddress.map { UnsafeMutableRawPointer(mutating: $0) }, nil, $0.count * MemoryLayout<Int>.stride)
        }
    }

    public func _indicesAreBelow(_ bound: Int) -> Bool { scalars.allSatisfy { $0 >= 0 && $0 < bound } }
}
