/// Text for one-line messages. Names and cells taken from files, and messages from other libraries, may hold
/// newlines, terminal escape sequences or a whole file's worth of text (an unterminated quote swallows the rest of a
/// CSV); these helpers escape and shorten them so that every error prints as one line of plain text.
///
/// ```swift
/// assert(MessageText.escaped("a\nb\u{1B}[31m") == #"a\nb\u{1B}[31m"#)
/// assert(MessageText.quoted("price") == "'price'")
/// ```
package enum MessageText {
    /// Names longer than this many characters are cut, with the number of characters left out.
    package static let nameLimit = 80
    /// Lists longer than this many names show the first ones and how many more there are.
    package static let listLimit = 10

    /// `text` with every character that is not plain printable text written as a Swift escape: `\n`, `\r`, `\t`,
    /// `\0`, and `\u{…}` for the other control characters (C0, DEL, C1), the line and paragraph separators, the
    /// bidirectional-text controls and the invisible zero-width space and byte-order mark. Printed, the result is one
    /// line that sends no escape sequence to a terminal.
    package static func escaped(_ text: String) -> String {
        guard text.unicodeScalars.contains(where: needsEscape) else { return text }
        var result = ""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\n": result += "\\n"
            case "\r": result += "\\r"
            case "\t": result += "\\t"
            case "\0": result += "\\0"
            case _ where needsEscape(scalar): result += "\\u{\(String(scalar.value, radix: 16, uppercase: true))}"
            default: result.unicodeScalars.append(scalar)
            }
        }
        return result
    }

    /// `name` between `quote`s, escaped, and cut after `limit` characters (`'aaaa…' (1234 more characters)`).
    package static func quoted(_ name: String, quote: Character = "'", limit: Int = nameLimit) -> String {
        guard name.count > limit else { return "\(quote)\(escaped(name))\(quote)" }
        return "\(quote)\(escaped(String(name.prefix(limit))))…\(quote) (\(name.count - limit) more characters)"
    }

    /// `text` escaped, and cut after `limit` characters (`text… (1234 more characters)`): for messages from other
    /// libraries, which may quote a whole input.
    package static func shortened(_ text: String, limit: Int = 200) -> String {
        guard text.count > limit else { return escaped(text) }
        return "\(escaped(String(text.prefix(limit))))… (\(text.count - limit) more characters)"
    }

    /// `'a', 'b', 'c'`: each name quoted; after ``listLimit`` names, `and N more`.
    package static func list(_ names: [String]) -> String {
        let shown = names.prefix(listLimit).map { quoted($0) }
        let rest = names.count - shown.count
        return shown.joined(separator: ", ") + (rest > 0 ? " and \(rest) more" : "")
    }

    private static func needsEscape(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0..<0x20, 0x7F...0x9F: true                              // C0, DEL, C1
        case 0x2028, 0x2029: true                                       // line and paragraph separators
        case 0x061C, 0x200E, 0x200F, 0x202A...0x202E, 0x2066...0x2069: true   // bidirectional-text controls
        case 0x200B, 0xFEFF: true                                       // invisible: zero-width space, BOM
        default: false
        }
    }
}
