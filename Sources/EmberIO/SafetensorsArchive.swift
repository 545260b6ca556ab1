/// The contents of a safetensors file: named tensors and the optional `__metadata__` strings.
public struct SafetensorsArchive: Sendable, Hashable {
    public var tensors: [String: SafetensorsEntry]
    /// The `__metadata__` map; empty when the file has none.
    public var metadata: [String: String]

    public init(tensors: [String: SafetensorsEntry], metadata: [String: String] = [:]) {
        self.tensors = tensors
        self.metadata = metadata
    }
}
