import EmberBackend
import EmberCore

/// Trains a copy of a model on every process of a `ProcessGroup`, each on its own share of the data, and keeps the
/// copies identical, like `torch.nn.parallel.DistributedDataParallel`.
///
/// Wrapping a module broadcasts its parameters from rank 0, so every process starts from the same values. Call
/// `synchronizeGradients()` after `backward()` and before the optimizer's `step()`: it replaces every gradient by
/// its mean over the processes, in a few large all-reduces (buckets of `bucketCapacityMB`, PyTorch's 25 MB by
/// default) rather than one per parameter. Every optimizer then takes the same step on every process, unchanged.
/// With equal shares of a global batch (a `DistributedSampler`) and a mean-reduced loss, the mean of the
/// processes' gradients is the gradient of the global batch, so training follows the single-process run up to the
/// order of floating-point sums.
///
/// PyTorch starts the all-reduce from backward hooks, overlapping it with the rest of backward; Ember's explicit call
/// runs it after backward (see the "Data-parallel training" article for what is left for later). A parameter
/// without a gradient on some process counts as zeros there; after the call every parameter has a gradient.
///
/// ```swift
/// let group = try ProcessGroup.initialize()
/// let model = Sequential<Float>(Linear(8, 16), ReLU(), Linear(16, 1))
/// let ddp = DistributedDataParallel(model, group: group)
/// let optimizer = Adam(ddp.parameters(), lr: 0.01)
/// let x = Tensor<Float>.randn([32, 8]), y = Tensor<Float>.randn([32, 1])   // this process's share of the batch
/// let loss = MSELoss()(ddp(x), y)
/// optimizer.zeroGrad()
/// loss.backward()
/// ddp.synchronizeGradients()
/// optimizer.step()
/// ```
public final class DistributedDataParallel<Scalar: TensorScalar>: Module<Scalar> {
    /// The wrapped model (its parameters are named `module.…`, as in PyTorch).
    public let module: Module<Scalar>
    /// The processes that train together.
    public let group: ProcessGroup
    private let buckets: GradientBuckets<Scalar>

    /// Wraps `module` and copies rank 0's parameters to every process (a collective: every process must call it).
    /// - Parameters:
    ///   - module: the model; every process must build the same architecture (checked: a process whose parameter
    ///     count or sizes differ stops the job with a message naming both).
    ///   - group: the processes that train together.
    ///   - bucketCapacityMB: the size of each all-reduce, in megabytes (2²⁰ bytes).
    public init(_ module: Module<Scalar>, group: ProcessGroup, bucketCapacityMB: Double = 25) {
        precondition(bucketCapacityMB > 0, "DistributedDataParallel: bucketCapacityMB must be positive, got \(bucketCapacityMB)")
        self.module = module
        self.group = group
        let parameters = module.parameters()
        buckets = GradientBuckets(parameters, capacityBytes: Int(bucketCapacityMB * 1_048_576))
        super.init()
        Self.checkSameParameters(parameters, group: group)
        buckets.broadcastValues(from: 0, over: group)
    }

    /// Runs the wrapped module.
    public override func forward(_ input: Tensor<Scalar>) -> Tensor<Scalar> { module(input) }

    /// The number of all-reduces `synchronizeGradients()` makes per step.
    public var bucketCount: Int { buckets.buckets.count }

    /// Replaces every parameter's gradient by its mean over the processes (a collective: every process must call
    /// it, after `backward()` and before `step()`). With one process it does nothing.
    public func synchronizeGradients() {
        guard group.worldSize > 1 else { return }
        buckets.averageGradients(over: group)
    }

    /// Stops the job when the processes' models differ in parameter count or sizes.
    private static func checkSameParameters(_ parameters: [Parameter<Scalar>], group: ProcessGroup) {
        guard group.worldSize > 1 else { return }
        var signature: [Double] = [Double(parameters.count)]
        for parameter in parameters { signature.append(Double(parameter.count)) }
        // Pad to a common length first: the counts must match before the signatures can be gathered.
        let counts = group.allGather(Tensor<Double>([Double(signature.count)])).scalars
        let longest = Int(counts.max() ?? 0)
        signature += [Double](repeating: -1, count: longest - signature.count)
        let all = group.allGather(Tensor<Double>(signature, shape: [longest])).scalars
        let rank0 = Array(all[0..<longest])
        for rank in 1..<group.worldSize where Array(all[(rank * longest)..<((rank + 1) * longest)]) != rank0 {
            let other = all[(rank * longest)..<((rank + 1) * longest)].filter { $0 >= 0 }.dropFirst()
            preconditionFailure("DistributedDataParallel: rank \(rank)'s model has \(other.count) parameters of sizes "
                + "\(other.map { Int($0) }), rank 0's has \(Int(rank0[0])) of sizes "
                + "\(rank0.dropFirst().filter { $0 >= 0 }.map { Int($0) }); every process must build the same model")
        }
    }
}
