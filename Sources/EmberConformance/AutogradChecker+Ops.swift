import EmberBackend
import EmberCore

/// The autograd cases, the same list for every scalar type (the checker pairs each case with its `Double` twin).
enum AutogradCases {
    static func all<T: TensorScalar>(_ type: T.Type, includeLarge: Bool) -> [AutogradCase<T>] {
        var builder = AutogradCaseBuilder<T>()
        builder.arithmetic()
        builder.elementwiseFunctions()
        builder.extremes()
        builder.reductions()
        builder.shapes()
        builder.products()
        builder.layersAndLosses()
        builder.softmaxFamily()
        builder.classificationLosses()
        builder.indexing()
        builder.indexOps()
        builder.binaryAndRobustLosses()
        builder.activationsAndNormalization()
        builder.convolutions()
        builder.pooling()
        if includeLarge { builder.large() }
        return builder.cases
    }
}

struct AutogradCaseBuilder<T: TensorScalar> {
    typealias Function = ([Tensor<T>]) -> Tensor<T>
    private(set) var cases: [AutogradCase<T>] = []

    /// Inputs with at most this many elements in all are also checked with finite differences.
    static var finiteDifferenceLimit: Int { 320 }

    mutating func add(_ op: String, _ note: String = "", _ inputs: [AutogradInput], length: Int = 1,
                      slack: Double = 1, magnitude: Function? = nil,
                      gradientSources: (([Tensor<T>]) -> [Tensor<T>])? = nil, _ function: @escaping Function) {
        let shapes = inputs.map { "\($0.shape)" }.joined(separator: ", ")
        let elements = inputs.map { $0.shape.reduce(1, *) }.reduce(0, +)
        cases.append(AutogradCase(
            op: op, context: (note.isEmpty ? "" : note + ", ") + "inputs \(shapes)", inputs: inputs, length: length,
            slack: slack, finiteDifferences: elements <= Self.finiteDifferenceLimit, function: function,
            magnitudeFunction: magnitude, gradientSources: gradientSources))
    }

    mutating func add(_ op: String, _ inputs: [AutogradInput], length: Int = 1, slack: Double = 1,
                      _ function: @escaping Function) {
        add(op, "", inputs, length: length, slack: slack, function)
    }

    static func uniform(_ shape: [Int], _ range: ClosedRange<Double> = -2...2) -> AutogradInput {
        AutogradInput(shape: shape, domain: .uniform(range))
    }
    static func signed(_ shape: [Int], _ range: ClosedRange<Double>) -> AutogradInput {
        AutogradInput(shape: shape, domain: .signed(range))
    }
    static func grid(_ shape: [Int], offset: Double) -> AutogradInput {
        AutogradInput(shape: shape, domain: .grid(offset: offset))
    }

    /// The largest number of output elements one operand element is broadcast to (its gradient sums that many).
    private static func broadcastLength(_ a: [Int], _ b: [Int]) -> Int {
        let rank = Swift.max(a.count, b.count)
        let out = (0..<rank).map { i -> Int in
            let da = i < rank - a.count ? 1 : a[i - (rank - a.count)]
            let db = i < rank - b.count ? 1 : b[i - (rank - b.count)]
            return Swift.max(da, db)
        }.reduce(1, *)
        return Swift.max(1, out / Swift.max(1, Swift.min(a.reduce(1, *), b.reduce(1, *))))
    }

    // MARK: - The cases

    /// `+ - * /` tensor–tensor with broadcasting in every position, tensor–scalar on both sides, and `neg`.
    mutating func arithmetic() {
        let pairs: [([Int], [Int])] = [
            ([3, 4], [3, 4]), ([3, 4], [4]), ([3, 1], [1, 4]), ([2, 1, 4], [3, 1]), ([], [2, 3]), ([5, 1, 3], [5, 4, 3]),
            ([2, 3], [1]),
        ]
        let ops: [(String, Function)] = [
            ("add", { $0[0] + $0[1] }), ("sub", { $0[0] - $0[1] }), ("mul", { $0[0] * $0[1] }), ("div", { $0[0] / $0[1] }),
        ]
        for (name, function) in ops {
            for (lhs, rhs) in pairs {
                let divisor = name == "div" ? Self.signed(rhs, 0.5...2) : Self.uniform(rhs)
                add(name, "tensor \(name) tensor", [Self.uniform(lhs), divisor], length: Self.broadcastLength(lhs, rhs),
                    function)
            }
        }
        let x = Self.uniform([3, 4]), nonZero = Self.signed([3, 4], 0.5...2)
        add("add", "tensor + 1.5", [x]) { $0[0] + 1.5 }
        add("add", "1.5 + tensor", [x]) { 1.5 + $0[0] }
        add("sub", "tensor - 0.75", [x]) { $0[0] - 0.75 }
        add("sub", "0.75 - tensor", [x]) { 0.75 - $0[0] }
        add("mul", "tensor * 2.5", [x]) { $0[0] * 2.5 }
        add("mul", "2.5 * tensor", [x]) { 2.5 * $0[0] }
        add("div", "tensor / 1.25", [x]) { $0[0] / 1.25 }
        add("div", "1.25 / tensor", [nonZero]) { 1.25 / $0[0] }
        add("neg", [x]) { -$0[0] }
    }

    /// `pow`, `square`, `exp`, `log`, `sqrt`, `abs`, `relu`, `sigmoid`, `tanh`.
    mutating func elementwiseFunctions() {
        let x = Self.uniform([3, 4]), positive = Self.uniform([3, 4], 0.5...3)
        // Bases above 1 for a tensor exponent: log(base) > 0, so the magnitude run on absolute values bounds the terms.
        let base = Self.uniform([3, 4], 1.1...3), exponent = Self.uniform([3, 4], -2...2)
        add("pow", "exponent 3", [positive], slack: 2) { $0[0].pow(3) }
        add("pow", "exponent -0.5", [positive], slack: 2) { $0[0].pow(-0.5) }
        add("pow", "exponent 0.5", [positive], slack: 2) { $0[0].pow(0.5) }
        add("pow", "exponent 2 (square)", [x]) { $0[0].pow(2) }
        // Negative bases with integral exponents are defined, as in C and PyTorch; the exponent 4 reaches pow(3).
        let negative = Self.uniform([3, 4], -3...(-0.5))
        for exponent in [3, 4, 1, -1, 0] as [Double] {
            add("pow", "negative base, exponent \(Int(exponent))", [negative], slack: 2) { $0[0].pow(T(exponent)) }
        }
        add("pow", "tensor exponent", [base, exponent], slack: 3) { $0[0].pow($0[1]) }
        add("pow", "broadcast exponent", [base, Self.uniform([4], -2...2)], length: 3, slack: 3) { $0[0].pow($0[1]) }
        add("pow", "broadcast base", [Self.uniform([4], 1.1...3), exponent], length: 3, slack: 3) { $0[0].pow($0[1]) }
        add("square", [x]) { $0[0].square() }
        add("exp", [x], slack: 2) { $0[0].exp() }
        add("log", [positive]) { $0[0].log() }
        add("sqrt", [positive], slack: 2) { $0[0].sqrt() }
        add("abs", [Self.signed([3, 4], 0.05...2)]) { $0[0].abs() }
        add("relu", [Self.signed([3, 4], 0.05...2)]) { $0[0].relu() }
        add("relu", "rank 3", [Self.signed([2, 3, 5], 0.05...2)]) { $0[0].relu() }
        add("sigmoid", [Self.uniform([3, 4], -3...3)], slack: 30) { $0[0].sigmoid() }
        add("tanh", [x], slack: 30) { $0[0].tanh() }
    }

    /// `maximum`, `minimum` (same shapes, broadcast, scalar tensor) and `clamp`, on grids that never tie.
    mutating func extremes() {
        // The selected terms are a subset of all terms, so `a + b` bounds their magnitudes.
        let bound: Function = { $0[0] + $0[1] }
        for (lhs, rhs) in [([3, 4], [3, 4]), ([3, 4], [4]), ([3, 1], [1, 4]), ([3, 4], [])] as [([Int], [Int])] {
            let inputs = [Self.grid(lhs, offset: 0.1), Self.grid(rhs, offset: -0.02)]
            let length = Self.broadcastLength(lhs, rhs)
            add("maximum", "", inputs, length: length, magnitude: bound) { $0[0].maximum($0[1]) }
            add("minimum", "", inputs, length: length, magnitude: bound) { $0[0].minimum($0[1]) }
        }
        let x = Self.grid([4, 5], offset: 0.1)
        add("clamp", "min -0.5, max 0.5", [x]) { $0[0].clamp(min: -0.5, max: 0.5) }
        add("clamp", "min -0.5", [x]) { $0[0].clamp(min: -0.5) }
        add("clamp", "max 0.5", [x]) { $0[0].clamp(max: 0.5) }
    }

    /// `sum` and `mean` over all elements and along axes, and `max`/`min` over all and along an axis.
    mutating func reductions() {
        let matrix = Self.uniform([4, 5]), cube = Self.uniform([3, 4, 5])
        add("sum", "all", [matrix], length: 20) { $0[0].sum() }
        add("sum", "axis 0", [matrix], length: 4) { $0[0].sum(axis: 0) }
        add("sum", "axis -1, keepDim", [matrix], length: 5) { $0[0].sum(axis: -1, keepDim: true) }
        add("sum", "axes [0, 2]", [cube], length: 15) { $0[0].sum(axes: [0, 2]) }
        add("mean", "all", [matrix], length: 20) { $0[0].mean() }
        add("mean", "axis 1", [matrix], length: 5) { $0[0].mean(axis: 1) }
        add("mean", "axes [0, 1], keepDim", [cube], length: 12) { $0[0].mean(axes: [0, 1], keepDim: true) }
        let distinct = AutogradInput(shape: [4, 5], domain: .distinct)
        let distinctCube = AutogradInput(shape: [3, 4, 5], domain: .distinct)
        add("max", "all", [distinct]) { $0[0].max() }
        add("max", "axis 1", [distinct]) { $0[0].max(axis: 1) }
        add("max", "axis 0, keepDim", [distinct]) { $0[0].max(axis: 0, keepDim: true) }
        add("max", "axis 1", [distinctCube]) { $0[0].max(axis: 1) }
        add("min", "all", [distinct]) { $0[0].min() }
        add("min", "axis 1", [distinct]) { $0[0].min(axis: 1) }
        add("min", "axis -1, keepDim", [distinctCube]) { $0[0].min(axis: -1, keepDim: true) }
    }

    /// `reshape`, `transpose`, `permute`, `t`, `expand`, `unsqueeze`, `squeeze`.
    mutating func shapes() {
        let matrix = Self.uniform([3, 4]), cube = Self.uniform([2, 3, 4])
        add("reshape", "to [2, 6]", [matrix]) { $0[0].reshape([2, 6]) }
        add("reshape", "to [-1]", [cube]) { $0[0].reshape([-1]) }
        add("transpose", "axes 0, 2", [cube]) { $0[0].transpose(0, 2) }
        add("permute", "[2, 0, 1]", [cube]) { $0[0].permute([2, 0, 1]) }
        add("t", [Self.uniform([3, 5])]) { $0[0].t() }
        add("expand", "to [2, 3, 4]", [Self.uniform([3, 1])], length: 8) { $0[0].expand(to: [2, 3, 4]) }
        add("expand", "scalar to [3, 4]", [Self.uniform([])], length: 12) { $0[0].expand(to: [3, 4]) }
        add("unsqueeze", "axis 1", [matrix]) { $0[0].unsqueeze(1) }
        add("squeeze", "axis 1", [Self.uniform([3, 1, 4])]) { $0[0].squeeze(1) }
        add("squeeze", "all", [Self.uniform([1, 3, 1, 4])]) { $0[0].squeeze() }
    }

    /// `matmul`: 2-D, the 1-D forms, batched, and with a broadcast batch.
    mutating func products() {
        let cases: [(String, [Int], [Int], Int)] = [
            ("2-D", [7, 5], [5, 6], 7), ("1-D · 1-D", [9], [9], 9), ("2-D · 1-D", [4, 6], [6], 6),
            ("1-D · 2-D", [6], [6, 5], 6), ("batched", [2, 3, 4, 5], [2, 3, 5, 6], 6),
            ("broadcast batch", [2, 1, 4, 5], [3, 5, 6], 18), ("batched · 1-D", [2, 4, 5], [5], 8),
        ]
        for (note, lhs, rhs, length) in cases {
            add("matmul", note, [Self.uniform(lhs, -1...1), Self.uniform(rhs, -1...1)], length: length) {
                $0[0].matmul($0[1])
            }
        }
    }

    /// The `Linear` layer (2-D, 3-D and 1-D input), `MSELoss` and `L1Loss` (mean and sum).
    mutating func layersAndLosses() {
        // One layer, created once; the function copies the leaves' values into its parameters (outside autograd)
        // and the gradients are read from the parameters. Its random initial values are overwritten each time.
        let layer = Linear<T>(5, 3)
        let load: ([Tensor<T>]) -> Void = { leaves in
            for (parameter, leaf) in [(layer.weight, leaves[1]), (layer.bias!, leaves[2])] {
                parameter.withUnsafeMutableBufferPointer { target in
                    leaf.withUnsafeBufferPointer { source in
                        for i in 0..<target.count { target[i] = source[i] }
                    }
                }
            }
            layer.zeroGrad()
        }
        let sources: ([Tensor<T>]) -> [Tensor<T>] = { [$0[0], layer.weight, layer.bias!] }
        let parameters = [Self.uniform([3, 5], -1...1), Self.uniform([3], -1...1)]
        for (note, input, length) in [("2-D input", [4, 5], 5), ("3-D input", [2, 4, 5], 8), ("1-D input", [5], 5)] {
            add("linear", "Linear(5, 3), \(note)", [Self.uniform(input)] + parameters, length: length,
                gradientSources: sources) { leaves in
                load(leaves)
                return layer(leaves[0])
            }
        }
        let input = Self.uniform([4, 5]), target = Self.uniform([4, 5])
        // (|a| + |b|)² ≥ (a − b)² and |a| + |b| ≥ |a − b| bound each term and its derivative.
        add("mse_loss", "mean", [input, target], length: 20, magnitude: { ($0[0] + $0[1]).square().mean() }) {
            MSELoss()($0[0], $0[1])
        }
        add("mse_loss", "sum", [input, target], length: 20, magnitude: { ($0[0] + $0[1]).square().sum() }) {
            MSELoss(reduction: .sum)($0[0], $0[1])
        }
        let apart = [Self.grid([4, 5], offset: 0.1), Self.grid([4, 5], offset: -0.02)]
        add("l1_loss", "mean", apart, length: 20, magnitude: { ($0[0] + $0[1]).mean() }) { L1Loss()($0[0], $0[1]) }
        add("l1_loss", "sum", apart, length: 20, magnitude: { ($0[0] + $0[1]).sum() }) {
            L1Loss(reduction: .sum)($0[0], $0[1])
        }
    }

    /// Sizes above the built-in backends' threading thresholds (2¹⁷ elements for cheap elementwise kernels and
    /// reductions, 2¹³ for transcendental ones, 2²¹ multiply–adds for products); no finite differences.
    mutating func large() {
        let side = 384   // 147,456 elements
        add("mul", "large, broadcast column", [Self.uniform([side, side]), Self.uniform([side, 1])], length: side) {
            $0[0] * $0[1]
        }
        add("relu", "large", [Self.signed([side, side], 0.05...2)]) { $0[0].relu() }
        add("sum", "large", [Self.uniform([side, side])], length: side * side) { $0[0].sum() }
        add("tanh", "large", [Self.uniform([300, 300])], slack: 30) { $0[0].tanh() }
        add("matmul", "large", [Self.uniform([128, 256], -1...1), Self.uniform([256, 64], -1...1)], length: 256) {
            $0[0].matmul($0[1])
        }
    }
}
