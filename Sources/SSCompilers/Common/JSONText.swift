/// JSON text helpers every module that writes JSON or JavaScript by hand shares.
public enum JSONText {
    /// A double-quoted JSON (and JavaScript) string literal. Escapes what JSON requires,
    /// U+2028/U+2029 (line terminators in older JavaScript), and `<`, so the literal can
    /// sit inside an HTML `<script>` without ever closing it.
    ///
    /// ```swift
    /// JSONText.quoted("a\"</script>")   // "\"a\\\"\\u003c/script>\""
    /// ```
    public static func quoted(_ text: String) -> String {
        var out = "\""
        out.reserveCapacity(text.utf8.count + 2)
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            case "\u{2028}": out += "\\u2028"
            case "\u{2029}": out += "\\u2029"
            case "<": out += "\\u003c"
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
}
