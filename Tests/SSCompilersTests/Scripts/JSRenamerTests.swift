import Testing

@testable import SSCompilers

/// Parse, rename and print, without other shortenings.
private func expectMangled(_ input: String, _ expected: String,
                   sourceLocation: Testing.SourceLocation = #_sourceLocation) {
    jsExpectOutput(input, expected, mangle: true, compress: false, sourceLocation: sourceLocation)
}

@Suite("JavaScript renamer")
struct JSRenamerTests {
    @Test func renamesLocalsNotGlobals() {
        expectMangled("var top = 1; function f(param) { var local = param + top; return local }",
                      "var top=1;function f(a){var b=a+top;return b}")
        expectMangled("function f() { return window.document + someGlobal }", "function f(){return window.document+someGlobal}")
        expectMangled("(function () { var longName = 1; return longName })()", "(function(){var a=1;return a})()")
    }

    @Test func mostUsedGetsShortestName() {
        expectMangled("(function () { var rare = 1, often = 2; often(often, often); return rare })()",
                      "(function(){var b=1,a=2;a(a,a);return b})()")
    }

    @Test func avoidsGlobalNames() {
        expectMangled("(function () { var x = 1; return a + b + x })()", "(function(){var c=1;return a+b+c})()")
    }

    @Test func siblingScopesReuseNames() {
        expectMangled("(function () { function f(x) { return x } function g(y) { return y } })()",
                      "(function(){function b(a){return a}function c(a){return a}})()")
    }

    @Test func shadowingStaysCorrect() {
        expectMangled("(function (x) { return function (y) { return x + y } })()",
                      "(function(a){return function(b){return a+b}})()")
        expectMangled("(function () { let x = 1; { let x = 2; f(x) } return x })()",
                      "(function(){let a=1;{let b=2;f(b)}return a})()")
    }

    @Test func directEvalPinsItsScopes() {
        expectMangled("(function () { var secret = 1; eval('secret'); function inner(p) { return p } })()",
                      "(function(){var secret=1;eval('secret');function inner(a){return a}})()")
        expectMangled("(function () { var e = eval; var keep = 1; e('keep') })()",
                      "(function(){var a=eval;var b=1;a('keep')})()")
    }

    @Test func withPinsNames() {
        expectMangled("(function (obj) { var v = 1; with (obj) { v } })()", "(function(obj){var v=1;with(obj){v}})()")
    }

    @Test func blockFunctionsKeepTheirNames() {
        expectMangled("(function () { if (a) { function helper() {} } helper() })()",
                      "(function(){if(a){function helper(){}}helper()})()")
    }

    @Test func shorthandPropertiesExpand() {
        expectMangled("(function (value) { return {value} })()", "(function(a){return{value:a}})()")
        expectMangled("(function () { var {value = 1} = o; return value })()",
                      "(function(){var{value:a=1}=o;return a})()")
        expectMangled("(function () { var {value: v} = o; return v })()", "(function(){var{value:a}=o;return a})()")
    }

    @Test func otherBindings() {
        expectMangled("(function () { try { f() } catch (error) { g(error) } })()",
                      "(function(){try{f()}catch(a){g(a)}})()")
        expectMangled("(function () { class Klass { m() { return Klass } } return Klass })()",
                      "(function(){class a{m(){return a}}return a})()")
        expectMangled("(function () { x = function named() { return named } })()",
                      "(function(){x=function a(){return a}})()")
        expectMangled("(function () { label: for (var item of list) { break label } })()",
                      "(function(){a:for(var a of list){break a}})()")
        expectMangled("(function () { return arguments.length })()", "(function(){return arguments.length})()")
        expectMangled("(function () { const f = (p, ...rest) => p + rest.length; return f })()",
                      "(function(){const a=(b,...c)=>b+c.length;return a})()")
    }

    @Test func labelsByNestingDepth() {
        // Labels are a namespace of their own: depth 0 is `a` even where a variable is `a`.
        expectMangled("outer: for (;;) { inner: for (;;) { if (x) continue outer; break inner } }",
                      "a:for(;;){b:for(;;){if(x)continue a;break b}}")
        expectMangled("first: for (;;) break first; second: for (;;) break second",
                      "a:for(;;)break a;a:for(;;)break a")
        expectMangled("(function () { var v = 1; seek: { if (v) break seek; v++ } return v })()",
                      "(function(){var a=1;a:{if(a)break a;a++}return a})()")
        // A function inside a labelled statement: its labels nest deeper, never reuse an outer one.
        expectMangled("outer: { f = function () { inner: for (;;) break inner }; break outer }",
                      "a:{f=function(){b:for(;;)break b};break a}")
        // Deeper labels take the next names, never a keyword.
        let alphabet = JSNameAlphabet(first: ["d", "i", "x"], other: ["o", "f", "x"])
        #expect((0..<7).map(alphabet.labelName) == ["d", "i", "x", "io", "xo", "df", "xf"])
    }

    @Test func modulesKeepTopLevelNames() {
        expectMangled("import {thing} from 'm'; export function api(arg) { return thing(arg) }",
                      "import{thing}from'm';export function api(a){return thing(a)}")
    }
}
