import EmberBackend

extension KernelChecker {
    /// `unary` for every `UnaryOp`: finite values at every edge length, NaN/±inf/±0 and out-of-domain values,
    /// in place (`out == x`), and a large count that takes the threaded path.
    mutating func checkUnary() {
        for op in UnaryOp.allCases {
            let domain = Self.domain(of: op)
            for count in Sizes.edges { checkUnary(op, Operand(rng.values(count, domain)), "finite") }
            for count in Sizes.few {
                let values = rng.values(count, .uniform(-5...5), specials: Self.unarySpecials, chance: 0.3)
                checkUnary(op, Operand(values), "with NaN, ±inf, ±0, overflowing")
                checkUnary(op, Operand(rng.values(count, domain)), "finite", inPlace: true)
            }
            if includeLarge {
                checkUnary(op, Operand(rng.values(Sizes.large, domain)), "finite")
                let sparse = rng.values(Sizes.large, domain, specials: Self.unarySpecials, chance: 0.001)
                checkUnary(op, Operand(sparse), "with a few NaN, ±inf, ±0", inPlace: true)
            }
        }
    }

    private mutating func checkUnary(_ op: UnaryOp, _ x: Operand<T>, _ values: String, inPlace: Bool = false) {
        let count = x.count
        let context = "count \(count), \(values)" + (inPlace ? ", in place (out == x)" : "")
        check("unary.\(op)", context, count: count, tolerance: Self.tolerance(of: op),
              initial: inPlace ? x.scalars : nil, inputs: { "x \(describe(x[$0], as: T.self))" }) { backend, out in
            if inPlace {
                backend.unary(op, UnsafePointer(out), out, count: count)
            } else {
                x.withPointer { backend.unary(op, $0, out, count: count) }
            }
        }
    }

    /// Values that exercise NaN propagation, infinities, signed zeros, overflow of `exp`, and the negative inputs of
    /// `log` and `sqrt`.
    static var unarySpecials: [Double] { nonFiniteValues + [-1, 1, 100, -100, 1000, -1000, 1e-30, -1e-30] }

    /// Finite inputs that keep each operation's result finite and well-conditioned.
    static func domain(of op: UnaryOp) -> ValueDomain {
        switch op {
        case .neg, .abs, .relu, .sign: .uniform(-10...10)
        case .exp: .uniform(-20...20)
        case .log: .spread(1e-4...1e4)
        case .sqrt: .spread(1e-6...1e6)
        case .sigmoid: .uniform(-30...30)
        case .tanh: .uniform(-10...10)
        }
    }

    static func tolerance(of op: UnaryOp) -> Tolerance {
        switch op {
        case .neg, .abs, .relu, .sign: .exact
        case .exp, .log, .sqrt, .sigmoid, .tanh: .elementwise(T.self)
        }
    }
}
