import Testing

@testable import SSCompilers

/// The printer writes common string literals itself; it must spell them exactly as
/// `JSStrings.shortest` does.
@Suite struct JSStringsTests {
    /// What the printer writes for a string literal.
    private func printed(_ raw: String, allowTemplate: Bool) -> String {
        var printer = JSPrinter(options: JSPrinter.Options(minify: true, shortenLiterals: true))
        printer.printString(raw, allowTemplate: allowTemplate)
        return String(decoding: printer.out, as: UTF8.self)
    }

    /// A random literal over the characters the printer handles itself, and a few it leaves
    /// to `shortest` (`\r`, `\x41`, `é`, a line continuation).
    private func randomLiteral(_ generator: inout some RandomNumberGenerator) -> String {
        let quote: Character = Bool.random(using: &generator) ? "'" : "\""
        let pieces = ["a", "b", " ", "$", "{", "}", "`", "\t", "\\n", "\\t", "\\\\", "\\'", "\\\"", "'", "\"",
                      "\\r", "\\x41", "é", "\\\n"]
        var body = ""
        for _ in 0..<Int.random(in: 0...12, using: &generator) {
            var piece = pieces.randomElement(using: &generator)!
            if piece == String(quote) { piece = "\\" + piece }
            body += piece
        }
        return String(quote) + body + String(quote)
    }

    @Test func printsAsShortestDoes() {
        var generator = SystemRandomNumberGenerator()
        for _ in 0..<20_000 {
            let raw = randomLiteral(&generator)
            for allowTemplate in [true, false] {
                #expect(printed(raw, allowTemplate: allowTemplate) == JSStrings.shortest(raw, allowTemplate: allowTemplate),
                        "\(raw)")
            }
        }
    }

    @Test func picksTheShortestQuote() {
        #expect(printed("'a\\nb'", allowTemplate: true) == "`a\nb`")
        #expect(printed("'a\\nb'", allowTemplate: false) == "\"a\\nb\"")
        #expect(printed("'say \"hi\"'", allowTemplate: false) == "'say \"hi\"'")
        #expect(printed("\"it\\'s\"", allowTemplate: true) == "\"it's\"")
        #expect(printed("'${a}\\n\\n\\n'", allowTemplate: true) == "`\\${a}\n\n\n`")
    }
}
