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
        return quoted(inner, with: target)
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
        let bytes = Array(raw.utf8)
        guard bytes.count >= 2, bytes.first != quote else { return raw }
        return quoted(bytes[1..<(bytes.count - 1)], with: quote)
    }

    /// The literal body `inner` between `quote`s: the target quote escaped, the other
    /// quote unescaped, every other escape kept verbatim.
    private static func quoted(_ inner: ArraySlice<UInt8>, with quote: UInt8) -> String {
        var out: [UInt8] = [quote]
        out.reserveCapacity(inner.count + 2)
        var i = inner.startIndex
        while i < inner.endIndex {
            let b = inner[i]
            if b == UInt8(ascii: "\\"), i + 1 < inner.endIndex {
                let c = inner[i + 1]
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
