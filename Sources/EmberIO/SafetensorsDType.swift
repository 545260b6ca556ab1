/// The element types Ember reads and writes in safetensors files, named as in the file header.
public enum SafetensorsDType: String, Sendable, Hashable, CaseIterable {
    case f32 = "F32"
    case f64 = "F64"

    /// Bytes per element.
    public var byteCount: Int {
        switch self {
        case .f32: 4
        case .f64: 8
        }
    }

    /// The writer's order: wider types first, as the reference implementation sorts by descending dtype so every
    /// tensor's data stays aligned to its element size.
    var writeRank: Int {
        switch self {
        case .f64: 0
        case .f32: 1
        }
    }
}
