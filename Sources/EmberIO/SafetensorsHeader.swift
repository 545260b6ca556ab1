import Foundation

/// The JSON header of a safetensors file: where each tensor's bytes are, plus free-form string metadata.
struct SafetensorsHeader {
    struct TensorInfo {
        var name: String
        var dtype: String
        var shape: [Int]
        var begin: Int
        var end: Int
    }

    var tensors: [TensorInfo]
    var metadata: [String: String]

    static let metadataKey = "__metadata__"

    /// The header bytes exactly as the reference writer (Rust `serde_json`) makes them: compact JSON with
    /// `__metadata__` first (its keys sorted by UTF-8 bytes; the reference leaves them in hash order), then the
    /// tensors in the given order, padded with spaces to a multiple of 8 bytes.
    func encoded() -> Data {
        var json = "{"
        var fields: [String] = []
        if !metadata.isEmpty {
            let pairs = metadata.sorted { Self.utf8Less($0.key, $1.key) }
                .map { "\(Self.quoted($0.key)):\(Self.quoted($0.value))" }
            fields.append("\(Self.quoted(Self.metadataKey)):{\(pairs.joined(separator: ","))}")
        }
        for info in tensors {
            let shape = info.shape.map(String.init).joined(separator: ",")
            fields.append("\(Self.quoted(info.name)):{\"dtype\":\(Self.quoted(info.dtype)),\"shape\":[\(shape)],"
                          + "\"data_offsets\":[\(info.begin),\(info.end)]}")
        }
        json += fields.joined(separator: ",") + "}"
        var bytes = Data(json.utf8)
        bytes.append(contentsOf: repeatElement(UInt8(ascii: " "), count: (8 - bytes.count % 8) % 8))
        return bytes
    }

    /// Parses header bytes as the format's specification requires: UTF-8 JSON (RFC 8259, no byte-order mark, no
    /// trailing commas, no duplicate keys; see ``StrictJSON``) that begins with `{`, optionally padded with spaces.
    /// The tensors come back in file order (sorted by offsets).
    ///
    /// - Throws: ``SafetensorsError/invalidJSON(reason:)`` or ``SafetensorsError/malformedEntry(name:reason:)``.
    static func decode(_ bytes: Data) throws -> SafetensorsHeader {
        let root: JSONValue
        do {
            root = try StrictJSON.parse(bytes)
        } catch {
            throw SafetensorsError.invalidJSON(reason: error.reason)
        }
        guard case let .object(members) = root else {
            throw SafetensorsError.invalidJSON(reason: "it is not a JSON object")
        }
        guard bytes.first == UInt8(ascii: "{") else {
            throw SafetensorsError.invalidJSON(reason: "it does not start with '{'")
        }
        var header = SafetensorsHeader(tensors: [], metadata: [:])
        for (name, value) in members {
            if name == metadataKey {
                guard case let .object(pairs) = value else {
                    throw SafetensorsError.malformedEntry(name: name, reason: "expected an object of strings")
                }
                for (key, item) in pairs {
                    guard case let .string(text) = item else {
                        throw SafetensorsError.malformedEntry(name: name, reason: "expected an object of strings")
                    }
                    header.metadata[key] = text
                }
                continue
            }
            guard case let .object(pairs) = value else {
                throw SafetensorsError.malformedEntry(name: name, reason: "expected an object")
            }
            let fields = Dictionary(uniqueKeysWithValues: pairs.map { ($0.key, $0.value) })
            guard case let .string(dtype)? = fields["dtype"] else {
                throw SafetensorsError.malformedEntry(name: name, reason: "'dtype' is missing or not a string")
            }
            guard let shape = integers(fields["shape"]) else {
                throw SafetensorsError.malformedEntry(name: name,
                                                      reason: "'shape' is missing or not a list of integers")
            }
            guard let offsets = integers(fields["data_offsets"]), offsets.count == 2 else {
                throw SafetensorsError.malformedEntry(name: name,
                                                      reason: "'data_offsets' is missing or not two integers")
            }
            header.tensors.append(TensorInfo(name: name, dtype: dtype, shape: shape, begin: offsets[0],
                                             end: offsets[1]))
        }
        header.tensors.sort { ($0.begin, $0.end, $0.name) < ($1.begin, $1.end, $1.name) }
        return header
    }

    /// A JSON array of integers (no fraction, no exponent, in `Int`'s range) as `[Int]`, or `nil`.
    private static func integers(_ value: JSONValue?) -> [Int]? {
        guard case let .array(elements)? = value else { return nil }
        var result: [Int] = []
        for element in elements {
            guard let integer = element.integer else { return nil }
            result.append(integer)
        }
        return result
    }

    /// Byte-wise UTF-8 order, as Rust compares `String`s.
    static func utf8Less(_ lhs: String, _ rhs: String) -> Bool {
        lhs.utf8.lexicographicallyPrecedes(rhs.utf8)
    }

    /// `text` as a JSON string literal escaped as `serde_json` does: `"` and `\`, the short forms `\b \f \n \r \t`,
    /// other control characters as `\u00xx`; everything else (including `/` and non-ASCII) as is.
    static func quoted(_ text: String) -> String {
        var result = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": result += "\\\""
            case "\\": result += "\\\\"
            case "\u{08}": result += "\\b"
            case "\u{0C}": result += "\\f"
            case "\n": result += "\\n"
            case "\r": result += "\\r"
            case "\t": result += "\\t"
            case _ where scalar.value < 0x20:
                let hex = String(scalar.value, radix: 16)
                result += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
            default: result.unicodeScalars.append(scalar)
            }
        }
        return result + "\""
    }
}
