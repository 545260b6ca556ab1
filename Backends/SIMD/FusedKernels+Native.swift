import CEmberSIMDKernels
import EmberBackend

/// Fused runs whose every step has a C kernel (`add`, `sub`, `mul` and `div` in any of the three layouts, `fill`,
/// `copy`, `axpy`, `scale`, sums and dot products) run on the `avx2` and `avx512` paths in the C driver
/// (`FusedDriver.h`, `FusedRegisters.h`): the steps are translated once per program (`NativeProgram`), then every
/// replay only fills in its buffers' addresses. The driver computes every element with the operations of the unfused
/// C kernels, so the bits are the unfused kernels' (see `FusedKernels`). Runs with other steps (`exp`, `relu`, …),
/// and every run on `baseline`, go through `FusedRun.evaluate` and the Swift kernels.
extension FusedKernels {
    /// Bytes of one operand's tile in the C driver's tile path: 4 KiB (1024 `Float`s, 512 `Double`s), a multiple of
    /// 64 elements.
    static let nativeTileBytes = 4 * 1024

    /// The C form of `program` (made by its first replay), or `nil` when a step has no C kernel or `path` has none.
    static func nativeProgram<T: SIMDScalar>(_ program: FusedProgram<T>, _ path: SIMDKernelPath) -> NativeProgram<T>? {
        guard path != .baseline else { return nil }
        let native = program.backendForm.get(NativeProgram<T>.self) { NativeProgram.of(program) }
        return native.steps.isEmpty ? nil : native
    }

    static func binaryCode(_ op: BinaryOp) -> Int32? {
        switch op {
        case .add: return EMBER_BINARY_ADD
        case .sub: return EMBER_BINARY_SUB
        case .mul: return EMBER_BINARY_MUL
        case .div: return EMBER_BINARY_DIV
        default: return nil
        }
    }

    /// Runs the elements `range` of `native` (bound to the replay's `bases`) in the C driver, with tiles of `tile`
    /// elements on its tile path and the scratch tiles `stride` (at least `tile`) scalars apart at `scratch`.
    static func runNatively<T: SIMDScalar>(_ native: NativeProgram<T>, bases: UnsafePointer<UnsafeMutableRawPointer>,
                                           _ range: Range<Int>, path: SIMDKernelPath, states: UnsafeMutablePointer<T>,
                                           results: UnsafeMutablePointer<T>, scratch: UnsafeMutablePointer<T>,
                                           tile: Int, stride: Int) {
        let count = native.steps.count
        withUnsafeTemporaryAllocation(of: ember_fused_step.self, capacity: count) { steps in
            native.bind(into: steps.baseAddress!, bases: bases, scratch: scratch, stride: stride)
            _ = T.Kernels.fused(path, steps.baseAddress!, count, range, tile: tile, states, results)
        }
    }
}

/// A fused program in the C driver's form: each step as an `ember_fused_step` whose pointers a replay fills in from
/// the operands' slots and offsets, and whose scalar it reads again when the step has a `scalarSource`.
final class NativeProgram<T: SIMDScalar>: @unchecked Sendable {
    typealias Operands = (a: FusedOperand?, b: FusedOperand?, out: FusedOperand?)

    /// The steps (empty when one has no C kernel), their operands, and the steps whose scalar is read at each replay.
    /// `@unchecked Sendable`: immutable after init; the sources only read (see `FusedProgram`).
    let steps: [ember_fused_step]
    let operands: [Operands]
    let sources: [(step: Int, source: () -> T)]

    private init(steps: [ember_fused_step], operands: [Operands],
                 sources: [(step: Int, source: () -> T)]) {
        (self.steps, self.operands, self.sources) = (steps, operands, sources)
    }

    /// The C form of `program`, with no steps when one has no C kernel.
    static func of(_ program: FusedProgram<T>) -> NativeProgram {
        let none = NativeProgram(steps: [], operands: [], sources: [])
        var steps: [ember_fused_step] = [], operands: [Operands] = []
        var sources: [(Int, () -> T)] = []
        func mode(_ o: FusedOperand?) -> Int { o == nil ? 0 : o!.isScratch ? 2 : 1 }
        for (i, step) in program.steps.enumerated() {
            var (modeA, modeB) = (mode(step.a), mode(step.b))
            var kind = EMBER_FUSED_BINARY, op: Int32 = 0, reduction = 0
            switch step.operation {
            case .binary(let binary, let layout):
                guard let code = FusedKernels.binaryCode(binary) else { return none }
                op = code
                if layout == .scalarLHS { modeA = 0 }
                if layout == .scalarRHS { modeB = 0 }
            case .unary: return none
            case .fill: kind = EMBER_FUSED_FILL
            case .copy: kind = EMBER_FUSED_COPY
            case .axpy: kind = EMBER_FUSED_AXPY
            case .scale: kind = EMBER_FUSED_SCALE
            case .reduction(let k):
                kind = program.reductionKinds[k] == .dot ? EMBER_FUSED_DOT : EMBER_FUSED_SUM
                reduction = k
            }
            if let source = step.scalarSource { sources.append((i, source)) }
            steps.append(ember_fused_step(kind: kind, op: op, reduction: reduction, a: nil, modeA: modeA, b: nil,
                                          modeB: modeB, out: nil, modeOut: mode(step.out), alpha: Double(step.scalar)))
            operands.append((step.a, step.b, step.out))
        }
        return NativeProgram(steps: steps, operands: operands, sources: sources)
    }

    /// Writes the steps with the addresses of this replay's buffers and scratch tiles into `out`.
    @inline(__always)
    func bind(into out: UnsafeMutablePointer<ember_fused_step>, bases: UnsafePointer<UnsafeMutableRawPointer>,
              scratch: UnsafeMutablePointer<T>, stride: Int) {
        @inline(__always) func address(_ o: FusedOperand?) -> UnsafeMutableRawPointer? {
            guard let o else { return nil }
            return UnsafeMutableRawPointer(o.isScratch ? scratch + o.slot * stride : o.pointer(bases, as: T.self))
        }
        steps.withUnsafeBufferPointer { steps in
            operands.withUnsafeBufferPointer { operands in
                for i in 0..<steps.count {
                    var step = steps[i]
                    step.a = UnsafeRawPointer(address(operands[i].a))
                    step.b = UnsafeRawPointer(address(operands[i].b))
                    step.out = address(operands[i].out)
                    out[i] = step
                }
            }
        }
        for (i, source) in sources { out[i].alpha = Double(source()) }
    }
}
