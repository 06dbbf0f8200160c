import Testing

@testable import SSCompilers

private func expectMinified(_ input: String, _ expected: String, sourceLocation: Testing.SourceLocation = #_sourceLocation) {
    var options = JSMinifyOptions()
    options.frequencyOrderedNames = false
    let result = JavaScript.minify(SourceFile(path: "t.js", text: input), options: options)
    #expect(result.diagnostics.isEmpty, sourceLocation: sourceLocation)
    #expect(result.output == expected, sourceLocation: sourceLocation)
}

private func tokenMinified(_ input: String) -> String {
    JSTokenMinifier.minify(JSTokenStream(file: SourceFile(path: "t.js", text: input)))
}

private func expectTokenMinified(_ input: String, _ expected: String,
                                 sourceLocation: Testing.SourceLocation = #_sourceLocation) {
    #expect(tokenMinified(input) == expected, sourceLocation: sourceLocation)
}

@Suite("JavaScript token minifier")
struct JSTokenMinifierTests {
    @Test func whitespaceAndComments() {
        expectTokenMinified("var  a = 1 ;  // note\n/* block */ var b = 2;", "var a=1;var b=2;")
        expectTokenMinified("  \t\n", "")
        expectTokenMinified("a\u{00A0}=\u{FEFF}b", "a=b")
    }

    @Test func keepsLegalComments() {
        expectTokenMinified("/*! keep me */\nvar a = 1;", "/*! keep me */\nvar a=1;")
        expectTokenMinified("/** @license MIT */ var a;", "/** @license MIT */ var a;")
        expectTokenMinified("a; // @preserve this\nb;", "a; // @preserve this\nb;")
        expectTokenMinified("a;\n// @preserve this\nb;", "a;\n// @preserve this\nb;")
        expectTokenMinified("return /*! x */ a", "return /*! x */ a")
        expectTokenMinified("/* plain */ a", "a")
    }

    @Test func tokensThatWouldMerge() {
        expectTokenMinified("a + +b", "a+ +b")
        expectTokenMinified("a - -b", "a- -b")
        expectTokenMinified("a + ++b", "a+ ++b")
        expectTokenMinified("a++ + b", "a++ +b")
        expectTokenMinified("a - --b", "a- --b")
        expectTokenMinified("a / /re/g", "a/ /re/g")
        expectTokenMinified("x = /a/ * 2", "x=/a/ *2")
        expectTokenMinified("typeof x", "typeof x")
        expectTokenMinified("return 1", "return 1")
        expectTokenMinified("1 .toString()", "1 .toString()")
        expectTokenMinified("1.5 .toFixed()", "1.5 .toFixed()")
        expectTokenMinified("x = 1. in y", "x=1. in y")
        expectTokenMinified("a < !--b", "a< !--b")
        expectTokenMinified("a-- > b", "a-- >b")
        expectTokenMinified("a ? .5 : 1", "a? .5:1")
        expectTokenMinified("a = b ? c : d", "a=b?c:d")
        expectTokenMinified("x = a & &b", "x=a& &b")
        expectTokenMinified("var \\u0061 = 1", "var \\u0061=1")
        expectTokenMinified("static #x = 1", "static #x=1")
    }

    @Test func keepsNewlinesThatAffectASI() {
        expectTokenMinified("return\nx", "return\nx")
        expectTokenMinified("break\nlabel", "break\nlabel")
        expectTokenMinified("continue\nlabel", "continue\nlabel")
        expectTokenMinified("throw\nx", "throw\nx")
        expectTokenMinified("a\n++b", "a\n++b")
        expectTokenMinified("a\n--b", "a\n--b")
        expectTokenMinified("a++\nb", "a++\nb")
        expectTokenMinified("a = b\nc = d", "a=b\nc=d")
        expectTokenMinified("x()\n[1].map(f)", "x()[1].map(f)")
        expectTokenMinified("return\n(1)", "return\n(1)")
        expectTokenMinified("return\n-1", "return\n-1")
        expectTokenMinified("yield\n[x]", "yield\n[x]")
        expectTokenMinified("async\nfunction f() {}", "async\nfunction f(){}")
        expectTokenMinified("a++\n(b)", "a++\n(b)")
        expectTokenMinified("}\nvar x", "}\nvar x")
        expectTokenMinified("let x = 1\n/a/g.test(s)", "let x=1/a/g.test(s)")  // division, as in JS
        expectTokenMinified("{}\n/a/g.test(s)", "{}\n/a/g.test(s)")
        expectTokenMinified("a\n`t`", "a\n`t`")
        expectTokenMinified("a /*\n*/ b", "a\nb")
    }

    @Test func dropsNewlinesThatCannotMatter() {
        expectTokenMinified("a = 1;\nb = 2;\n", "a=1;b=2;")
        expectTokenMinified("foo(\n  a,\n  b\n)", "foo(a,b)")
        expectTokenMinified("a\n.b\n.c()", "a.b.c()")
        expectTokenMinified("x = a\n+ b", "x=a+b")
        expectTokenMinified("x = a ||\nb", "x=a||b")
        expectTokenMinified("var\nx", "var x")
        expectTokenMinified("if (a)\nb()", "if(a)\nb()")  // `)` may end a statement
        expectTokenMinified("a\n? b\n: c", "a?b:c")
        expectTokenMinified("x\n}", "x}")
    }

    @Test func regexVersusDivision() {
        expectTokenMinified("a = b / c / d", "a=b/c/d")
        expectTokenMinified("a = / b /g", "a=/ b /g")
        expectTokenMinified("if (x) / y /.test(z)", "if(x)/ y /.test(z)")
        expectTokenMinified("(a) / 2", "(a)/2")
        expectTokenMinified("a[0] / 2", "a[0]/2")
        expectTokenMinified("return / x /", "return/ x /")
        expectTokenMinified("x = typeof / a /", "x=typeof/ a /")
        expectTokenMinified("{} / a /", "{}/ a /")
        expectTokenMinified("x = {} / 2", "x={}/2")
        expectTokenMinified("x = [/ a /, / b /]", "x=[/ a /,/ b /]")
        expectTokenMinified("x = /[/ ]/", "x=/[/ ]/")
        expectTokenMinified("x = /\\/ /", "x=/\\/ /")
        expectTokenMinified("a++ / 2", "a++/2")
        expectTokenMinified("this / 2", "this/2")
        expectTokenMinified("x = a.return / 2", "x=a.return/2")
    }

    @Test func stringsAndTemplates() {
        expectTokenMinified("x = 'a  b' + \"c // d\"", "x='a  b'+\"c // d\"")
        expectTokenMinified("x = 'line\\\ncontinued'", "x='line\\\ncontinued'")
        expectTokenMinified("x = `a ${ b + `c ${ d } e` } f`", "x=`a ${b+`c ${d} e`} f`")
        expectTokenMinified("x = `${ {a: 1}.a }`", "x=`${{a:1}.a}`")
        expectTokenMinified("x = `  ${a}  ${ b }  `", "x=`  ${a}  ${b}  `")
        expectTokenMinified("tag `x`", "tag`x`")
        expectTokenMinified("x = `${ a } / ${ b }`", "x=`${a} / ${b}`")
        expectTokenMinified("x = `${ a } ` / 2", "x=`${a} `/2")
    }

    @Test func numbersAndIdentifiers() {
        expectTokenMinified("x = 0x1F + 0b101 + 0o17 + 1_000n + 1e-5 + .5", "x=0x1F+0b101+0o17+1_000n+1e-5+.5")
        expectTokenMinified("café = 1; ünï = café", "café=1;ünï=café")
        expectTokenMinified("a?.b ?? c", "a?.b??c")
        expectTokenMinified("x ||= 1; y &&= 2; z ??= 3; w **= 2", "x||=1;y&&=2;z??=3;w**=2")
        expectTokenMinified("a >>>= 1", "a>>>=1")
    }

    @Test func hashbangAndHTMLComments() {
        expectTokenMinified("#!/usr/bin/env node\nvar a = 1", "#!/usr/bin/env node\nvar a=1")
        expectTokenMinified("a = 1 <!-- comment\nb = 2", "a=1\nb=2")
        expectTokenMinified("a = 1\n--> comment\nb = 2", "a=1\nb=2")
    }

    @Test func publicAPIMinifies() {
        expectMinified("function f ( a ) {\n  return a + 1 ;\n}\n", "function f(a){return a+1}")
    }

    @Test func syntaxErrorsLeaveInputUnchanged() {
        let input = "var s = 'open\nvar t = 1;"
        let result = JavaScript.minifyTokens(SourceFile(path: "lib/a.js", text: input))
        #expect(result.output == input)
        #expect(result.hasErrors)
        #expect(result.diagnostics.first?.headline == "lib/a.js:1:9: error[JS0001]: unterminated string literal")
    }
}
