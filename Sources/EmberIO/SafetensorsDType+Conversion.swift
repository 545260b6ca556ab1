import Foundation

extension SafetensorsDType {
    /// Element `index` of little-endian data of this dtype, as a `Double` (exact for every dtype).
    func load(_ raw: UnsafeRawBufferPointer, at index: Int) -> Double {
        switch self {
        case .f16:
            Double(Float16(bitPattern: UInt16(littleEndian: raw.loadUnaligned(fromByteOffset: index * 2,
                                                                              as: UInt16.self))))
        case .bf16:
            Double(Float(bitPattern: UInt32(UInt16(littleEndian: raw.loadUnaligned(fromByteOffset: index * 2,
                                                                                 as: UInt16.self))) << 16))
        case .f32:
            Double(Float(bitPattern: UInt32(littleEndian: raw.loadUnaligned(fromByteOffset: index * 4,
                                                                            as: UInt32.self))))
        case .f64:
            Double(bitPattern: UInt64(littleEndian: raw.loadUnaligned(fromByteOffset: index * 8, as: UInt64.self)))
        }
    }

    /// Appends `value` in this dtype, rounded to nearest even, as PyTorch's `.half()`, `.bfloat16()`, `.float()`.
    ///
    /// - Returns: `false` when a finite `value` overflowed to an infinity of this dtype.
    func append<Scalar: BinaryFloatingPoint>(_ value: Scalar, to data: inout Data) -> Bool {
        switch self {
        case .f16:
            let half = Float16(value)
            withUnsafeBytes(of: half.bitPattern.littleEndian) { data.append(contentsOf: $0) }
            return half.isFinite || !value.isFinite
        case .bf16:
            let bits = Self.bfloat16Bits(Float(value))
            withUnsafeBytes(of: bits.littleEndian) { data.append(contentsOf: $0) }
            return bits & 0x7F80 != 0x7F80 || !value.isFinite
        case .f32:
            let single = Float(value)
            withUnsafeBytes(of: single.bitPattern.littleEndian) { data.append(contentsOf: $0) }
            return single.isFinite || !value.isFinite
        case .f64:
            withUnsafeBytes(of: Double(value).bitPattern.littleEndian) { data.append(contentsOf: $0) }
            return true
        }
    }

    /// The bfloat16 nearest to `value` (ties to even), NaN kept a quiet NaN of the same sign.
    static func bfloat16Bits(_ value: Float) -> UInt16 {
        let bits = value.bitPattern
        if value.isNaN { return UInt16(bits >> 16) | 0x0040 }
        let rounding = 0x7FFF + ((bits >> 16) & 1)
        return UInt16((bits &+ rounding) >> 16)
    }
}
