/// One element where a backend's result differs from the reference result.
public struct ConformanceMismatch: Sendable, Equatable, CustomStringConvertible {
    /// The kernel and its operation, such as `"binary.add"`, `"reduce.max"` or `"matmul"`.
    public var kernel: String
    /// `"Float32"` or `"Float64"`.
    public var scalarType: String
    /// The call: shapes, layout, flags and the kind of input values, such as `"strided(...) lhs [3, 1] rhs [5]"`.
    public var context: String
    /// The flat index of the element in the kernel's output (row-major); an index at or past `checkedElements`
    /// means the kernel wrote past the end of its output.
    public var index: Int
    /// The reference value.
    public var expected: Double
    /// The backend's value.
    public var actual: Double
    /// The largest difference the tolerance allowed here (0 for exact checks and for NaN or infinity).
    public var allowedError: Double
    /// The input values that produced this element, such as `"lhs 2.5, rhs -0.0"`, or empty when it has many inputs.
    public var inputs: String
    /// How many elements of this call's output were compared.
    public var checkedElements: Int
    /// How many of them differed (only the first few are kept as mismatches).
    public var differingElements: Int

    public init(kernel: String, scalarType: String, context: String, index: Int, expected: Double, actual: Double,
                allowedError: Double = 0, inputs: String = "", checkedElements: Int = 1, differingElements: Int = 1) {
        self.kernel = kernel
        self.scalarType = scalarType
        self.context = context
        self.index = index
        self.expected = expected
        self.actual = actual
        self.allowedError = allowedError
        self.inputs = inputs
        self.checkedElements = checkedElements
        self.differingElements = differingElements
    }

    public var description: String {
        let place = index < checkedElements ? "[\(index)]" : "[\(index)] (past the end of \(checkedElements))"
        var text = "\(kernel) \(scalarType) \(context) \(place): expected \(format(expected)), got \(format(actual))"
        if allowedError > 0 { text += " (allowed ±\(format(allowedError)))" }
        if !inputs.isEmpty { text += "; inputs \(inputs)" }
        text += "; \(differingElements) of \(checkedElements) elements differ"
        return text
    }

    /// A `Float32` value prints as a `Float`, so it shows its shortest exact digits.
    private func format(_ value: Double) -> String {
        scalarType == "Float32" ? "\(Float(value))" : "\(value)"
    }
}
