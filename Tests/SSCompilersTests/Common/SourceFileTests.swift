import Testing
@testable import SSCompilers

@Suite struct SourceFileTests {
    @Test func locationOfOffset() {
        let file = SourceFile(path: "a.styl", text: "body\n  colör red\n")
        #expect(file.location(ofOffset: 0) == SourceLocation(line: 1, column: 1, offset: 0))
        #expect(file.location(ofOffset: 7).description == "2:3")
        // "colör" has a two-byte scalar: the column after it counts scalars, not bytes.
        #expect(file.location(ofOffset: 14).description == "2:9")
    }

    @Test func lineText() {
        let file = SourceFile(path: "a", text: "one\r\ntwo\nthree")
        #expect(file.line(1) == "one")
        #expect(file.line(2) == "two")
        #expect(file.line(3) == "three")
        #expect(file.line(4) == "")
    }

    @Test func renderedDiagnostic() {
        let file = SourceFile(path: "app/css/app.styl", text: "a\n  color red\n  }}\nb\n")
        let d = Diagnostic.error(DiagnosticID("STY0001"), "unexpected '}'", in: file,
                                 at: file.location(line: 3, column: 4))
        #expect(d.rendered() == """
            app/css/app.styl:3:4: error[STY0001]: unexpected '}'
              1 | a
              2 |   color red
            > 3 |   }}
                |    ^
              4 | b
              5 |
            """)
    }

    @Test func pathNormalization() {
        #expect(PathUtil.normalize("/a/./b/../c//d") == "/a/c/d")
        #expect(PathUtil.join("app/css", "../views/x.jade") == "app/views/x.jade")
        #expect(PathUtil.dirname("a/b/c.styl") == "a/b")
        #expect(PathUtil.pathExtension("a/b.min.js") == "js")
    }
}
