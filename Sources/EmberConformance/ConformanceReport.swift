/// The outcome of running conformance checks on a backend: how many calls were compared and where they differed.
///
/// Kernel, autograd and training checks all record into this one type; `merge(_:)` combines reports, and
/// `description` prints a summary with the first mismatches, ready for a test failure message.
public struct ConformanceReport: Sendable, CustomStringConvertible {
    /// The `name` of the backend under test.
    public var backendName: String
    /// The number of compared calls (each compares a whole output).
    public var checks: Int = 0
    /// The number of compared calls with at least one differing element.
    public var failedChecks: Int = 0
    /// The first differing elements of each failed call, in the order the checks ran.
    public var mismatches: [ConformanceMismatch] = []
    /// How many mismatches `description` prints.
    public var printLimit: Int = 20
    /// How many differing elements of one call are kept in `mismatches`.
    public static let mismatchesKeptPerCheck = 3

    public init(backendName: String) {
        self.backendName = backendName
    }

    /// Whether every check passed.
    public var passed: Bool { failedChecks == 0 && mismatches.isEmpty }

    /// The kernels with at least one mismatch, sorted, such as `["binary.add", "matmul"]`.
    public var failingKernels: [String] { Array(Set(mismatches.map(\.kernel))).sorted() }

    /// The mismatches of one kernel, such as `mismatches(of: "reduce.max")`.
    public func mismatches(of kernel: String) -> [ConformanceMismatch] { mismatches.filter { $0.kernel == kernel } }

    /// Records one compared call and the mismatches it produced (none when it passed); keeps the first few.
    public mutating func record(check mismatches: [ConformanceMismatch]) {
        checks += 1
        if mismatches.isEmpty { return }
        failedChecks += 1
        self.mismatches += mismatches.prefix(Self.mismatchesKeptPerCheck)
    }

    /// Adds the checks and mismatches of `other`, such as an autograd report, to this one.
    public mutating func merge(_ other: ConformanceReport) {
        checks += other.checks
        failedChecks += other.failedChecks
        mismatches += other.mismatches
    }

    public var description: String {
        guard !passed else { return "Backend \"\(backendName)\" conforms: \(checks) checks passed." }
        var lines = ["Backend \"\(backendName)\" does not conform: \(failedChecks) of \(checks) checks failed, "
                     + "in \(failingKernels.joined(separator: ", "))."]
        for mismatch in mismatches.prefix(printLimit) { lines.append("  - \(mismatch)") }
        if mismatches.count > printLimit { lines.append("  … and \(mismatches.count - printLimit) more mismatches.") }
        return lines.joined(separator: "\n")
    }
}
