import EmberBackend
import EmberReference

/// Runs the kernel checks for one scalar type: each check calls a kernel on the reference backend and on the backend
/// under test with the same inputs, then compares the two outputs element by element and records the result.
///
/// The checks of each kernel family live in `KernelChecker+<Family>.swift`.
struct KernelChecker<T: TensorScalar> {
    let backend: any Backend
    let reference: any Backend = ReferenceBackend()
    var rng: SplitMix64
    var report: ConformanceReport
    let includeLarge: Bool

    init(backend: any Backend, seed: UInt64, includeLarge: Bool, report: ConformanceReport) {
        self.backend = backend
        self.rng = SplitMix64(seed: seed)
        self.includeLarge = includeLarge
        self.report = report
    }

    /// Elements after the end of every output that a kernel must leave untouched.
    static var guardCount: Int { 32 }
    /// The value every output element holds before the call, so an element a kernel skips is caught.
    static var sentinel: T { -7777.25 }

    /// Runs `run` on the reference and on the backend under test, each with its own output buffer of `count`
    /// elements (holding `initial`, or the sentinel), and records the comparison of the two outputs as one check.
    /// A write into the guard zone after the output is reported as a mismatch at an index past the end.
    mutating func check(
        _ kernel: String, _ context: @autoclosure () -> String, count: Int, tolerance: Tolerance = .exact,
        magnitudes: [Double]? = nil, initial: [T]? = nil, inputs: (Int) -> String = { _ in "" },
        run: (any Backend, UnsafeMutablePointer<T>) -> Void
    ) {
        var expected = [T](repeating: Self.sentinel, count: count + Self.guardCount)
        if let initial, count > 0 {
            emberPrecondition(initial.count >= count, "initial output has \(initial.count) elements, needs \(count)")
            initial.withUnsafeBytes { source in
                expected.withUnsafeMutableBytes { $0.copyMemory(from: UnsafeRawBufferPointer(rebasing: source[0..<(count * MemoryLayout<T>.stride)])) }
            }
        }
        var actual = expected
        expected.withUnsafeMutableBufferPointer { run(reference, $0.baseAddress!) }
        actual.withUnsafeMutableBufferPointer { run(backend, $0.baseAddress!) }
        var found = expected.withUnsafeBufferPointer { e in
            actual.withUnsafeBufferPointer { a in
                ConformanceReport.mismatches(
                    kernel: kernel, context: context, expected: UnsafeBufferPointer(rebasing: e[0..<count]),
                    actual: UnsafeBufferPointer(rebasing: a[0..<count]), tolerance: tolerance,
                    magnitudes: magnitudes, inputs: inputs)
            }
        }
        for j in count..<(count + Self.guardCount) where actual[j] != Self.sentinel {
            found.append(ConformanceMismatch(
                kernel: kernel, scalarType: T.typeName, context: context() + ", wrote past the end of its output",
                index: j, expected: Double(Self.sentinel), actual: Double(actual[j]), checkedElements: count))
            break
        }
        report.record(check: found)
    }
}

/// The sizes the checks use: every length around the SIMD widths (4, 8, 16 lanes), unrolled loops and block edges.
enum Sizes {
    /// Lengths 0…40 and the neighbourhoods of 64, 128, 256, 512 and 1024.
    static let edges: [Int] = Array(0...40) + [63, 64, 65, 127, 128, 129, 255, 256, 257, 511, 512, 513, 1023, 1024, 1025]
    /// A few lengths for the checks with NaN, infinities or in-place outputs.
    static let few: [Int] = [0, 1, 3, 4, 5, 8, 9, 16, 17, 31, 33, 64, 65, 257]
    /// Matrix dimensions around GEMM micro-kernel and block edges.
    static let gemm: [Int] = [1, 7, 15, 16, 17, 31, 33, 63, 65, 129, 257]
    /// An element count above every threading threshold of the built-in backends (64K–128K elements) that still runs
    /// quickly in a debug build: 2¹⁸ plus a tail, so each thread's range and the last one are checked.
    static let large = (1 << 18) + 7
}

/// Formats an input value of type `T`, given exactly as a `Double`, the way `T` prints.
func describe<T: TensorScalar>(_ value: Double, as type: T.Type) -> String {
    T.self == Float.self ? "\(Float(value))" : "\(value)"
}
