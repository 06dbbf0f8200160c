/// String literal spellings.
enum JSStrings {
    /// Rewrites a quoted string literal with the quote that needs fewer escapes (double
    /// quotes on a tie). Only quote escapes change; every other escape is kept verbatim.
    ///
    /// ```swift
    /// JSStrings.requote("'it\\'s'")   // "\"it's\""
    /// ```
    static func requote(_ raw: String) -> String {
        let bytes = Array(raw.utf8)
        guard bytes.count >= 2, let quote = bytes.first, quote == UInt8(ascii: "'") || quote == UInt8(ascii: "\""),
            bytes.last == quote
        else { return raw }
        let inner = bytes[1..<(bytes.count - 1)]
        var singles = 0
        var doubles = 0
        var i = inner.startIndex
        while i < inner.endIndex {
            let b = inner[i]
            if b == UInt8(ascii: "\\"), i + 1 < inner.endIndex {
                let c = inner[i + 1]
                if c == UInt8(ascii: "'") { singles += 1 } else if c == UInt8(ascii: "\"") { doubles += 1 }
                i += 2
                continue
            }
            if b == UInt8(ascii: "'") { singles += 1 } else if b == UInt8(ascii: "\"") { doubles += 1 }
            i += 1
        }
        let target: UInt8 = doubles <= singles ? UInt8(ascii: "\"") : UInt8(ascii: "'")
        var out: [UInt8] = [target]
        out.reserveCapacity(bytes.count)
        i = inner.startIndex
        while i < inner.endIndex {
            let b = inner[i]
            if b == UInt8(ascii: "\\"), i + 1 < inner.endIndex {
                let c = inner[i + 1]
                if c == UInt8(ascii: "'") || c == UInt8(ascii: "\"") {
                    if c == target { out.append(UInt8(ascii: "\\")) }
                    out.append(c)
                } else {
                    out.append(b)
                    out.append(c)
                }
                i += 2
                continue
            }
            if b == target { out.append(UInt8(ascii: "\\")) }
            out.append(b)
            i += 1
        }
        out.append(target)
        return String(decoding: out, as: UTF8.self)
    }

    /// The characters between the quotes of a string literal (escapes kept).
    static func inner(_ raw: String) -> Substring {
        raw.dropFirst().dropLast()
    }

    /// Joins two string literals into one (`"a" + "b"` -> `"ab"`).
    static func concatenate(_ left: String, _ right: String) -> String {
        let a = requoteTo(left, UInt8(ascii: "\""))
        let b = requoteTo(right, UInt8(ascii: "\""))
        return requote("\"" + inner(a) + inner(b) + "\"")
    }

    private static func requoteTo(_ raw: String, _ quote: UInt8) -> String {
        guard raw.utf8.first != quote else { return raw }
        // Swap quotes: escape the target quote, unescape the other.
        var out: [UInt8] = [quote]
        let bytes = Array(raw.utf8)
        var i = 1
        while i < bytes.count - 1 {
            let b = bytes[i]
            if b == UInt8(ascii: "\\"), i + 1 < bytes.count - 1 {
                let c = bytes[i + 1]
                if c == UInt8(ascii: "'") || c == UInt8(ascii: "\"") {
                    if c == quote { out.append(UInt8(ascii: "\\")) }
                    out.append(c)
                } else {
                    out.append(b)
                    out.append(c)
                }
                i += 2
                continue
            }
            if b == quote { out.append(UInt8(ascii: "\\")) }
            out.append(b)
            i += 1
        }
        out.append(quote)
        return String(decoding: out, as: UTF8.self)
    }
}
