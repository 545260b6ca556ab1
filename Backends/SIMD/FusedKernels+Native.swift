import CEmberSIMDKernels
import EmberBackend

/// Fused runs whose every step has a C kernel (`add`, `sub`, `mul` and `div` in any of the three layouts, `fill`,
/// `copy`, `axpy`, `scale`, sums and dot products) run on the `avx2` and `avx512` paths in the C driver
/// (`FusedDriver.h`): the steps are translated once per run, then every tile of every step is one C call, with tiles
/// of `nativeTileBytes` that keep all of a run's operands in the L1 cache. Each step is the very C kernel the unfused
/// call runs, so the bits are the unfused kernels' (see `FusedKernels`). Runs with other steps (`exp`, `relu`, …), and
/// every run on `baseline`, go through `FusedRun.evaluate` and the Swift kernels.
extension FusedKernels {
    /// Bytes of one operand's tile in the C driver: 4 KiB (1024 `Float`s, 512 `Double`s), a multiple of 64 elements.
    static let nativeTileBytes = 4 * 1024

    /// Whether every step of `program` has a C kernel on `path`.
    static func runsNatively<T: SIMDScalar>(_ program: FusedProgram<T>, _ path: SIMDKernelPath) -> Bool {
        guard path != .baseline else { return false }
        for step in program.steps {
            switch step.operation {
            case .unary: return false
            case .binary(let op, _): if binaryCode(op) == nil { return false }
            case .fill, .copy, .axpy, .scale, .reduction: continue
            }
        }
        return true
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

    /// Runs the elements `range` of `run` in the C driver, in tiles of `tile` elements (`nativeTileBytes` worth, or
    /// `range.count` when smaller), with the scratch tiles `stride` (at least `tile`) scalars apart at `scratch`.
    static func runNatively<T: SIMDScalar>(_ run: FusedRun<T>, _ range: Range<Int>, path: SIMDKernelPath,
                                           states: UnsafeMutablePointer<T>, results: UnsafeMutablePointer<T>,
                                           scratch: UnsafeMutablePointer<T>, tile: Int, stride: Int) {
        let program = run.program, bases = run.bases
        let count = program.steps.count
        withUnsafeTemporaryAllocation(of: ember_fused_step.self, capacity: Swift.max(1, count)) { steps in
            program.steps.withUnsafeBufferPointer { source in
                for i in 0..<count {
                    steps[i] = cStep(source[i], kinds: program.reductionKinds, bases: bases, scratch: scratch,
                                     stride: stride)
                }
            }
            _ = T.Kernels.fused(path, steps.baseAddress!, count, range, tile: tile, states, results)
        }
    }

    /// The C form of `step`: operands as pointers with their modes (1 memory, 2 scratch tile, 0 one element).
    @inline(__always)
    static func cStep<T: SIMDScalar>(_ step: FusedStep<T>, kinds: [FusedReductionKind],
                                     bases: UnsafePointer<UnsafeMutableRawPointer>, scratch: UnsafeMutablePointer<T>,
                                     stride: Int) -> ember_fused_step {
        func address(_ operand: FusedOperand?) -> (UnsafeMutableRawPointer?, Int) {
            guard let operand else { return (nil, 0) }
            if operand.isScratch { return (UnsafeMutableRawPointer(scratch + operand.slot * stride), 2) }
            return (UnsafeMutableRawPointer(operand.pointer(bases, as: T.self)), 1)
        }
        let (a, memoryModeA) = address(step.a), (b, memoryModeB) = address(step.b), (out, modeOut) = address(step.out)
        var (modeA, modeB) = (memoryModeA, memoryModeB)
        var kind = EMBER_FUSED_BINARY, op: Int32 = 0, reduction = 0
        switch step.operation {
        case .binary(let binary, let layout):
            op = binaryCode(binary)!
            if layout == .scalarLHS { modeA = 0 }
            if layout == .scalarRHS { modeB = 0 }
        case .fill: kind = EMBER_FUSED_FILL
        case .copy: kind = EMBER_FUSED_COPY
        case .axpy: kind = EMBER_FUSED_AXPY
        case .scale: kind = EMBER_FUSED_SCALE
        case .reduction(let k):
            kind = kinds[k] == .dot ? EMBER_FUSED_DOT : EMBER_FUSED_SUM
            reduction = k
        case .unary: preconditionFailure("fused run: unary steps have no C kernel (runsNatively is false)")
        }
        let alpha = Double(step.scalarSource?() ?? step.scalar)
        return ember_fused_step(kind: kind, op: op, reduction: reduction, a: a.map { UnsafeRawPointer($0) }, modeA: modeA,
                                b: b.map { UnsafeRawPointer($0) }, modeB: modeB, out: out, modeOut: modeOut,
                                alpha: alpha)
    }
}
