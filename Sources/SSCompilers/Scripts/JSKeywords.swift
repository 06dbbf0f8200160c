/// Classification of JavaScript words for the lexer and the token-level minifier.
enum JSKeywords {
    static func flags(_ bytes: [UInt8], _ start: Int, _ end: Int) -> JSWordFlags {
        let length = end - start
        guard length >= 2, length <= 10 else { return [] }
        let first = bytes[start]
        guard first >= UInt8(ascii: "a"), first <= UInt8(ascii: "z") else { return [] }
        if length == 10 { return bytes[start..<end].elementsEqual("instanceof".utf8) ? flags("instanceof") : [] }
        if length == 9 { return [] }
        var key: UInt64 = 0
        for i in start..<end { key = key << 8 | UInt64(bytes[i]) }
        return table[key] ?? []
    }

    /// Keywords of up to 8 bytes, packed big-endian into an integer, so that classifying an
    /// identifier needs no string.
    private static let table: [UInt64: JSWordFlags] = {
        let words = [
            "return", "throw", "yield", "await", "break", "continue", "async", "typeof", "in", "new", "delete",
            "void", "case", "do", "else", "extends", "var", "const", "if", "for", "while", "with", "switch", "try",
            "catch", "finally", "function", "class", "export", "import", "default", "this", "super", "null",
            "true", "false", "debugger", "enum",
        ]
        var table: [UInt64: JSWordFlags] = [:]
        for word in words {
            var key: UInt64 = 0
            for b in word.utf8 { key = key << 8 | UInt64(b) }
            table[key] = flags(word)
        }
        return table
    }()

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
