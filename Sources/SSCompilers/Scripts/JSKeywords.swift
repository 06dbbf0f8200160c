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
        return flags(packed: key)
    }

    /// Keywords of up to 8 bytes, packed big-endian into an integer, so that classifying an
    /// identifier needs no string; a switch over constants (a few comparisons) rather than
    /// a dictionary, whose hashing cost more than the rest of the lexer's work on a word.
    /// `JSKeywordsTests` checks each constant against `flags(_: String)`.
    static func flags(packed key: UInt64) -> JSWordFlags {
        switch key {
        // return throw
        case 0x72657475726E, 0x7468726F77:
            return [.beforeExpression, .restricted, .reserved]
        // yield await
        case 0x7969656C64, 0x6177616974:
            return [.beforeExpression, .restricted]
        // break continue
        case 0x627265616B, 0x636F6E74696E7565:
            return [.restricted, .reserved]
        // async
        case 0x6173796E63:
            return [.restricted]
        // typeof in new delete void case do else extends
        case 0x747970656F66, 0x696E, 0x6E6577, 0x64656C657465, 0x766F6964, 0x63617365, 0x646F, 0x656C7365,
            0x657874656E6473:
            return [.beforeExpression, .cannotEnd, .reserved]
        // var const if for while with switch try catch finally function class export import default
        case 0x766172, 0x636F6E7374, 0x6966, 0x666F72, 0x7768696C65, 0x77697468, 0x737769746368, 0x747279,
            0x6361746368, 0x66696E616C6C79, 0x66756E6374696F6E, 0x636C617373, 0x6578706F7274, 0x696D706F7274,
            0x64656661756C74:
            return [.cannotEnd, .reserved]
        // this super null true false debugger enum
        case 0x74686973, 0x7375706572, 0x6E756C6C, 0x74727565, 0x66616C7365, 0x6465627567676572, 0x656E756D:
            return [.reserved]
        default:
            return []
        }
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
