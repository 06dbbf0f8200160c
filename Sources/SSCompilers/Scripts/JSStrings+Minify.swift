extension JSStrings {
    /// The shortest spelling of a string literal's value: double quotes, single quotes or
    /// a backtick template (where raw newlines are cheaper than `\n`). Returns the input
    /// when it uses legacy octal escapes (their meaning depends on strict mode).
    ///
    /// ```swift
    /// JSStrings.shortest("'a\\nb\\nc'")   // "`a\nb\nc`" with real newlines
    /// ```
    static func shortest(_ raw: String, allowTemplate: Bool) -> String {
        // Fast path: no escapes and no quotes inside -> only the quote style can change.
        let utf8 = raw.utf8
        if let quote = utf8.first, utf8.count >= 2,
            !utf8.dropFirst().dropLast().contains(where: {
                $0 == UInt8(ascii: "\\") || $0 == UInt8(ascii: "\"") || $0 == UInt8(ascii: "'") || $0 == UInt8(ascii: "`")
            })
        {
            return quote == UInt8(ascii: "\"") ? raw : "\"" + raw.dropFirst().dropLast() + "\""
        }
        guard let value = decode(raw) else { return requote(raw) }
        var best = encode(value, quote: UInt8(ascii: "\""))
        // Other quotes can only win when the value holds a `"` (or a newline, for templates).
        let hasDouble = value.contains(0x22)
        let hasNewline = allowTemplate && value.contains(10)
        var quotes: [UInt8] = []
        if hasDouble { quotes.append(UInt8(ascii: "'")) }
        if hasDouble || hasNewline { quotes.append(UInt8(ascii: "`")) }
        for quote in quotes where quote != UInt8(ascii: "`") || allowTemplate {
            let candidate = encode(value, quote: quote)
            if candidate.count < best.count { best = candidate }
        }
        return String(decoding: best, as: UTF8.self)
    }

    /// The code points of a string literal (lone surrogates kept as their values); nil for
    /// legacy octal escapes or malformed input.
    static func decode(_ raw: String) -> [UInt32]? {
        let bytes = Array(raw.utf8)
        guard bytes.count >= 2 else { return nil }
        var result: [UInt32] = []
        result.reserveCapacity(bytes.count)
        var i = 1
        let end = bytes.count - 1
        func hex(_ from: Int, _ count: Int) -> UInt32? {
            guard from + count <= end else { return nil }
            var value: UInt32 = 0
            for k in from..<(from + count) {
                guard let digit = hexValue(bytes[k]) else { return nil }
                value = value * 16 + digit
            }
            return value
        }
        while i < end {
            let b = bytes[i]
            if b != UInt8(ascii: "\\") {
                // A raw UTF-8 sequence.
                let length = b >= 0xF0 ? 4 : b >= 0xE0 ? 3 : b >= 0xC0 ? 2 : 1
                guard i + length <= end else { return nil }
                var scalar = UInt32(length == 1 ? b : (length == 2 ? b & 0x1F : length == 3 ? b & 0x0F : b & 0x07))
                for k in 1..<max(length, 1) where length > 1 { scalar = scalar << 6 | UInt32(bytes[i + k] & 0x3F) }
                result.append(scalar)
                i += length
                continue
            }
            guard i + 1 < end else { return nil }
            let c = bytes[i + 1]
            i += 2
            switch c {
            case UInt8(ascii: "n"): result.append(10)
            case UInt8(ascii: "t"): result.append(9)
            case UInt8(ascii: "r"): result.append(13)
            case UInt8(ascii: "b"): result.append(8)
            case UInt8(ascii: "f"): result.append(12)
            case UInt8(ascii: "v"): result.append(11)
            case UInt8(ascii: "0"):
                if i < end, jsIsDigit(bytes[i]) { return nil }
                result.append(0)
            case UInt8(ascii: "1")...UInt8(ascii: "9"):
                return nil
            case UInt8(ascii: "x"):
                guard let value = hex(i, 2) else { return nil }
                result.append(value)
                i += 2
            case UInt8(ascii: "u"):
                if i < end, bytes[i] == UInt8(ascii: "{") {
                    var j = i + 1
                    var value: UInt32 = 0
                    while j < end, let digit = hexValue(bytes[j]) {
                        value = value &* 16 &+ digit
                        j += 1
                    }
                    guard j < end, bytes[j] == UInt8(ascii: "}"), j > i + 1, value <= 0x10FFFF else { return nil }
                    result.append(value)
                    i = j + 1
                } else {
                    guard let value = hex(i, 4) else { return nil }
                    result.append(value)
                    i += 4
                }
            case 0x0D:
                if i < end, bytes[i] == 0x0A { i += 1 }
            case 0x0A:
                break
            case 0xE2 where i + 1 < end && bytes[i] == 0x80 && (bytes[i + 1] == 0xA8 || bytes[i + 1] == 0xA9):
                i += 2
            default:
                // `\` before any other character means that character.
                i -= 1
                let length = c >= 0xF0 ? 4 : c >= 0xE0 ? 3 : c >= 0xC0 ? 2 : 1
                guard i + length <= end else { return nil }
                var scalar = UInt32(length == 1 ? c : (length == 2 ? c & 0x1F : length == 3 ? c & 0x0F : c & 0x07))
                for k in 1..<max(length, 1) where length > 1 { scalar = scalar << 6 | UInt32(bytes[i + k] & 0x3F) }
                result.append(scalar)
                i += length
            }
        }
        // Join surrogate pairs written as two escapes.
        var joined: [UInt32] = []
        joined.reserveCapacity(result.count)
        var k = 0
        while k < result.count {
            let unit = result[k]
            if unit >= 0xD800, unit <= 0xDBFF, k + 1 < result.count, result[k + 1] >= 0xDC00, result[k + 1] <= 0xDFFF {
                joined.append(0x10000 + ((unit - 0xD800) << 10) + (result[k + 1] - 0xDC00))
                k += 2
                continue
            }
            joined.append(unit)
            k += 1
        }
        return joined
    }

    private static func hexValue(_ b: UInt8) -> UInt32? {
        switch b {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): return UInt32(b - UInt8(ascii: "0"))
        case UInt8(ascii: "a")...UInt8(ascii: "f"): return UInt32(b - UInt8(ascii: "a") + 10)
        case UInt8(ascii: "A")...UInt8(ascii: "F"): return UInt32(b - UInt8(ascii: "A") + 10)
        default: return nil
        }
    }

    static func encode(_ value: [UInt32], quote: UInt8) -> [UInt8] {
        var out: [UInt8] = [quote]
        out.reserveCapacity(value.count + 8)
        let template = quote == UInt8(ascii: "`")
        let backslash = UInt8(ascii: "\\")
        func hex(_ n: UInt32, digits: Int) {
            var shift = (digits - 1) * 4
            while shift >= 0 {
                let d = UInt8((n >> UInt32(shift)) & 0xF)
                out.append(d < 10 ? d + 0x30 : d - 10 + UInt8(ascii: "a"))
                shift -= 4
            }
        }
        for index in value.indices {
            let c = value[index]
            if c >= 0x20, c < 0x7F {
                let b = UInt8(c)
                if b == quote || b == backslash {
                    out.append(backslash)
                } else if template, b == UInt8(ascii: "$"), index + 1 < value.count, value[index + 1] == 0x7B {
                    out.append(backslash)
                }
                out.append(b)
                continue
            }
            switch c {
            case 10:
                if template { out.append(10) } else { out.append(backslash); out.append(UInt8(ascii: "n")) }
            case 9: out.append(9)
            case 13: out.append(backslash); out.append(UInt8(ascii: "r"))
            case 8: out.append(backslash); out.append(UInt8(ascii: "b"))
            case 12: out.append(backslash); out.append(UInt8(ascii: "f"))
            case 11: out.append(backslash); out.append(UInt8(ascii: "v"))
            case 0:
                out.append(backslash)
                if index + 1 < value.count, value[index + 1] >= 0x30, value[index + 1] <= 0x39 {
                    out.append(UInt8(ascii: "x")); out.append(0x30); out.append(0x30)
                } else {
                    out.append(0x30)
                }
            case 0..<0x20, 0x7F:
                out.append(backslash); out.append(UInt8(ascii: "x")); hex(c, digits: 2)
            case 0x2028, 0x2029, 0xD800...0xDFFF:
                out.append(backslash); out.append(UInt8(ascii: "u")); hex(c, digits: 4)
            case 0x80..<0x800:
                out.append(UInt8(0xC0 | (c >> 6))); out.append(UInt8(0x80 | (c & 0x3F)))
            case 0x800..<0x10000:
                out.append(UInt8(0xE0 | (c >> 12))); out.append(UInt8(0x80 | ((c >> 6) & 0x3F)))
                out.append(UInt8(0x80 | (c & 0x3F)))
            case 0x10000...0x10FFFF:
                out.append(UInt8(0xF0 | (c >> 18))); out.append(UInt8(0x80 | ((c >> 12) & 0x3F)))
                out.append(UInt8(0x80 | ((c >> 6) & 0x3F))); out.append(UInt8(0x80 | (c & 0x3F)))
            default:
                out.append(backslash); out.append(UInt8(ascii: "u")); hex(0xFFFD, digits: 4)
            }
        }
        out.append(quote)
        return out
    }
}
