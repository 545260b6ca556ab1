import CEmberSIMDKernels
import Foundation

/// The vector instruction set the `simd` backend's hot kernels run on, chosen once per process from the CPU's
/// features, as OpenBLAS (`DYNAMIC_ARCH`) and NumPy do. This file is the one place that decides.
///
/// - `avx512`: C kernels compiled for AVX-512 with FMA (512-bit vectors), in `Backends/CEmberSIMDKernels`.
/// - `avx2`: the same C kernels compiled for AVX2 with FMA (256-bit vectors).
/// - `baseline`: the portable Swift SIMD code, for whatever the build targets (SSE2 on a plain x86-64 build); on
///   x86-64 it multiplies and adds separately instead of calling libm's `fma` per lane.
///
/// The C kernels carry their instruction set in a target attribute, so a plain `swift build -c release` (a package
/// that depends on Ember) gets them as fast as a `-target-cpu native` build. They cover the matrix product's
/// micro-kernel, contiguous `add`/`sub`/`mul`/`div`, row sums, `dot` and `axpy`; every other kernel is Swift.
///
/// `EMBER_SIMD_PATH=baseline|avx2|avx512` forces a path at or below the CPU's best, for tests and bug reports; a
/// higher or unknown value is ignored with a one-line warning on standard error.
///
/// ```swift
/// print(SIMDKernelPath.selection)   // "avx512 (cpuid)"
/// let portable = SIMDBackend(path: .baseline)
/// ```
public enum SIMDKernelPath: String, CaseIterable, Comparable, Sendable, CustomStringConvertible {
    case baseline, avx2, avx512

    public var description: String { rawValue }

    public static func < (lhs: Self, rhs: Self) -> Bool {
        allCases.firstIndex(of: lhs)! < allCases.firstIndex(of: rhs)!
    }

    /// The best path this CPU and operating system can run (cpuid and xgetbv).
    public static let detected: SIMDKernelPath = {
        let features = ember_cpu_features()
        if features & EMBER_CPU_AVX512 != 0 { return .avx512 }
        if features & EMBER_CPU_AVX2_FMA != 0 { return .avx2 }
        return .baseline
    }()

    /// Every path this machine can run, lowest first: the paths the conformance kit is run on.
    public static var available: [SIMDKernelPath] { allCases.filter { $0 <= detected } }

    /// The path new `SIMDBackend`s use, with the reason it was chosen.
    public static var selected: SIMDKernelPath { selectionState.path }

    /// The path in use and why, as `ember info` prints it: `"avx512 (cpuid)"` or `"avx2 (EMBER_SIMD_PATH=avx2)"`.
    public static var selection: String { "\(selectionState.path) (\(selectionState.reason))" }

    /// The path `EMBER_SIMD_PATH` asks for, or `nil` when it is unset or empty.
    /// - Throws: `SIMDKernelPathError` when it names no path or one this CPU cannot run.
    public static func parseEnvironment(
        _ environment: [String: String] = ProcessInfo.processInfo.environment
    ) throws -> SIMDKernelPath? {
        let text = environment["EMBER_SIMD_PATH"]?.trimmingCharacters(in: .whitespaces).lowercased() ?? ""
        if text.isEmpty { return nil }
        guard let path = SIMDKernelPath(rawValue: text) else { throw SIMDKernelPathError.unknown(text) }
        guard path <= detected else { throw SIMDKernelPathError.unsupported(path, best: detected) }
        return path
    }

    private static let selectionState: (path: SIMDKernelPath, reason: String) = {
        do {
            if let forced = try parseEnvironment() { return (forced, "EMBER_SIMD_PATH=\(forced)") }
        } catch {
            FileHandle.standardError.write(Data("warning: \(error); using \(detected)\n".utf8))
        }
        return (detected, "cpuid")
    }()
}

/// A value of `EMBER_SIMD_PATH` that cannot be used.
public enum SIMDKernelPathError: Error, CustomStringConvertible, Equatable {
    /// The value names no path.
    case unknown(String)
    /// The path needs instructions this CPU lacks; `best` is the highest it runs.
    case unsupported(SIMDKernelPath, best: SIMDKernelPath)

    public var description: String {
        switch self {
        case .unknown(let text):
            "EMBER_SIMD_PATH=\"\(text)\" names no kernel path; valid: "
                + SIMDKernelPath.allCases.map(\.rawValue).joined(separator: ", ")
        case .unsupported(let path, let best):
            "EMBER_SIMD_PATH=\(path) needs instructions this CPU lacks; it runs at most \(best)"
        }
    }
}
