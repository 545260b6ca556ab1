import EmberBackend

extension KernelChecker {
    /// `binary` for every `BinaryOp` in all four layout kinds: elementwise and scalar operands at every edge length,
    /// random strided broadcasts, NaN/±inf/±0 and negative bases, in place (`out == lhs` or `out == rhs`), and a
    /// large case per operation (the kind rotates over the operations) that takes the threaded path.
    mutating func checkBinary() {
        for (number, op) in BinaryOp.allCases.enumerated() {
            let domains = Self.domains(of: op)
            for n in Sizes.edges {
                checkBinary(op, lhs: [n], rhs: [n], out: [n], domains, "finite")
                checkBinary(op, lhs: [1], rhs: [n], out: [n], domains, "finite")
                checkBinary(op, lhs: [n], rhs: [1], out: [n], domains, "finite")
            }
            for _ in 0..<40 {
                let shapes = rng.broadcastShapes(maxCount: 5000)
                checkBinary(op, lhs: shapes.lhs, rhs: shapes.rhs, out: shapes.out, domains, "finite")
            }
            let special = (ValueDomain.uniform(-3...3), ValueDomain.uniform(-3...3))
            for n in Sizes.few {
                checkBinary(op, lhs: [n], rhs: [n], out: [n], special, "with NaN, ±inf, ±0", specials: true)
                checkBinary(op, lhs: [1], rhs: [n], out: [n], special, "with NaN, ±inf, ±0", specials: true)
                checkBinary(op, lhs: [n], rhs: [1], out: [n], special, "with NaN, ±inf, ±0", specials: true)
                checkBinary(op, lhs: [n], rhs: [n], out: [n], domains, "finite", inPlace: .lhs)
                checkBinary(op, lhs: [n], rhs: [n], out: [n], domains, "finite", inPlace: .rhs)
                checkBinary(op, lhs: [n], rhs: [1], out: [n], domains, "finite", inPlace: .lhs)
                checkBinary(op, lhs: [1], rhs: [n], out: [n], domains, "finite", inPlace: .rhs)
            }
            for _ in 0..<8 {
                let shapes = rng.broadcastShapes(maxCount: 5000)
                checkBinary(op, lhs: shapes.out, rhs: shapes.rhs, out: shapes.out, domains, "finite", inPlace: .lhs)
                checkBinary(op, lhs: shapes.lhs, rhs: shapes.rhs, out: shapes.out, special, "with NaN, ±inf, ±0",
                            specials: true)
            }
            if includeLarge {
                let n = Sizes.large, rows = 512, columns = Sizes.large / 512 + 1
                let large: [(lhs: [Int], rhs: [Int], out: [Int])] = [
                    ([n], [n], [n]), ([n], [1], [n]), ([1], [n], [n]),
                    ([rows, columns], [1, columns], [rows, columns]), ([rows, 1], [rows, columns], [rows, columns]),
                ]
                let shapes = large[number % large.count]
                checkBinary(op, lhs: shapes.lhs, rhs: shapes.rhs, out: shapes.out, domains, "finite")
            }
        }
    }

    enum InPlace { case no, lhs, rhs }

    private mutating func checkBinary(_ op: BinaryOp, lhs lhsShape: [Int], rhs rhsShape: [Int], out outShape: [Int],
                                      _ domains: (ValueDomain, ValueDomain), _ values: String,
                                      specials: Bool = false, inPlace: InPlace = .no) {
        let layout = BroadcastLayout(lhs: lhsShape, rhs: rhsShape, out: outShape)
        let extra = specials ? Self.binarySpecials : []
        let lhs = Operand<T>(rng.values(lhsShape.reduce(1, *), domains.0, specials: extra, chance: 0.3))
        let rhs = Operand<T>(rng.values(rhsShape.reduce(1, *), domains.1, specials: extra, chance: 0.3))
        let count = layout.count
        var context = "\(layout) from lhs \(lhsShape), rhs \(rhsShape), out \(outShape), \(values)"
        switch inPlace {
        case .no: break
        case .lhs: context += ", in place (out == lhs)"
        case .rhs: context += ", in place (out == rhs)"
        }
        let initial: [T]? = switch inPlace {
        case .no: nil
        case .lhs: lhs.scalars
        case .rhs: rhs.scalars
        }
        let inputs = { (i: Int) -> String in
            let (l, r) = layout.operandOffsets(ofOutput: i)
            return "lhs[\(l)] \(describe(lhs[l], as: T.self)), rhs[\(r)] \(describe(rhs[r], as: T.self))"
        }
        check("binary.\(op)", context, count: count, tolerance: Self.tolerance(of: op), initial: initial,
              inputs: inputs) { backend, out in
            lhs.withPointer { l in
                rhs.withPointer { r in
                    switch inPlace {
                    case .no: backend.binary(op, l, r, out, layout: layout)
                    case .lhs: backend.binary(op, UnsafePointer(out), r, out, layout: layout)
                    case .rhs: backend.binary(op, l, UnsafePointer(out), out, layout: layout)
                    }
                }
            }
        }
    }

    /// NaN, infinities, signed zeros, and negative and fractional values, which make `pow` take its special cases
    /// (`pow(-2, 3) = -8`, `pow(-2, 0.5) = NaN`, `pow(NaN, 0) = 1`, `pow(0, -1) = inf`).
    static var binarySpecials: [Double] { nonFiniteValues + [-2, -1, -0.5, 0.5, 1, 2, 3] }

    /// Finite inputs that keep each operation's result finite and well-conditioned: divisors away from zero,
    /// positive bases and moderate exponents for `pow`, and a grid with ties for comparisons.
    static func domains(of op: BinaryOp) -> (ValueDomain, ValueDomain) {
        switch op {
        case .add, .sub, .mul: (.uniform(-10...10), .uniform(-10...10))
        case .div: (.uniform(-10...10), .signedSpread(0.1...10))
        case .pow: (.uniform(0.5...4), .uniform(-4...4))
        case .maximum, .minimum, .greater, .equal:
            (.grid([-2, -1.5, -1, -0.5, 0, 0.5, 1, 1.5, 2]), .grid([-2, -1.5, -1, -0.5, 0, 0.5, 1, 1.5, 2]))
        }
    }

    static func tolerance(of op: BinaryOp) -> Tolerance {
        switch op {
        case .add, .sub, .mul, .div, .pow: .elementwise(T.self)
        case .maximum, .minimum, .greater, .equal: .exact
        }
    }
}
