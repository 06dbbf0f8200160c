/// Small helpers for writing JavaScript source text from Swift values.
enum PugJS {
    /// A double-quoted JavaScript string literal, as `JSON.stringify` writes it (plus
    /// U+2028/U+2029 and `</` escaped so the code is also safe inside `<script>`).
    static func stringLiteral(_ text: String) -> String {
        var out = "\""
        out.reserveCapacity(text.utf8.count + 2)
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            case "\u{08}": out += "\\b"
            case "\u{0C}": out += "\\f"
            case "\u{2028}": out += "\\u2028"
            case "\u{2029}": out += "\\u2029"
            case "/":
                out += out.hasSuffix("<") ? "\\/" : "/"
            default:
                if scalar.value < 0x20 {
                    let hex = String(scalar.value, radix: 16)
                    out += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
                } else {
                    out.unicodeScalars.append(scalar)
                }
            }
        }
        return out + "\""
    }

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
