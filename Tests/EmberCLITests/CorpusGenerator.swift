import Ember
import Foundation

/// Makes, from a seed, the odd input files of the generated corpus (issue 9): safetensors checkpoints mutated at the
/// byte and at the JSON level, and CSV tables with odd names, cells, quoting and line endings. Nothing is checked in.
struct CorpusGenerator {
    var random: TestRandom

    init(seed: UInt64) { random = TestRandom(seed: seed) }

    mutating func below(_ bound: Int) -> Int { Int(random.next() % UInt64(bound)) }
    mutating func chance(_ probability: Double) -> Bool { random.uniform() < probability }
    mutating func pick<T>(_ items: [T]) -> T { items[below(items.count)] }

    // MARK: - Safetensors

    /// The valid files the mutations start from: the tutorial's model as `ember linreg --save` writes it, and a
    /// file of every dtype with metadata.
    static func seedCheckpoints() throws -> [Data] {
        let line = try Safetensors.encode(["weight": SafetensorsEntry(shape: [1], values: [2] as [Float]),
                                           "bias": SafetensorsEntry(shape: [1], values: [0.5] as [Float])],
                                          metadata: ["format": "pt", "ember.features": "x"])
        let mixed = try Safetensors.encode([
            "weight": SafetensorsEntry(shape: [1], values: [1.5] as [Float], dtype: .bf16),
            "bias": SafetensorsEntry(shape: [1], values: [-0.25] as [Float], dtype: .f16),
            "extra.scale": SafetensorsEntry(shape: [2, 2], values: [1, 2, 3, 4] as [Double]),
            "empty": SafetensorsEntry(shape: [0, 3], values: [] as [Float]),
        ], metadata: ["note": "mixed"])
        return [line, mixed]
    }

    /// One mutated copy of `base`: one to three byte-level or header-level changes.
    mutating func mutate(_ base: Data) -> Data {
        var bytes = [UInt8](base)
        for _ in 0..<(1 + below(3)) {
            let headerEnd = min(bytes.count, 8 + Int(bytes.prefix(8).reversed().reduce(UInt64(0)) { $0 << 8 | UInt64($1) } & 0xFFFF))
            switch below(12) {
            case 0 where !bytes.isEmpty:   // flip one bit
                let i = below(bytes.count)
                bytes[i] ^= UInt8(1 << below(8))
            case 1 where !bytes.isEmpty:   // a random byte
                bytes[below(bytes.count)] = UInt8(below(256))
            case 2:                        // truncate
                bytes = Array(bytes.prefix(below(bytes.count + 1)))
            case 3:                        // trailing garbage
                bytes += (0..<(1 + below(16))).map { _ in UInt8(below(256)) }
            case 4 where bytes.count >= 8: // another header length
                let length = pick([0, 1, 7, 8, headerEnd - 8 + pick([-9, -1, 1, 8, 1000]), Int.max, below(1 << 20)])
                withUnsafeBytes(of: UInt64(truncatingIfNeeded: length).littleEndian) { bytes.replaceSubrange(0..<8, with: $0) }
            case 5 where headerEnd > 9:    // a header edit that keeps its length: digits, quotes, brackets
                let i = 8 + below(headerEnd - 8)
                bytes[i] = pick(Array("0123456789\"{}[],: ".utf8) + [0x00, 0x1B, 0x0A, 0xFF, 0xC3])
            case 6 where headerEnd > 9:    // replace a dtype
                replaceHeaderText(&bytes, headerEnd: headerEnd, pick(["\"F32\"", "\"F64\"", "\"F16\"", "\"BF16\""]),
                                  with: pick(["\"F16\"", "\"BF16\"", "\"F64\"", "\"I64\"", "\"U8\"", "\"BOOL\"",
                                              "\"F8_E4M3\"", "\"Q7\"", "\"\"", "null", "32"]))
            case 7 where headerEnd > 9:    // JSON that is almost right
                replaceHeaderText(&bytes, headerEnd: headerEnd, pick(["}", "]", "\"weight\"", "\"bias\"", "{"]),
                                  with: pick([",}", ",]", "\"w\\u001b[31m\\n\"", "\"bias\"", "{\"\\ud800\":1,", "{\u{FEFF}",
                                              "[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[1"]))
            case 8 where headerEnd > 8:    // a byte-order mark or UTF-16 header
                let before = bytes.count
                if chance(0.5) {
                    bytes.insert(contentsOf: [0xEF, 0xBB, 0xBF], at: 8)
                } else {
                    let header: [UInt8] = bytes[8..<headerEnd].flatMap { byte -> [UInt8] in [byte, 0] }
                    bytes.replaceSubrange(8..<headerEnd, with: header)
                }
                fixHeaderLength(&bytes, by: bytes.count - before)
            case 9 where bytes.count > headerEnd + 4:   // NaN or infinity in the data
                let i = headerEnd + below(bytes.count - headerEnd - 3)
                bytes.replaceSubrange(i..<(i + 4), with: pick([[0x00, 0x00, 0xC0, 0x7F], [0x00, 0x00, 0x80, 0x7F],
                                                               [0x00, 0x7C, 0x00, 0x7C], [0xC0, 0x7F, 0x80, 0xFF]]))
            case 10 where bytes.count > 9: // delete a range
                let start = below(bytes.count - 1)
                bytes.removeSubrange(start..<min(bytes.count, start + 1 + below(8)))
            default:                       // insert random bytes
                bytes.insert(contentsOf: (0..<(1 + below(4))).map { _ in UInt8(below(256)) }, at: below(bytes.count + 1))
            }
        }
        return Data(bytes)
    }

    /// Replaces the first occurrence of `old` in the header with `new`, keeping the header length field right.
    private mutating func replaceHeaderText(_ bytes: inout [UInt8], headerEnd: Int, _ old: String, with new: String) {
        let header = Array(bytes[8..<headerEnd]), target = Array(old.utf8)
        guard target.count <= header.count,
              let offset = (0...(header.count - target.count)).first(where: { header[$0..<($0 + target.count)].elementsEqual(target) })
        else { return }
        bytes.replaceSubrange((8 + offset)..<(8 + offset + target.count), with: Array(new.utf8))
        fixHeaderLength(&bytes, by: new.utf8.count - target.count)
    }

    private func fixHeaderLength(_ bytes: inout [UInt8], by delta: Int) {
        guard bytes.count >= 8 else { return }
        let length = bytes.prefix(8).reversed().reduce(UInt64(0)) { $0 << 8 | UInt64($1) }
        withUnsafeBytes(of: (length &+ UInt64(bitPattern: Int64(delta))).littleEndian) { bytes.replaceSubrange(0..<8, with: $0) }
    }

    // MARK: - CSV

    /// An odd CSV file and, when it was generated without a fault, the table it must parse to.
    struct CSVCase {
        var text: String
        var expected: (columns: [String], rows: [[Double]])?
        /// A fault that must make parsing fail (a bad cell, a ragged row, a duplicate or empty name).
        var mustFail: Bool
    }

    mutating func csv() -> CSVCase {
        let names = ["x", "y", "price ($)", "naïve", "名前", "a b", "comma,name", "quote\"d", "new\nline", "esc\u{1B}[31m",
                     "tab\there", "\u{202E}rtl", String(repeating: "long", count: 60), "1", " padded "]
        let columnCount = 1 + below(5)
        var columns: [String] = []
        while columns.count < columnCount {
            let name = pick(names)
            if !columns.contains(name.trimmingCharacters(in: .whitespaces)) { columns.append(name.trimmingCharacters(in: .whitespaces)) }
        }
        let rows = (0..<(1 + below(6))).map { _ in (0..<columnCount).map { _ in Double(below(2001) - 1000) / 8 } }
        var fault = false, mustFail = false
        var header = columns
        if chance(0.08), columnCount > 1 { header[below(columnCount)] = ""; fault = true; mustFail = true }
        if chance(0.08), columnCount > 1 { header[1] = header[0]; fault = true; mustFail = true }
        var lines = [header.map { quoteIfNeeded($0) }.joined(separator: ",")]
        for row in rows {
            var cells = row.map { pick(formats($0)) }
            if chance(0.05) {
                // (An empty cell alone on its line is a blank line, which is skipped.)
                cells[below(cells.count)] = pick((columnCount > 1 ? [""] : []) + ["abc", "0x10", "3\u{0}garbage", "nan", "inf", "-infinity", "1e999",
                                                  "1_000", "½", "--1", "1.2.3"])
                fault = true
                mustFail = true
            }
            if chance(0.04) { cells.append("1"); fault = true; mustFail = true }
            lines.append(cells.map { chance(0.15) ? "\"\($0)\"" : quoteIfNeeded($0) }.joined(separator: ","))
            if chance(0.1) { lines.append(pick(["", "   "])) }
        }
        let newline = pick(["\n", "\r\n", "\n", "\r\n", "\r"])
        var text = lines.joined(separator: newline) + (chance(0.7) ? newline : "")
        if newline == "\r" { fault = true }
        if chance(0.05) { text = "\u{FEFF}" + text }
        if chance(0.12) {   // broken quoting, NUL bytes, stray text
            fault = true
            mustFail = false
            let index = text.index(text.startIndex, offsetBy: below(text.count + 1))
            text.insert(contentsOf: pick(["\"", "\"\"\"", "\u{0}", "\u{1B}[2J", "\r", ",,"]), at: index)
        }
        return CSVCase(text: text, expected: fault ? nil : (columns, rows), mustFail: mustFail)
    }

    /// Ways of writing `value` that must all read back as `value`.
    private func formats(_ value: Double) -> [String] {
        ["\(value)", " \(value) ", String(format: "%.6e", value), value >= 0 ? "+\(value)" : "\(value)"]
    }

    private func quoteIfNeeded(_ cell: String) -> String {
        guard cell.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) else { return cell }
        return "\"" + cell.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }
}
