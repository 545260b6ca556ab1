extension NumericTable {
    /// `text` as a number when it is written in decimal, `[+-]? (digits [. digits?] | . digits) ([eE] [+-]? digits)?`,
    /// or as `nan`, `inf` or `infinity` (any case, with a sign), which give non-finite values for the caller to refuse.
    /// Everything else is `nil`: hexadecimal (`0x10`, which `Double("0x10")` reads as 16), embedded NULs (`3\0garbage`,
    /// which `Double` reads as 3, as C's `strtod` stops there), trailing text.
    static func number(_ text: String) -> Double? {
        isDecimal(text.utf8) || isNonFiniteName(text) ? Double(text) : nil
    }

    private static func isDecimal(_ bytes: String.UTF8View) -> Bool {
        var index = bytes.startIndex
        func skipDigits() -> Int {
            var count = 0
            while index < bytes.endIndex, (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(bytes[index]) {
                bytes.formIndex(after: &index)
                count += 1
            }
            return count
        }
        func skip(_ characters: String) -> Bool {
            guard index < bytes.endIndex, characters.utf8.contains(bytes[index]) else { return false }
            bytes.formIndex(after: &index)
            return true
        }
        _ = skip("+-")
        var digits = skipDigits()
        if skip(".") { digits += skipDigits() }
        guard digits > 0 else { return false }
        if skip("eE") {
            _ = skip("+-")
            guard skipDigits() > 0 else { return false }
        }
        return index == bytes.endIndex
    }

    private static func isNonFiniteName(_ text: String) -> Bool {
        let unsigned = text.first == "+" || text.first == "-" ? text.dropFirst() : text[...]
        return ["nan", "inf", "infinity"].contains(unsigned.lowercased())
    }
}
