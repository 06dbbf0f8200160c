import Testing

@testable import SSCompilers

/// The lexer classifies words by packed constants; they must match the readable table.
@Suite struct JSKeywordsTests {
    static let words = [
        "return", "throw", "yield", "await", "break", "continue", "async", "typeof", "instanceof", "in", "new",
        "delete", "void", "case", "do", "else", "extends", "var", "const", "if", "for", "while", "with", "switch",
        "try", "catch", "finally", "function", "class", "export", "import", "default", "this", "super", "null",
        "true", "false", "debugger", "enum",
    ]

    @Test func packedConstantsMatchTheWordTable() {
        for word in JSKeywordsTests.words {
            let bytes = Array(word.utf8)
            #expect(!JSKeywords.flags(word).isEmpty, "\(word)")
            #expect(JSKeywords.flags(bytes, 0, bytes.count) == JSKeywords.flags(word), "\(word)")
        }
    }

    @Test func otherWordsHaveNoFlags() {
        for word in ["a", "ab", "let", "of", "get", "static", "returns", "Return", "functio", "implements", "x1"] {
            let bytes = Array(word.utf8)
            #expect(JSKeywords.flags(bytes, 0, bytes.count).isEmpty, "\(word)")
        }
    }
}
