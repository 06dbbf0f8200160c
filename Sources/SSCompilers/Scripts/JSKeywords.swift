/// Classification of JavaScript words for the lexer and the token-level minifier.
enum JSKeywords {
    static func flags(_ bytes: [UInt8], _ start: Int, _ end: Int) -> JSWordFlags {
        let length = end - start
        guard length >= 2, length <= 10 else { return [] }
        let first = bytes[start]
        guard first >= UInt8(ascii: "a"), first <= UInt8(ascii: "z") else { return [] }
        let word = String(decoding: bytes[start..<end], as: UTF8.self)
        return flags(word)
    }

    static func flags(_ word: String) -> JSWordFlags {
        switch word {
        case "return", "throw": return [.beforeExpression, .restricted, .reserved]
        case "yield", "await": return [.beforeExpression, .restricted]
        case "break", "continue": return [.restricted, .reserved]
        case "async": return [.restricted]
        case "typeof", "instanceof", "in", "new", "delete", "void", "case", "do", "else", "extends":
            return [.beforeExpression, .cannotEnd, .reserved]
        case "var", "const", "if", "for", "while", "with", "switch", "try", "catch", "finally", "function",
            "class", "export", "import", "default":
            return [.cannotEnd, .reserved]
        case "this", "super", "null", "true", "false", "debugger", "enum":
            return [.reserved]
        default: return []
        }
    }
}
