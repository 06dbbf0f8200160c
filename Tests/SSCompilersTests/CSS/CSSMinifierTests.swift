import Testing

@testable import SSCompilers

private func expectCSSMinified(_ input: String, _ expected: String,
                               sourceLocation: Testing.SourceLocation = #_sourceLocation) {
    let result = CSSMinifier.minify(SourceFile(path: "t.css", text: input))
    #expect(result.diagnostics.isEmpty, sourceLocation: sourceLocation)
    #expect(result.output == expected, sourceLocation: sourceLocation)
}

@Suite("CSS minifier")
struct CSSMinifierTests {
    @Test func whitespaceAndComments() {
        expectCSSMinified("a  {  color : red ;  }", "a{color:red}")
        expectCSSMinified("/* x */ a { b: c } /* y */", "a{b:c}")
        expectCSSMinified("/*! keep */\na{b:c}", "/*! keep */a{b:c}")
        expectCSSMinified("a{b:c;;d:e;}", "a{b:c;d:e}")
        expectCSSMinified("\n\t", "")
    }

    @Test func selectors() {
        expectCSSMinified("a , b > c + d ~ e { x: y }", "a,b>c+d~e{x:y}")
        expectCSSMinified("a :hover { x: y }", "a :hover{x:y}")
        expectCSSMinified("a:hover::before { x: y }", "a:hover::before{x:y}")
        expectCSSMinified("a   b { x: y }", "a b{x:y}")
        expectCSSMinified(":is( a , b ) :nth-child( 2n + 1 ) { x: y }", ":is(a,b) :nth-child(2n+1){x:y}")
        expectCSSMinified("[ type = \"a b\" ] { x: y }", "[type = \"a b\"]{x:y}")
        expectCSSMinified("#AABBCC { x: y }", "#AABBCC{x:y}")
    }

    @Test func numbers() {
        expectCSSMinified("a{margin:0.50em -0.5px 10.0% 007px}", "a{margin:.5em -.5px 10% 7px}")
        expectCSSMinified("a{opacity:0.0}", "a{opacity:0}")
        expectCSSMinified("a{width:1e3px}", "a{width:1e3px}")
        expectCSSMinified("a{line-height:1.50}", "a{line-height:1.5}")
        expectCSSMinified("a{unicode-range:U+0025-00FF}", "a{unicode-range:U+0025-00FF}")
    }

    @Test func zeroLengths() {
        expectCSSMinified("a{margin:0px 0em 0.0rem}", "a{margin:0 0 0}")
        expectCSSMinified("a{transition:opacity 0s}", "a{transition:opacity 0s}")
        expectCSSMinified("a{flex:1 1 0px}", "a{flex:1 1 0px}")
        expectCSSMinified("a{width:calc(0px + 1em)}", "a{width:calc(0px + 1em)}")
        expectCSSMinified("a{transform:rotate(0deg)}", "a{transform:rotate(0deg)}")
        expectCSSMinified("@keyframes k{0%{top:0px}100%{top:10px}}", "@keyframes k{0%{top:0}100%{top:10px}}")
    }

    @Test func colours() {
        expectCSSMinified("a{color:#FFFFFF}", "a{color:#fff}")
        expectCSSMinified("a{color:#aabbccdd}", "a{color:#abcd}")
        expectCSSMinified("a{color:#abcdef}", "a{color:#abcdef}")
        expectCSSMinified("a{color:#FF0000}", "a{color:red}")
        expectCSSMinified("a{fill:url(#grad)}", "a{fill:url(#grad)}")
        expectCSSMinified("a{--brand:#FFFFFF}", "a{--brand:#FFFFFF}")
    }

    @Test func transparentAndNoneShorthands() {
        expectCSSMinified("a{color:rgba(0, 0, 0, 0)}", "a{color:transparent}")
        expectCSSMinified("a{box-shadow:0 0 1px RGBA(0,0,0,0.0),inset 0 0 hsla(0,0,0,0)}",
                          "a{box-shadow:0 0 1px transparent,inset 0 0 transparent}")
        expectCSSMinified("a{outline:none}", "a{outline:0}")
        expectCSSMinified("a{background:none}", "a{background:0 0}")
        expectCSSMinified("a{background:TRANSPARENT}", "a{background:0 0}")
        // Not: another colour, a custom property, other properties, or more than the one keyword.
        expectCSSMinified("a{color:rgba(0,0,0,.5)}", "a{color:rgba(0,0,0,.5)}")
        expectCSSMinified("a{--c:rgba(0,0,0,0)}", "a{--c:rgba(0,0,0,0)}")
        expectCSSMinified("a{border:none;outline-style:none;background-image:none}",
                          "a{border:none;outline-style:none;background-image:none}")
        expectCSSMinified("a{outline:none!important;background:none red}", "a{outline:none!important;background:none red}")
    }

    @Test func values() {
        expectCSSMinified("a{font:12px / 1.5 \"Helvetica Neue\" , sans-serif}", "a{font:12px/1.5 \"Helvetica Neue\",sans-serif}")
        expectCSSMinified("a{width:calc( 100% - 10px )}", "a{width:calc(100% - 10px)}")
        expectCSSMinified("a{z-index:1 ! important}", "a{z-index:1!important}")
        expectCSSMinified("a{background:url( x.png ) no-repeat}", "a{background:url( x.png ) no-repeat}")
        expectCSSMinified("a{font-weight:bold}", "a{font-weight:700}")
        expectCSSMinified("a{font-weight:normal}", "a{font-weight:400}")
        expectCSSMinified("a{font:bold 12px x}", "a{font:bold 12px x}")
        expectCSSMinified("a{content:\"  a  \"}", "a{content:\"  a  \"}")
        expectCSSMinified("a{--x:  1px   2px  }", "a{--x:1px 2px}")
    }

    @Test func atRules() {
        expectCSSMinified("@import url(a.css) screen , print;", "@import url(a.css) screen,print;")
        expectCSSMinified("@media screen and (max-width : 100px) { a { b: c } }", "@media screen and (max-width:100px){a{b:c}}")
        expectCSSMinified("@media (a) and (b) { a { b: c } }", "@media (a) and (b){a{b:c}}")
        expectCSSMinified("@font-face { font-family: X; src: url(x.woff) }", "@font-face{font-family:X;src:url(x.woff)}")
        expectCSSMinified("@page :first { margin: 1in }", "@page :first{margin:1in}")
        expectCSSMinified("@layer base { }", "@layer base{}")
    }

    @Test func emptyRulesAndMerging() {
        expectCSSMinified("a{}b{c:d}", "b{c:d}")
        expectCSSMinified("a{b:c}a{d:e}", "a{b:c;d:e}")
        expectCSSMinified("a{b:c}x{y:z}a{d:e}", "a{b:c}x{y:z}a{d:e}")
        expectCSSMinified("@media print{a{b:c}}a{d:e}", "@media print{a{b:c}}a{d:e}")
        expectCSSMinified("a{b:c}@media print{a{d:e}}", "a{b:c}@media print{a{d:e}}")
    }

    @Test func nesting() {
        expectCSSMinified(".n { & .m { color: red } color: blue }", ".n{& .m{color:red}color:blue}")
        expectCSSMinified(".n { &:hover { color: red } }", ".n{&:hover{color:red}}")
    }

    @Test func errorsLeaveInputUnchanged() {
        let input = "a { color: \"red }\n"
        let result = CSSMinifier.minify(SourceFile(path: "a.css", text: input))
        #expect(result.output == input)
        #expect(result.diagnostics.map(\.headline) == [
            "a.css:1:12: error[CSS0001]: unterminated string",
            "a.css:1:3: error[CSS0003]: '{' is never closed",
        ])
        #expect(CSSMinifier.minify(SourceFile(path: "b.css", text: "a{}}")).diagnostics.map(\.headline) == [
            "b.css:1:4: error[CSS0003]: unexpected '}' without a matching '{'",
        ])
    }

    @Test func fuzzNeverCrashes() {
        var rng = JSFuzzRandom(state: 99)
        let pieces = ["a", " ", "{", "}", ";", ":", "(", ")", "/*", "*/", "\"", "'", "#ff0000", "0.50px", "@media",
                      "url(", ",", "\\", "\n", "--x", "!", "important", "-", "+", "1e", "%", "é", "[", "]"]
        for _ in 0..<2000 {
            var text = ""
            for _ in 0..<Int.random(in: 0...30, using: &rng) { text += pieces.randomElement(using: &rng) ?? "" }
            let result = CSSMinifier.minify(SourceFile(path: "f.css", text: text))
            #expect(result.output.utf8.count <= text.utf8.count + 2)
        }
    }
}
