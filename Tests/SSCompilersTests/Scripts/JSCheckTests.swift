import Testing

@testable import SSCompilers

private func jsCheckHeadlines(_ source: String) -> [String] {
    JavaScript.check(SourceFile(path: "app/client/a.js", text: source)).map(\.headline)
}

@Suite("JavaScript syntax check")
struct JSCheckTests {
    @Test func validCodeHasNoDiagnostics() {
        #expect(jsCheckHeadlines("var a = [1, {b: `x${y}`}];\nif (a) { /re/.test(a) }").isEmpty)
    }

    @Test func unterminatedLiterals() {
        #expect(jsCheckHeadlines("x = \"abc") == ["app/client/a.js:1:5: error[JS0001]: unterminated string literal"])
        #expect(jsCheckHeadlines("x = 1 /* never") == ["app/client/a.js:1:7: error[JS0002]: unterminated comment"])
        #expect(jsCheckHeadlines("x = `abc ${ y }") == ["app/client/a.js:1:15: error[JS0003]: unterminated template literal"])
        #expect(jsCheckHeadlines("x = /abc\n") == ["app/client/a.js:1:5: error[JS0004]: unterminated regular expression"])
    }

    @Test func unbalancedBrackets() {
        #expect(jsCheckHeadlines("f(a, b;\n") == ["app/client/a.js:1:2: error[JS0006]: '(' is never closed"])
        #expect(jsCheckHeadlines("a = b)") == ["app/client/a.js:1:6: error[JS0006]: unexpected ')' without a matching opener"])
        #expect(jsCheckHeadlines("function f() {\n  g(1]\n}") == [
            "app/client/a.js:2:4: error[JS0006]: '(' is never closed",
            "app/client/a.js:2:6: error[JS0006]: unexpected ']' without a matching opener",
        ])
    }

    @Test func badCharactersAndNumbers() {
        #expect(jsCheckHeadlines("a = 1 \u{0001} 2") == ["app/client/a.js:1:7: error[JS0005]: unexpected character"])
        #expect(jsCheckHeadlines("a = 3in") == ["app/client/a.js:1:6: error[JS0007]: an identifier cannot start directly after a number"])
        #expect(jsCheckHeadlines("a = 0x") == ["app/client/a.js:1:5: error[JS0007]: missing digits after '0x'"])
    }

    @Test func reportsSeveralErrors() {
        let headlines = jsCheckHeadlines("a = 'x\nb = \"y\nc = )")
        #expect(headlines.count == 3)
    }

    @Test func renderedDiagnosticHasCodeFrame() {
        let diagnostics = JavaScript.check(SourceFile(path: "a.js", text: "ok()\nx = 'bad\n"))
        #expect(diagnostics.first?.rendered() == """
            a.js:2:5: error[JS0001]: unterminated string literal
              1 | ok()
            > 2 | x = 'bad
                |     ^
              3 |
            """)
    }
}
