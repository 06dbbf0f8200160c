import Foundation

extension JSONValue {
    /// Appends compact JSON text; keys are sorted so equal values print identically.
    static func write(_ value: JSONValue, into out: inout String) {
        switch value {
        case .null: out += "null"
        case .bool(let b): out += b ? "true" : "false"
        case .number(let d): out += JSONValue.format(number: d)
        case .string(let s): JSONValue.write(string: s, into: &out)
        case .array(let items):
            out += "["
            for (i, item) in items.enumerated() {
                if i > 0 { out += "," }
                write(item, into: &out)
            }
            out += "]"
        case .object(let members):
            out += "{"
            for (i, key) in members.keys.sorted().enumerated() {
                if i > 0 { out += "," }
                write(string: key, into: &out)
                out += ":"
                write(members[key] ?? .null, into: &out)
            }
            out += "}"
        }
    }

    /// Integral values print without a fraction (`625`, not `625.0`), like JavaScript.
    /// JSON has no NaN or infinity; they print as `null`, as `JSON.stringify` does.
    public static func format(number d: Double) -> String {
        guard d.isFinite else { return "null" }
        if d == d.rounded(), abs(d) < 9.007_199_254_740_992e15 {
            return String(Int64(d))
        }
        return "\(d)"
    }

    /// Writes a JSON string literal with the escapes JSON requires.
    public static func write(string s: String, into out: inout String) {
        out += "\""
        // Most strings need no escape: copy them whole (the scalar loop below costs about ten
        // times more per character).
        if !needsEscaping(s) {
            out += s
            out += "\""
            return
        }
        for scalar in s.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            case "\u{2028}": out += "\\u2028"
            case "\u{2029}": out += "\\u2029"
            default:
                if scalar.value < 0x20 {
                    let hex = String(scalar.value, radix: 16)
                    out += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
                } else {
                    out.unicodeScalars.append(scalar)
                }
            }
        }
        out += "\""
    }

    /// Whether `s` may hold a character that `write(string:into:)` escapes: a quote, a
    /// backslash, a control character, or U+2028/U+2029. Any 0xE2 lead byte (U+2000-U+2FFF)
    /// counts, conservatively: the scalar loop then decides.
    static func needsEscaping(_ s: String) -> Bool {
        s.utf8.withContiguousStorageIfAvailable { bytes in
            bytes.contains { $0 < 0x20 || $0 == 0x22 || $0 == 0x5C || $0 == 0xE2 }
        } ?? true
    }
}
