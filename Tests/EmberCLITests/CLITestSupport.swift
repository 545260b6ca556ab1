import Foundation
import Testing

/// A fresh directory under the system's temporary directory, removed when the value is released.
final class TemporaryDirectory {
    let url: URL

    init() throws {
        url = FileManager.default.temporaryDirectory.appendingPathComponent("ember-cli-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    }

    deinit { try? FileManager.default.removeItem(at: url) }

    /// The path of `name` inside the directory.
    func path(_ name: String) -> String { url.appendingPathComponent(name).path }

    /// Writes `text` to `name` and returns its path.
    @discardableResult
    func write(_ name: String, _ text: String) throws -> String {
        try text.write(toFile: path(name), atomically: true, encoding: .utf8)
        return path(name)
    }

    /// Every file in the directory (including hidden temporary files).
    func contents() throws -> [String] {
        try FileManager.default.contentsOfDirectory(atPath: url.path).sorted()
    }
}

/// SplitMix64 with Box–Muller normals: the tests' own deterministic data, independent of Ember's generator.
struct TestRandom {
    private var state: UInt64

    init(seed: UInt64) { state = seed }

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    /// Uniform in [0, 1).
    mutating func uniform() -> Double { Double(next() >> 11) / Double(1 << 53) }

    mutating func normal() -> Double {
        let u = max(uniform(), 1e-300), v = uniform()
        return (-2 * log(u)).squareRoot() * cos(2 * .pi * v)
    }
}

/// A CSV text: the header, then one line per row; values in Swift's shortest round-tripping form.
func csvText(columns: [String], rows: [[Double]]) -> String {
    ([columns.joined(separator: ",")] + rows.map { $0.map { "\($0)" }.joined(separator: ",") })
        .joined(separator: "\n") + "\n"
}

/// Checks the contract for bad input: a non-zero exit, exactly one line on standard error starting with `error:`,
/// every fragment in it, and no crash report.
func expectOneLineError(_ result: EmberProcess.Result, _ fragments: [String],
                        sourceLocation: SourceLocation = #_sourceLocation) {
    #expect(result.status != 0, "expected a failure; stdout: \(result.stdout)", sourceLocation: sourceLocation)
    let lines = result.stderr.split(separator: "\n", omittingEmptySubsequences: false).filter { !$0.isEmpty }
    #expect(lines.count == 1 && result.stderr.hasPrefix("error: "), "stderr: \(result.stderr)",
            sourceLocation: sourceLocation)
    for fragment in fragments {
        #expect(result.stderr.contains(fragment), "missing \"\(fragment)\" in: \(result.stderr)",
                sourceLocation: sourceLocation)
    }
    #expect(!result.stderr.contains("Fatal error") && !result.stderr.contains("Stack dump"),
            sourceLocation: sourceLocation)
}

/// Solves the least-squares problem min ‖[X 1]·β − y‖ by the normal equations (XᵀX)β = Xᵀy in Double, with Gaussian
/// elimination and partial pivoting: an independent check of LAPACK's answer. Returns (weights, bias).
func normalEquationsFit(x: [[Double]], y: [Double]) -> (weight: [Double], bias: Double) {
    let p = x[0].count + 1
    var a = [[Double]](repeating: [Double](repeating: 0, count: p + 1), count: p)
    for (row, target) in zip(x, y) {
        let z = row + [1]
        for i in 0..<p {
            for j in 0..<p { a[i][j] += z[i] * z[j] }
            a[i][p] += z[i] * target
        }
    }
    for column in 0..<p {
        let pivot = (column..<p).max { abs(a[$0][column]) < abs(a[$1][column]) }!
        a.swapAt(column, pivot)
        for r in (column + 1)..<p {
            let factor = a[r][column] / a[column][column]
            for c in column...p { a[r][c] -= factor * a[column][c] }
        }
    }
    var beta = [Double](repeating: 0, count: p)
    for r in stride(from: p - 1, through: 0, by: -1) {
        var sum = a[r][p]
        for c in (r + 1)..<p { sum -= a[r][c] * beta[c] }
        beta[r] = sum / a[r][r]
    }
    return (Array(beta.dropLast()), beta[p - 1])
}

extension Dictionary where Key == String, Value == Any {
    func doubles(_ key: String) -> [Double]? { self[key] as? [Double] }
    func object(_ key: String) -> [String: Any]? { self[key] as? [String: Any] }
}
