import Foundation

/// Reading and writing the safetensors format of Hugging Face's `safetensors` package.
///
/// A file is an 8-byte little-endian header length `N`, `N` bytes of JSON header
/// (`{"name": {"dtype": "F32", "shape": [2, 3], "data_offsets": [begin, end]}, "__metadata__": {...}}`, padded with
/// spaces to a multiple of 8), then the tensors' little-endian bytes. Ember writes exactly the bytes the reference
/// implementation writes for the same tensors: F64 tensors before F32, each group sorted by name, data packed in that
/// order. (With two or more metadata keys the reference's key order is random; Ember sorts them.)
///
/// ```swift
/// let tensors = ["weight": try SafetensorsEntry(shape: [1, 1], values: [2.0] as [Float]),
///                "bias": try SafetensorsEntry(shape: [1], values: [1.0] as [Float])]
/// let bytes = try Safetensors.encode(tensors, metadata: ["format": "pt"])
/// let archive = try Safetensors.decode(bytes)
/// assert(archive.tensors == tensors && archive.metadata == ["format": "pt"])
/// ```
public enum Safetensors {
    /// The largest header the reference implementation accepts.
    static let maximumHeaderLength: UInt64 = 100_000_000

    /// Reads the safetensors file at `path`, which must be a regular file (a FIFO would block and a device such as
    /// `/dev/zero` never end).
    ///
    /// - Throws: ``SafetensorsError/fileNotFound(path:)``, ``SafetensorsError/unreadableFile(path:reason:)``, or
    ///   any error of ``decode(_:)``.
    public static func read(path: String) throws -> SafetensorsArchive {
        var info = stat()
        guard stat(path, &info) == 0 else { throw SafetensorsError.fileNotFound(path: path) }
        guard info.st_mode & S_IFMT == S_IFREG else {
            throw SafetensorsError.unreadableFile(path: path, reason: "it is \(OutputTarget.kind(info.st_mode))")
        }
        let data: Data
        do {
            data = try Data(contentsOf: URL(fileURLWithPath: path), options: .mappedIfSafe)
        } catch {
            throw SafetensorsError.unreadableFile(path: path, reason: error.localizedDescription)
        }
        return try decode(data)
    }

    /// Writes `tensors` to `path` atomically: to a temporary file in the same directory, then renamed over `path`,
    /// so no partial file is ever left.
    ///
    /// `path` must be a new file in an existing directory or a regular file the user may write: a directory, a FIFO,
    /// a device such as `/dev/null`, a read-only file (even for root) and a file with other hard links are refused;
    /// a symbolic link is written through (the file it points to is replaced, the link stays).
    ///
    /// - Throws: ``SafetensorsError/reservedName`` or ``SafetensorsError/cannotWrite(path:reason:)``.
    public static func write(_ tensors: [String: SafetensorsEntry], to path: String,
                             metadata: [String: String] = [:]) throws {
        let data = try encode(tensors, metadata: metadata)
        do {
            try AtomicFile.write(data, to: path)
        } catch {
            throw SafetensorsError.cannotWrite(path: path, reason: error.reason)
        }
    }

    /// The bytes of a safetensors file holding `tensors` and, when not empty, `metadata` (as `__metadata__`).
    ///
    /// - Throws: ``SafetensorsError/reservedName`` when a tensor is named `__metadata__`.
    public static func encode(_ tensors: [String: SafetensorsEntry], metadata: [String: String] = [:]) throws -> Data {
        guard tensors[SafetensorsHeader.metadataKey] == nil else { throw SafetensorsError.reservedName }
        let ordered = tensors.sorted { lhs, rhs in
            lhs.value.dtype == rhs.value.dtype
                ? SafetensorsHeader.utf8Less(lhs.key, rhs.key)
                : lhs.value.dtype.writeRank < rhs.value.dtype.writeRank
        }
        var header = SafetensorsHeader(tensors: [], metadata: metadata)
        var offset = 0
        for (name, entry) in ordered {
            header.tensors.append(.init(name: name, dtype: entry.dtype.rawValue, shape: entry.shape, begin: offset,
                                        end: offset + entry.data.count))
            offset += entry.data.count
        }
        let headerBytes = header.encoded()
        var result = Data(capacity: 8 + headerBytes.count + offset)
        withUnsafeBytes(of: UInt64(headerBytes.count).littleEndian) { result.append(contentsOf: $0) }
        result.append(headerBytes)
        for (_, entry) in ordered { result.append(entry.data) }
        return result
    }

    /// Parses the bytes of a safetensors file, checking everything the reference implementation checks: the header
    /// length, the JSON, each dtype and shape, and that the tensors' data offsets tile the data section exactly.
    ///
    /// - Throws: a ``SafetensorsError`` saying what is wrong and, where it applies, which tensor.
    public static func decode(_ data: Data) throws -> SafetensorsArchive {
        let bytes = data.startIndex == 0 ? data : Data(data)
        guard bytes.count >= 8 else { throw SafetensorsError.truncated(byteCount: bytes.count) }
        let headerLength = bytes.prefix(8).reversed().reduce(UInt64(0)) { $0 << 8 | UInt64($1) }
        guard headerLength <= maximumHeaderLength else { throw SafetensorsError.headerTooLarge(length: headerLength) }
        guard headerLength <= UInt64(bytes.count - 8) else {
            throw SafetensorsError.headerLengthExceedsData(headerLength: headerLength, available: bytes.count - 8)
        }
        let dataStart = 8 + Int(headerLength)
        let header = try SafetensorsHeader.decode(bytes.subdata(in: 8..<dataStart))
        let dataLength = bytes.count - dataStart

        var tensors: [String: SafetensorsEntry] = [:]
        var covered = 0
        var previous: String?
        for info in header.tensors {
            guard let dtype = SafetensorsDType(rawValue: info.dtype) else {
                throw SafetensorsError.unsupportedDType(tensor: info.name, dtype: info.dtype)
            }
            let expected = try SafetensorsEntry.byteCount(dtype: dtype, shape: info.shape, tensor: info.name)
            guard info.begin >= 0, info.begin <= info.end, info.end <= dataLength else {
                throw SafetensorsError.offsetsOutOfRange(tensor: info.name, begin: info.begin, end: info.end,
                                                         dataLength: dataLength)
            }
            if info.begin < covered, let previous {
                throw SafetensorsError.overlappingOffsets(tensor: info.name, other: previous)
            }
            guard info.begin == covered else { throw SafetensorsError.uncoveredBytes(begin: covered, end: info.begin) }
            guard info.end - info.begin == expected else {
                throw SafetensorsError.sizeMismatch(tensor: info.name, dtype: dtype, shape: info.shape,
                                                    expected: expected, actual: info.end - info.begin)
            }
            let range = (dataStart + info.begin)..<(dataStart + info.end)
            tensors[info.name] = try SafetensorsEntry(dtype: dtype, shape: info.shape, data: bytes.subdata(in: range))
            covered = info.end
            previous = info.name
        }
        guard covered == dataLength else { throw SafetensorsError.uncoveredBytes(begin: covered, end: dataLength) }
        return SafetensorsArchive(tensors: tensors, metadata: header.metadata)
    }
}
