/// The element types Ember reads and writes in safetensors files, named as in the file header.
///
/// All four are floating point; reading converts to `Float` or `Double` exactly (F64 to `Float` rounds to nearest),
/// as PyTorch's `load_state_dict` copies a tensor of another dtype into a parameter. The format's integer, boolean
/// and 8-bit float dtypes are refused by name (``SafetensorsError/unsupportedDType(tensor:dtype:)``).
public enum SafetensorsDType: String, Sendable, Hashable, CaseIterable {
    /// IEEE 754 half precision (`torch.float16`).
    case f16 = "F16"
    /// bfloat16: a `Float` with its low 16 bits dropped (`torch.bfloat16`).
    case bf16 = "BF16"
    case f32 = "F32"
    case f64 = "F64"

    /// Bytes per element.
    public var byteCount: Int {
        switch self {
        case .f16, .bf16: 2
        case .f32: 4
        case .f64: 8
        }
    }

    /// The writer's order: the reference implementation sorts tensors by descending dtype (F64, F32, BF16, F16), so
    /// every tensor's data stays aligned to its element size.
    var writeRank: Int {
        switch self {
        case .f64: 0
        case .f32: 1
        case .bf16: 2
        case .f16: 3
        }
    }

    /// The largest finite value of the dtype.
    var greatestFiniteMagnitude: Double {
        switch self {
        case .f16: Double(Float16.greatestFiniteMagnitude)
        case .bf16: Double(Float(bitPattern: 0x7F7F_0000))
        case .f32: Double(Float.greatestFiniteMagnitude)
        case .f64: Double.greatestFiniteMagnitude
        }
    }
}
