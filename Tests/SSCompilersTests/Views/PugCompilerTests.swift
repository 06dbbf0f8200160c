import Testing
@testable import SSCompilers

private func compilePug(_ input: String, pretty: Bool = false, debug: Bool = true, files: [String: String] = [:]) -> CompileResult {
    var options = PugOptions()
    options.pretty = pretty
    options.compileDebug = debug
    return PugCompiler(options: options).compileClient(SourceFile(path: "t.pug", text: input), resolver: InMemoryResolver(files: files))
}

@Suite struct PugCompilerTests {
    @Test func emitsAFunctionExpression() {
        let result = compilePug("p Hello")
        #expect(result.diagnostics.isEmpty)
        #expect(result.output.hasPrefix("function template(locals) {"))
        #expect(result.output.hasSuffix("return pug_html;}"))
        #expect(result.output.contains(#"pug_html = pug_html + "<p>Hello<\/p>";"#))
    }

    @Test func staticHTMLIsMergedIntoOneStatement() {
        let result = compilePug("div\n  p a\n  p b", debug: false)
        #expect(result.output.contains(#"pug_html = pug_html + "<div><p>a<\/p><p>b<\/p><\/div>";"#))
        #expect(!result.output.contains("pug_debug_line"))
    }

    @Test func debugLinesPrecedeCode() {
        let result = compilePug("p\n  = x")
        #expect(result.output.contains("pug_debug_line = 2;"))
        #expect(result.output.contains("pug_rethrow(err, pug_debug_files, pug_debug_line)"))
    }

    @Test func constantAttributesAreFolded() {
        let result = compilePug("a.b(href='/x?a&b' title=\"t\")", debug: false)
        #expect(result.output.contains(#"<a class=\"b\" href=\"/x?a&amp;b\" title=\"t\"><\/a>"#))
    }

    @Test func topLevelDeclarationsAreExcludedFromLocals() {
        let result = compilePug("- var a = 1, b = [1, 2], c\n- function f() {}\n- let d = 1\neach x in b\n  - var inner = 1")
        #expect(result.output.contains(#"pug_with(locals, ["a","b","c","f","d"])"#))
    }

    @Test func recordsDependencies() {
        let result = compilePug("include a\ninclude b.txt", files: ["a.pug": "p", "b.txt": "x"])
        #expect(result.dependencies == ["a.pug", "b.txt"])
    }

    @Test func jadeExtensionIncludes() {
        let result = compilePug("include a.jade", debug: false, files: ["a.jade": "p from jade"])
        #expect(result.output.contains(#"<p>from jade<\/p>"#))
    }

    @Test func prettyUsesIndentStack() {
        let result = compilePug("mixin m\n  p\n+m", pretty: true, debug: false)
        #expect(result.output.contains("var pug_indent = [];"))
        #expect(result.output.contains("pug_indent.join(\"\")"))
    }

    @Test func lexerTokens() throws {
        var lexer = PugLexer(bytes: Array("a(href='x') #{y}\n  | t".utf8), path: "t.pug")
        let kinds = try lexer.tokenize().map(\.kind.rawValue)
        #expect(kinds == ["tag", "start-attributes", "attribute", "end-attributes", "interpolated-code", "indent", "text",
                          "outdent", "eos"])
    }

    @Test func pipelessTextKeepsRelativeIndentation() throws {
        var lexer = PugLexer(bytes: Array("p.\n  a\n    b\nq".utf8), path: "t.pug")
        let texts = try lexer.tokenize().filter { $0.kind == .text }.map(\.val)
        #expect(texts == ["a", "  b"])
    }

    @Test func scannerFindsExpressionEnds() {
        let bytes = Array("a + '}' + {b: 1} + `${'}'}` + /}/.source} tail".utf8)
        #expect(PugJSScanner.indexOf(UInt8(ascii: "}"), in: bytes, from: 0, to: bytes.count) == 40)
        #expect(!PugJSScanner.looksComplete("a ? b"))
        #expect(PugJSScanner.looksComplete("a ? b : c"))
        #expect(!PugJSScanner.looksComplete("'/user/' +"))
        #expect(!PugJSScanner.looksComplete("typeof"))
        #expect(PugJSScanner.looksComplete("x++"))
    }
}
