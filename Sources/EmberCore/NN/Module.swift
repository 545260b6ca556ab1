import EmberBackend

/// The base class of layers and models, like `torch.nn.Module`.
///
/// Subclass it, store `Parameter`s, submodules and arrays of submodules as properties, and override `forward`.
/// Parameters are discovered automatically (by reflection over stored properties), with dotted names such as
/// `layers.0.weight`; calling a module runs its `forward`.
///
/// ```swift
/// final class LinearRegression: Module<Float> {
///     let weight = Parameter(Tensor<Float>.randn([1]))
///     let bias = Parameter(Tensor<Float>.randn([1]))
///     override func forward(_ x: Tensor<Float>) -> Tensor<Float> { weight * x + bias }
/// }
/// let model = LinearRegression()
/// let y = model(Tensor<Float>.linspace(0, 1, steps: 5))
/// // model.namedParameters().map(\.name) == ["weight", "bias"]
/// ```
open class Module<Scalar: TensorScalar> {
    // `@exclusivity(unchecked)`: a compiled step's guards read it at every call; only `train(_:)` writes it.
    /// Whether the module is in training mode (`train()`) rather than evaluation mode (`eval()`).
    @exclusivity(unchecked) public private(set) var isTraining = true

    public init() {}

    /// The computation of the module. Subclasses override it; the base class has none.
    open func forward(_ input: Tensor<Scalar>) -> Tensor<Scalar> {
        emberPreconditionFailure("\(type(of: self)) must override forward(_:)")
    }

    /// Runs `forward`, like calling a PyTorch module.
    public final func callAsFunction(_ input: Tensor<Scalar>) -> Tensor<Scalar> { forward(input) }

    /// The direct submodules with their names. By default found by reflection over stored properties
    /// (a `Module`, or an array of them named `name.0`, `name.1`, …); override to name them differently.
    open var namedChildren: [(name: String, module: Module<Scalar>)] {
        var children: [(name: String, module: Module<Scalar>)] = []
        forEachStoredProperty { name, value in
            if let module = value as? Module<Scalar> {
                children.append((name, module))
            } else if let modules = value as? [Module<Scalar>] {
                for (i, module) in modules.enumerated() { children.append(("\(name).\(i)", module)) }
            }
        }
        return children
    }

    /// The parameters this module holds itself (not its submodules'), with their names.
    open var namedDirectParameters: [(name: String, parameter: Parameter<Scalar>)] {
        var parameters: [(name: String, parameter: Parameter<Scalar>)] = []
        forEachStoredProperty { name, value in
            if let parameter = value as? Parameter<Scalar> {
                parameters.append((name, parameter))
            } else if let list = value as? [Parameter<Scalar>] {
                for (i, parameter) in list.enumerated() { parameters.append(("\(name).\(i)", parameter)) }
            }
        }
        return parameters
    }

    /// The buffers this module holds itself (not its submodules'), with their names; by default found by reflection
    /// like the parameters. Override to give PyTorch's names (`BatchNorm1d` does: `running_mean`, …).
    open var namedDirectBuffers: [(name: String, buffer: Buffer<Scalar>)] {
        var buffers: [(name: String, buffer: Buffer<Scalar>)] = []
        forEachStoredProperty { name, value in
            if let buffer = value as? Buffer<Scalar> { buffers.append((name, buffer)) }
        }
        return buffers
    }

    /// Every buffer of this module and its submodules, with dotted names, like `named_buffers()`.
    public final func namedBuffers() -> [(name: String, buffer: Buffer<Scalar>)] {
        namedDirectBuffers + namedChildren.flatMap { child in
            child.module.namedBuffers().map { (child.name + "." + $0.name, $0.buffer) }
        }
    }

    /// The parameters, then the buffers, by name: everything a checkpoint holds (see `stateDict()`).
    public final func namedState() -> [(name: String, tensor: Tensor<Scalar>)] {
        namedParameters().map { ($0.name, $0.parameter as Tensor<Scalar>) }
            + namedBuffers().map { ($0.name, $0.buffer as Tensor<Scalar>) }
    }

    /// Every parameter of this module and its submodules, with dotted names, like `named_parameters()`.
    /// A parameter reachable by two paths is listed once.
    public final func namedParameters() -> [(name: String, parameter: Parameter<Scalar>)] {
        var seen = Set<ObjectIdentifier>()
        var result: [(name: String, parameter: Parameter<Scalar>)] = []
        collect(prefix: "", seen: &seen, into: &result)
        return result
    }

    /// Every parameter of this module and its submodules, like `parameters()`.
    public final func parameters() -> [Parameter<Scalar>] { namedParameters().map(\.parameter) }

    /// The parameters' and buffers' values by name, like `state_dict()` (the tensors are shared, not copied).
    public final func stateDict() -> [String: Tensor<Scalar>] {
        Dictionary(namedState().map { ($0.name, $0.tensor) }, uniquingKeysWith: { first, _ in first })
    }

    /// Switches this module and its submodules to training mode, like `model.train()`.
    @discardableResult
    public final func train(_ on: Bool = true) -> Self {
        isTraining = on
        for child in namedChildren { child.module.train(on) }
        return self
    }

    /// Switches this module and its submodules to evaluation mode, like `model.eval()`.
    @discardableResult
    public final func eval() -> Self { train(false) }

    /// Clears the gradients of every parameter, like `model.zero_grad()`.
    public final func zeroGrad() {
        for parameter in parameters() { parameter.zeroGrad() }
    }

    private func collect(prefix: String, seen: inout Set<ObjectIdentifier>,
                         into result: inout [(name: String, parameter: Parameter<Scalar>)]) {
        for (name, parameter) in namedDirectParameters where seen.insert(ObjectIdentifier(parameter)).inserted {
            result.append((prefix + name, parameter))
        }
        for (name, child) in namedChildren {
            child.collect(prefix: prefix + name + ".", seen: &seen, into: &result)
        }
    }

    /// Calls `body` with the name and value of every stored property, subclass properties after base-class ones.
    private func forEachStoredProperty(_ body: (String, Any) -> Void) {
        var mirrors: [Mirror] = []
        var mirror: Mirror? = Mirror(reflecting: self)
        while let current = mirror {
            mirrors.append(current)
            mirror = current.superclassMirror
        }
        for mirror in mirrors.reversed() {
            for child in mirror.children {
                guard let label = child.label else { continue }
                body(label.hasPrefix("_") ? String(label.dropFirst()) : label, unwrapOptional(child.value))
            }
        }
    }

    private func unwrapOptional(_ value: Any) -> Any {
        let mirror = Mirror(reflecting: value)
        guard mirror.displayStyle == .optional else { return value }
        return mirror.children.first?.value ?? value
    }
}
