import Foundation

/// What `/proc/cpuinfo` says about this machine's processor: its model name and the vector instruction sets it has.
public struct CPUFeatures: Sendable, Equatable {
    /// The vector-related flags worth reporting, in increasing order of capability.
    public static let reportedFlags = [
        "sse2", "ssse3", "sse4_1", "sse4_2", "avx", "fma", "avx2", "avx512f", "avx512dq", "avx512cd", "avx512bw",
        "avx512vl", "avx512_vnni", "avx512_bf16", "avx512_fp16", "amx_tile",
    ]

    /// The `model name` line, such as `"Intel(R) Xeon(R) Platinum 8375C CPU @ 2.90GHz"`; `nil` if absent.
    public let modelName: String?
    /// Every flag of the `flags` line.
    public let flags: Set<String>

    public init(modelName: String?, flags: Set<String>) {
        self.modelName = modelName
        self.flags = flags
    }

    /// The features of the first processor listed in `cpuinfo` (the text of `/proc/cpuinfo`).
    public init(cpuinfo: String) {
        var model: String?
        var flags: Set<String>?
        for line in cpuinfo.split(separator: "\n") {
            guard let colon = line.firstIndex(of: ":") else { continue }
            let key = line[..<colon].trimmingCharacters(in: .whitespaces)
            let value = line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces)
            if key == "model name", model == nil { model = value }
            if key == "flags", flags == nil { flags = Set(value.split(separator: " ").map(String.init)) }
            if model != nil, flags != nil { break }
        }
        self.init(modelName: model, flags: flags ?? [])
    }

    /// This machine's features, read from `/proc/cpuinfo` once; empty where the file is missing (not Linux).
    public static let current: CPUFeatures = {
        guard let handle = FileHandle(forReadingAtPath: "/proc/cpuinfo") else { return CPUFeatures(modelName: nil, flags: []) }
        defer { try? handle.close() }
        let data = (try? handle.readToEnd()) ?? Data()
        return CPUFeatures(cpuinfo: String(decoding: data, as: UTF8.self))
    }()

    /// The reported vector flags this CPU has, in the order of `reportedFlags`.
    public var vectorFeatures: [String] { Self.reportedFlags.filter(flags.contains) }
    public var hasAVX2: Bool { flags.contains("avx2") }
    public var hasAVX512: Bool { flags.contains("avx512f") }
}
