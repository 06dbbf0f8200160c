/// Small helpers for writing JavaScript source text from Swift values.
enum PugJS {
    /// A double-quoted JavaScript string literal, as `JSON.stringify` writes it (plus
    /// U+2028/U+2029 and `</` escaped so the code is also safe inside `<script>`).
    static func stringLiteral(_ text: String) -> String {
        var out: [UInt8] = [UInt8(ascii: "\"")]
        out.reserveCapacity(text.utf8.count + 16)
        var previous: UInt8 = 0
        var iterator = text.utf8.makeIterator()
        while let byte = iterator.next() {
            switch byte {
            case UInt8(ascii: "\""): out += [92, 34]
            case UInt8(ascii: "\\"): out += [92, 92]
            case UInt8(ascii: "\n"): out += [92, UInt8(ascii: "n")]
            case UInt8(ascii: "\r"): out += [92, UInt8(ascii: "r")]
            case UInt8(ascii: "\t"): out += [92, UInt8(ascii: "t")]
            case UInt8(ascii: "/") where previous == UInt8(ascii: "<"): out += [92, 47]
            case 0xE2:
                // U+2028 / U+2029 (E2 80 A8 / E2 80 A9) are line terminators in JavaScript strings.
                guard let second = iterator.next() else { out.append(byte); break }
                guard let third = iterator.next() else { out += [byte, second]; break }
                if second == 0x80, third == 0xA8 || third == 0xA9 {
                    out += Array((third == 0xA8 ? "\\u2028" : "\\u2029").utf8)
                } else {
                    out += [byte, second, third]
                }
            case 0..<0x20:
                let hex = Array("0123456789abcdef".utf8)
                out += [92, UInt8(ascii: "u"), 48, 48, hex[Int(byte >> 4)], hex[Int(byte & 15)]]
            default:
                out.append(byte)
            }
            previous = byte
        }
        out.append(UInt8(ascii: "\""))
        return String(decoding: out, as: UTF8.self)
    }

    /// `text` without leading and trailing ASCII blanks (space, tab, CR, LF). Works on
    /// UTF-8 directly: Foundation's `trimmingCharacters` bridges through NSString and
    /// was a tenth of the compile time.
    static func trimmed(_ text: String) -> String {
        let utf8 = text.utf8
        guard let first = utf8.first, let last = utf8.last,
              isBlank(first) || isBlank(last)
        else { return text }
        guard let start = utf8.firstIndex(where: { !isBlank($0) }) else { return "" }
        let end = utf8.lastIndex(where: { !isBlank($0) }) ?? start
        return String(text[start...end])
    }

    static func isBlank(_ byte: UInt8) -> Bool { byte == 32 || byte == 9 || byte == 10 || byte == 13 }

    /// Byte search without Foundation (`String.contains(String)` goes through NSString).
    static func contains(_ text: String, byte: UInt8) -> Bool { text.utf8.contains(byte) }

    /// The value of a simple quoted JavaScript string literal (`'a\'b'`), or nil when
    /// it is not one (or uses escapes we do not decode).
    static func unquote(_ literal: String) -> String? {
        let scalars = Array(literal.unicodeScalars)
        guard scalars.count >= 2, let quote = scalars.first, quote == "'" || quote == "\"", scalars.last == quote else { return nil }
        var out = String.UnicodeScalarView()
        var i = 1
        while i < scalars.count - 1 {
            let c = scalars[i]
            if c == quote || c == "\n" { return nil }
            if c == "\\" {
                i += 1
                guard i < scalars.count - 1 else { return nil }
                switch scalars[i] {
                case "n": out.append("\n")
                case "t": out.append("\t")
                case "r": out.append("\r")
                case "\\", "'", "\"", "/": out.append(scalars[i])
                default: return nil
                }
            } else {
                out.append(c)
            }
            i += 1
        }
        return String(out)
    }
}
