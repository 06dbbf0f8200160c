import Testing
@testable import SSCompilers

private func pugDiagnostics(_ input: String, files: [String: String] = [:]) -> [Diagnostic] {
    var options = PugOptions()
    options.basedir = "/v"
    return PugCompiler(options: options).compileClient(SourceFile(path: "/v/t.pug", text: input),
                                                       resolver: InMemoryResolver(files: files)).diagnostics
}

/// The first diagnostic's headline (`path:line:col: error[ID]: message`).
private func expectPugError(_ input: String, _ headline: String, files: [String: String] = [:],
                            sourceLocation: Testing.SourceLocation = #_sourceLocation) {
    let diagnostics = pugDiagnostics(input, files: files)
    #expect(diagnostics.first?.headline == headline, sourceLocation: sourceLocation)
}

@Suite struct PugDiagnosticTests {
    @Test func indentation() {
        expectPugError("div\n    p\n  span", "/v/t.pug:3:3: error[VEW0002]: Inconsistent indentation. Expecting either 0 or 4 spaces/tabs.")
        expectPugError("div\n\tp\n        span", "/v/t.pug:3:1: error[VEW0002]: Invalid indentation, you can use tabs or spaces but not both")
    }

    @Test func unclosed() {
        expectPugError("p(a=(1)", "/v/t.pug:1:2: error[VEW0003]: The end of the string reached with no closing bracket ) found.")
        expectPugError("p #{a", "/v/t.pug:1:3: error[VEW0003]: End of line was reached with no closing bracket for interpolation.")
        expectPugError("p #[b x", "/v/t.pug:1:3: error[VEW0003]: End of line was reached with no closing bracket for interpolation.")
        expectPugError("a(href='x)", "/v/t.pug:1:2: error[VEW0003]: The end of the string reached with no closing bracket ) found.")
    }

    @Test func mixinsAndStructure() {
        expectPugError("p\n+nope(1)", "/v/t.pug:2:1: error[VEW0007]: unknown mixin \"nope\"")
        expectPugError("br\n  p x", "/v/t.pug:1:1: error[VEW0012]: br is a self closing element: <br/> but contains nested content.")
        expectPugError("block", "/v/t.pug:1:1: error[VEW0011]: Anonymous blocks are not allowed unless they are part of a mixin.")
        expectPugError("mixin m", "/v/t.pug:1:1: error[VEW0012]: Mixin m declared without body")
        expectPugError("p(a=1 a=2)", "/v/t.pug:1:7: error[VEW0012]: Duplicate attribute \"a\" is not allowed.")
        expectPugError("= x\n  span", "/v/t.pug:2:3: error[VEW0012]: Buffered code cannot have a block attached to it")
        expectPugError("else\n  p", "/v/t.pug:1:1: error[VEW0004]: unexpected token \"else\"")
        expectPugError("if a\n  p\nelse b\n  p", "/v/t.pug:3:1: error[VEW0012]: `else` cannot have a condition, perhaps you meant `else if`")
        expectPugError("if\n  p", "/v/t.pug:1:1: error[VEW0012]: Expected an expression after `if`")
        expectPugError("each in x\n  p", "/v/t.pug:1:1: error[VEW0012]: This `each` has a syntax error. Expected `each value in list` or `each value, key in list`")
        expectPugError("extends l\np x", "/v/t.pug:2:1: error[VEW0011]: Only named blocks and mixins can appear at the top level of an extending template",
                       files: ["/v/l.pug": "block b"])
        expectPugError("extends l\n// visible comment\nblock b", "/v/t.pug:2:1: error[VEW0011]: Only named blocks and mixins can appear at the top level of an extending template",
                       files: ["/v/l.pug": "block b"])
        expectPugError("extends l\nblock nope\n  p", "/v/t.pug:2:1: error[VEW0011]: Unexpected block nope", files: ["/v/l.pug": "block b"])
    }

    @Test func files() {
        expectPugError("include missing", "/v/t.pug:1:1: error[VEW0005]: cannot read included file \"/v/missing.pug\"")
        expectPugError("p\nextends x", "/v/t.pug:2:1: error[VEW0005]: cannot read extended file \"/v/x.pug\"")
        expectPugError("include a", "/v/a.pug:1:1: error[VEW0006]: include/extends cycle: /v/t.pug -> /v/a.pug -> /v/t.pug",
                       files: ["/v/a.pug": "include t", "/v/t.pug": "include a"])
        expectPugError("include /x/y", "/v/t.pug:1:1: error[VEW0005]: cannot read included file \"/v/x/y.pug\"")
        expectPugError("p\n  include b.pug", "/v/b.pug:1:2: error[VEW0001]: unexpected text \"!!\"", files: ["/v/b.pug": "p!!"])
    }

    @Test func filters() {
        expectPugError(":coffee-script\n  x = 1", "/v/t.pug:1:1: error[VEW0008]: filter \":coffee-script\" is not available: it needs the CoffeeScript compiler")
        expectPugError("div\n  :nope\n    x", "/v/t.pug:2:3: error[VEW0008]: unknown filter \":nope\"")
        expectPugError("include:less a.less", "/v/t.pug:1:8: error[VEW0008]: filter \":less\" is not available: it needs Less",
                       files: ["/v/a.less": "a{}"])
    }

    @Test func depthLimit() {
        let deep = (0..<300).map { String(repeating: "  ", count: $0) + "div" }.joined(separator: "\n")
        #expect(pugDiagnostics(deep).first?.id == .pugTooDeep)
        let interpolations = "p " + String(repeating: "#[b ", count: 100) + String(repeating: "]", count: 100)
        #expect(pugDiagnostics(interpolations).first?.id == .pugTooDeep)
    }

    @Test func reportsSeveralErrorsAtOnce() {
        let headlines = pugDiagnostics("include a\n+m1\ninclude b\n:nope\n+m2\ninclude bad", files: ["/v/bad.pug": "p\n  p\n p"])
            .map(\.headline)
        #expect(headlines == [
            "/v/t.pug:1:1: error[VEW0005]: cannot read included file \"/v/a.pug\"",
            "/v/t.pug:3:1: error[VEW0005]: cannot read included file \"/v/b.pug\"",
            "/v/bad.pug:3:2: error[VEW0002]: Inconsistent indentation. Expecting either 0 or 2 spaces/tabs.",
            "/v/t.pug:4:1: error[VEW0008]: unknown filter \":nope\"",
            "/v/t.pug:2:1: error[VEW0007]: unknown mixin \"m1\"",
            "/v/t.pug:5:1: error[VEW0007]: unknown mixin \"m2\"",
        ])
    }

    @Test func renderedDiagnosticHasCodeFrame() {
        let rendered = pugDiagnostics("ul\n  li\n  +missing").first?.rendered() ?? ""
        #expect(rendered == """
            /v/t.pug:3:3: error[VEW0007]: unknown mixin "missing"
              1 | ul
              2 |   li
            > 3 |   +missing
                |   ^
            """)
    }
}
