import EmberBackend
import Foundation

extension ConformanceReport {
    /// Compares a backend's output with the reference output element by element and records it as one check.
    ///
    /// The comparison is positional, so a transposed or permuted result fails even when it holds the right values.
    /// - Parameters:
    ///   - kernel: The kernel and operation, such as `"binary.add"`.
    ///   - context: Shapes, layout and inputs of the call, for the report.
    ///   - expected: The reference output.
    ///   - actual: The backend's output, with as many elements as `expected`.
    ///   - tolerance: The allowed difference (see `Tolerance`).
    ///   - magnitudes: For accumulations, `Σ|termᵢ|` of each output element (see `Tolerance.accumulation`).
    ///   - inputs: Describes the inputs of the element at an index, for the report.
    public mutating func compare<T: TensorScalar>(
        kernel: String, context: @autoclosure () -> String, expected: [T], actual: [T], tolerance: Tolerance,
        magnitudes: [Double]? = nil, inputs: (Int) -> String = { _ in "" }
    ) {
        emberPrecondition(expected.count == actual.count, "compare: \(expected.count) expected vs \(actual.count) actual")
        let found = expected.withUnsafeBufferPointer { e in
            actual.withUnsafeBufferPointer { a in
                Self.mismatches(kernel: kernel, context: context, expected: e, actual: a, tolerance: tolerance,
                                magnitudes: magnitudes, inputs: inputs)
            }
        }
        record(check: found)
    }

    /// The first differing elements of `actual` (each carrying the total count), or none when it conforms.
    static func mismatches<T: TensorScalar>(
        kernel: String, context: () -> String, expected: UnsafeBufferPointer<T>, actual: UnsafeBufferPointer<T>,
        tolerance: Tolerance, magnitudes: [Double]?, inputs: (Int) -> String
    ) -> [ConformanceMismatch] {
        let count = expected.count
        guard count > 0 else { return [] }
        // Identical bits conform under every tolerance; this keeps large checks fast in debug builds.
        if memcmp(expected.baseAddress!, actual.baseAddress!, count * MemoryLayout<T>.stride) == 0 { return [] }
        let e = convertToDouble(expected), a = convertToDouble(actual)
        var differing: [(index: Int, expected: Double, actual: Double, allowed: Double)] = []
        var differingCount = 0
        for i in 0..<count {
            let x = e[i], y = a[i]
            if x == y { continue }
            let magnitude = magnitudes?[i] ?? 0
            if tolerance.accepts(x, y, magnitude: magnitude) { continue }
            differingCount += 1
            if differing.count < mismatchesKeptPerCheck {
                let finite = x.isFinite && y.isFinite
                differing.append((i, x, y, finite ? tolerance.allowedError(x, y, magnitude: magnitude) : 0))
            }
        }
        guard differingCount > 0 else { return [] }
        let text = context()
        return differing.map {
            ConformanceMismatch(kernel: kernel, scalarType: T.typeName, context: text, index: $0.index,
                                expected: $0.expected, actual: $0.actual, allowedError: $0.allowed,
                                inputs: inputs($0.index), checkedElements: count, differingElements: differingCount)
        }
    }
}
