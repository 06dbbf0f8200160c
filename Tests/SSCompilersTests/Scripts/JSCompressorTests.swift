import Testing

@testable import SSCompilers

/// Parse, compress and print, without renaming.
private func expectCompressed(_ input: String, _ expected: String,
                   sourceLocation: Testing.SourceLocation = #_sourceLocation) {
    jsExpectOutput(input, expected, mangle: false, compress: true, sourceLocation: sourceLocation)
}

@Suite("JavaScript compressor")
struct JSCompressorTests {
    @Test func literals() {
        expectCompressed("x = true; y = false", "x=!0,y=!1")
        expectCompressed("x = true.toString()", "x=(!0).toString()")
        expectCompressed("x = undefined", "x=void 0")
        expectCompressed("function f(undefined) { return undefined }", "function f(undefined){return undefined}")
        expectCompressed("x = Infinity; y = -Infinity", "x=1/0,y=-1/0")
        expectCompressed("x = 1000; y = 0.5; z = 1.50; w = 0x10; v = 1e-7", "x=1e3,y=.5,z=1.5,w=16,v=1e-7")
        expectCompressed("x = 017; y = 019", "x=15,y=19")
        expectCompressed("x = 123456789012345678901234567890", "x=12345678901234568e13")  // same double
        expectCompressed("x = 'it\\'s'; y = \"say \\\"hi\\\"\"", "x=\"it's\",y='say \"hi\"'")
        expectCompressed("x = 'a\\nb\\nc\\nd'", "x=`a\nb\nc\nd`")
        expectCompressed("x = 'a\\tb'", "x=\"a\tb\"")
        expectCompressed("x = 'a${b}\\n\\n\\n'", "x=`a\\${b}\n\n\n`")
        expectCompressed("x = '\\u0041\\x42'", "x=\"AB\"")
        expectCompressed("x = '\\0'", "x=\"\\0\"")
        expectCompressed("x = '\\01'", "x=\"\\01\"")  // legacy octal escape kept
        expectCompressed("x = a['b'] + a['b-c'] + a['1']", "x=a.b+a[\"b-c\"]+a[\"1\"]")
        expectCompressed("x = {'a': 1, 'b-c': 2}", "x={a:1,\"b-c\":2}")
    }

    @Test func folding() {
        expectCompressed("x = 1 + 2 * 3", "x=7")
        expectCompressed("x = 1 - 5", "x=-4")
        expectCompressed("x = 1 / 3", "x=1/3")
        expectCompressed("x = 4294967295 | 0", "x=-1")
        expectCompressed("x = 1 << 4", "x=16")
        expectCompressed("x = 'a' + 'b'", "x=\"ab\"")
        expectCompressed("x = y + 'a' + 'b'", "x=y+\"ab\"")
        expectCompressed("x = 'a' + y + 'b'", "x=\"a\"+y+\"b\"")
    }

    @Test func comparisons() {
        expectCompressed("x = typeof y === 'string'", "x=typeof y==\"string\"")
        expectCompressed("x = typeof y !== 'undefined'", "x=typeof y<\"u\"")
        expectCompressed("x = typeof y == 'undefined'", "x=typeof y>\"u\"")
        expectCompressed("x = a === b", "x=a===b")
        expectCompressed("x = !(a === b)", "x=a!==b")
        expectCompressed("x = !(a < b)", "x=!(a<b)")
        expectCompressed("x = (a < b) == false", "x=!(a<b)")
        expectCompressed("function f(a) { return a === void 0 || a === null }", "function f(a){return a==null}")
        expectCompressed("function f(a) { return a !== null && a !== void 0 }", "function f(a){return a!=null}")
    }

    @Test func conditionals() {
        expectCompressed("x = true ? a : b", "x=a")
        expectCompressed("x = 0 ? a : b", "x=b")
        expectCompressed("x = !a ? b : c", "x=a?c:b")
        expectCompressed("x = a < b ? true : false", "x=a<b")
        expectCompressed("x = a ? true : false", "x=!!a")
        expectCompressed("x = a < b ? false : true", "x=a>=b" == "" ? "" : "x=!(a<b)")
        expectCompressed("function f(a, b) { return a ? a : b }", "function f(a,b){return a||b}")
        expectCompressed("function f(a, b) { return a ? b : a }", "function f(a,b){return a&&b}")
        expectCompressed("x = g ? g : b", "x=g?g:b")
        expectCompressed("function f(a) { return a == null ? void 0 : a.b }", "function f(a){return a?.b}")
        expectCompressed("function f(a, k) { return a != null ? a[k] : void 0 }", "function f(a,k){return a?.[k]}")
        expectCompressed("function f(a, b) { return a != null ? a : b }", "function f(a,b){return a??b}")
        expectCompressed("function f(a, b, c, y) { return a ? y : b ? y : c }", "function f(a,b,c,y){return a||b?y:c}")
        expectCompressed("x = a ? y : b ? y : c", "x=a?y:b?y:c")  // `y` may be a getter
        expectCompressed("x = (a(), b) ? c : d", "x=(a(),b?c:d)")
    }

    @Test func ifStatements() {
        expectCompressed("if (a) { b() }", "a&&b()")
        expectCompressed("if (!a) { b() }", "a||b()")
        expectCompressed("if (a) b(); else c()", "a?b():c()")
        expectCompressed("if (a) {} else { b() }", "a||b()")
        expectCompressed("if (a) {}", "a")
        expectCompressed("if (a) if (b) c()", "a&&b&&c()")
        expectCompressed("if (a) { b(); c() }", "a&&(b(),c())")
        expectCompressed("if (a) { let x = 1; f(x) }", "if(a){let x=1;f(x)}")
        expectCompressed("if (true) a(); else b()", "a()")
        expectCompressed("if (false) { a() }", "")
        expectCompressed("if (false) { var v = 1 }", "if(!1)var v=1")
        expectCompressed("if (1) { function g() {} }", "{function g(){}}")
        expectCompressed("if (a) { for (;;) if (b) c() } else d()", "if(a)for(;;)b&&c();else d()")
        expectCompressed("if (a) { for (;;) if (b) throw c } else d()", "if(a){for(;;)if(b)throw c}else d()")
        expectCompressed("if (!a) b(); else { c(); d() }", "a?(c(),d()):b()")
    }

    @Test func returns() {
        expectCompressed("function f() { if (a) return b; return c }", "function f(){return a?b:c}")
        expectCompressed("function f() { if (a) return b; if (c) return d; return e }", "function f(){return a?b:c?d:e}")
        expectCompressed("function f() { if (a) return b; else c() }", "function f(){if(a)return b;c()}")
        expectCompressed("function f() { a(); return b }", "function f(){return a(),b}")
        expectCompressed("function f() { a(); return }", "function f(){a()}")
        expectCompressed("function f() { return undefined }", "function f(){}")
        expectCompressed("function f() { return void 0 }", "function f(){}")
        expectCompressed("function f() { if (a) return; b(); c() }", "function f(){a||(b(),c())}")
        expectCompressed("function f() { if (a) return; let x = 1; g(x) }", "function f(){if(a)return;let x=1;g(x)}")
        expectCompressed("function f() { return 1; x(); var y = 2; function z() {} }",
                         "function f(){return 1;var y=2;function z(){}}")
        expectCompressed("function f() { if (a) return null; if (b) return null; c() }",
                         "function f(){if(a||b)return null;c()}")
        expectCompressed("function f() { throw a(), b }", "function f(){throw a(),b}")
        expectCompressed("function f() { return g(); let x = 1; function g() { return typeof x } }",
                         "function f(){return g();let x=1;function g(){return typeof x}}")
    }

    @Test func conditionalReturnOfUndefinedAtTheEnd() {
        expectCompressed("function f() { if (a) return b }", "function f(){if(a)return b}")
        expectCompressed("function f() { if (a) return; return b }", "function f(){if(!a)return b}")
        expectCompressed("function f() { if (a === 1) return; return b }", "function f(){if(a!==1)return b}")
        expectCompressed("function f() { return a ? b : void 0 }", "function f(){if(a)return b}")
        expectCompressed("function f() { x(); return a ? void 0 : (b(), c) }", "function f(){if(x(),!a)return b(),c}")
        // Not: anywhere but the end of the function (a block would fall through to what follows).
        expectCompressed("function f() { if (x) { if (a) return; return b } g() }",
                         "function f(){if(x)return a?void 0:b;g()}")
        expectCompressed("function f() { return a ? b : c }", "function f(){return a?b:c}")
        expectCompressed("x = () => a ? b : void 0", "x=()=>a?b:void 0")
    }

    @Test func deMorganWhereShorter() {
        expectCompressed("while (a) { if (b == 1 || !c) break; d() }", "for(;a&&b!=1&&c;)d()")
        expectCompressed("function f() { if (a === 1 || b !== 2) return; g() }", "function f(){a!==1&&b===2&&g()}")
        // `&&` -> `||` only when no part grows: the `||` may need parentheses where it lands.
        expectCompressed("function f() { if (a == 1 && b === 2) return; return c }", "function f(){if(a!=1||b!==2)return c}")
        expectCompressed("function f() { if (a == 1 && b) return; return c }", "function f(){if(!(a==1&&b))return c}")
        // Not: when the negated parts would cost more than `!( )`.
        expectCompressed("while (a) { if (b && c) break; d() }", "for(;a&&!(b&&c);)d()")
        expectCompressed("while (a) { if (b + 1 || c) break; d() }", "for(;a&&!(b+1||c);)d()")
    }

    @Test func elseIfAfterAJumpBecomesABlock() {
        expectCompressed("function f() { if (a) x(); else if (b) return 1; else if (c) return 2; else y(); g() }",
                         "function f(){if(a)x();else{if(b)return 1;if(c)return 2;y()}g()}")
        // Not: when the inner branch can fall through, its `else` is needed.
        expectCompressed("function f() { if (a) x(); else if (b) y(); else z(); g() }",
                         "function f(){a?x():b?y():z(),g()}")
        expectCompressed("function f() { if (a) x(); else if (b) { y(); return } else w(); g() }",
                         "function f(){if(a)x();else{if(b){y();return}w()}g()}")
    }

    @Test func compoundAssignmentOnStableObjects() {
        expectCompressed("function f(v) { this.x = this.x * 2; v.y = v.y - 1 }", "function f(v){this.x*=2,v.y-=1}")
        // Not: objects that a read may change or that could be another object on the second read.
        expectCompressed("function f() { g().x = g().x * 2; o.y = o.y + 1; this.a.b = this.a.b + 1 }",
                         "function f(){g().x=g().x*2,o.y=o.y+1,this.a.b=this.a.b+1}")
        expectCompressed("function f(v) { v.x = v.y * 2; v.z = v.z || 1 }", "function f(v){v.x=v.y*2,v.z=v.z||1}")
    }

    @Test func conditionalsWithBooleanBranchesInTests() {
        expectCompressed("if (a ? b : false) c()", "a&&b&&c()")
        expectCompressed("while ((a ? b : false) || d) e()", "for(;a&&b||d;)e()")
        expectCompressed("x = (a ? true : b) ? 1 : 2", "x=a||b?1:2")
        // Not: where the value itself is used, `a ? b : false` is not `a && b`.
        expectCompressed("x = a ? b : false", "x=a?b:!1")
        expectCompressed("x = a ? true : b", "x=a?!0:b")
    }

    @Test func booleanOrFalse() {
        expectCompressed("x = typeof a == 'function' || false; y = a > b && true", "x=typeof a==\"function\",y=a>b")
        // Not: when the left side may be something other than a boolean.
        expectCompressed("x = a || false; y = a && true; z = (a == b) || true", "x=a||!1,y=a&&!0,z=a==b||!0")
    }

    @Test func calledFunctionStatementsStartWithNot() {
        expectCompressed("(function () { a() })()", "!function(){a()}()")
        expectCompressed("(function () { a() }).call(this)", "!function(){a()}.call(this)")
        expectCompressed("(function () {})().x; b()", "!function(){}().x,b()")
        // Not: where the value is used, where `!` would bind to less than the whole, or with no call.
        expectCompressed("x = (function () { return 1 })()", "x=function(){return 1}()")
        expectCompressed("(function () {})() + 1", "(function(){})()+1")
        expectCompressed("(function () {}); (() => 1)()", "(function(){}),(()=>1)()")
    }

    @Test func escapedNonASCIIKeysStayASCII() {
        expectCompressed("x = {'\\xc0': 'A', '\\u0100': 'A', 'a\\u00e9': 1}", "x={\\u00c0:\"A\",\\u0100:\"A\",a\\u00e9:1}")
        // Not: keys written raw, escapes that are no identifier, digits first, astral characters.
        expectCompressed("x = {'\u{00C0}': 1}", "x={\"\u{00C0}\":1}")
        expectCompressed("x = {'\\xd7': 1, '\\u00e9-': 2, '1\\u00e9': 3}", "x={\"\u{00D7}\":1,\"\u{00E9}-\":2,\"1\u{00E9}\":3}")
        expectCompressed("x = {'\\ud835\\udc00': 1}", "x={\"\u{1D400}\":1}")
    }

    @Test func mergingStatements() {
        expectCompressed("var a = 1; var b = 2; let c; let d", "var a=1,b=2;let c,d")
        expectCompressed("a(); b(); c()", "a(),b(),c()")
        expectCompressed("var i = 0; for (; i < n; i++) f(i)", "for(var i=0;i<n;i++)f(i)")
        expectCompressed("a(); for (;;) b()", "for(a();;)b()")
        expectCompressed("let i = 0; for (; i < n; i++) f(i)", "let i=0;for(;i<n;i++)f(i)")
        expectCompressed("a(); if (b) c()", "a(),b&&c()")
        expectCompressed("a(); switch (b) { case 1: c() }", "switch(a(),b){case 1:c()}")
        expectCompressed("{ a(); b() }", "a(),b()")
        expectCompressed("{ let a = 1; b(a) }", "{let a=1;b(a)}")
    }

    @Test func loops() {
        expectCompressed("while (a) b()", "for(;a;)b()")
        expectCompressed("while (true) b()", "for(;;)b()")
        expectCompressed("while (false) b()", "")
        expectCompressed("for (;;) { if (a) break; b() }", "for(;!a;)b()")
        expectCompressed("for (; x;) { if (!a) break; b() }", "for(;x&&a;)b()")
        expectCompressed("for (;;) { if (a) b(); else break }", "for(;a;)b()")
        expectCompressed("for (;;) { if (a) continue; b(); c() }", "for(;;)a||(b(),c())")
        expectCompressed("for (x of y) { if (a) continue; b() }", "for(x of y)a||b()")
        expectCompressed("do { a() } while (b)", "do a();while(b)")
        expectCompressed("for (;;) { a(); continue }", "for(;;)a()")
        expectCompressed("x: for (;;) { for (;;) { a(); continue x } }", "x:for(;;)for(;;){a();continue x}")
    }

    @Test func whileLoopsAbsorbLeadingBreaks() {
        expectCompressed("while (a) { if (b) break; c() }", "for(;a&&!b;)c()")
        expectCompressed("while (true) { if (a) break; b() }", "for(;!a;)b()")
        expectCompressed("while (++i < n) { if (f(i) === false) { break } }", "for(;++i<n&&f(i)!==!1;);")
        expectCompressed("while (i--) { t = a[i]; if (r[t.type]) break; g(t) }", "for(;i--&&(t=a[i],!r[t.type]);)g(t)")
        // Work before the `if` moves into the test with it, in order.
        expectCompressed("while (a) { c(); d(); if (b) break; e() }", "for(;a&&(c(),d(),!b);)e()")
        // Not: a labelled break leaves another loop; a break after other work is no test.
        expectCompressed("x: for (;;) while (a) { if (b) break x; c() }", "x:for(;;)for(;a;){if(b)break x;c()}")
        expectCompressed("while (a) { if (b) { c(); break } d() }", "for(;a;){if(b){c();break}d()}")
        expectCompressed("while (a) { let t = f(); if (t) break; g(t) }", "for(;a;){let t=f();if(t)break;g(t)}")
    }

    @Test func unaryPlusOnNumbers() {
        expectCompressed("x = +Infinity; y = +5; z = -Infinity", "x=1/0,y=5,z=-1/0")
        expectCompressed("x = a - +Infinity", "x=a-1/0")
        // Not: `+` converts anything that is not already a number (and throws on a BigInt).
        expectCompressed("x = +y; z = +'5'; w = +1n", "x=+y,z=+\"5\",w=+1n")
    }

    @Test func legalCommentsBeforeStatementsOnly() {
        expectCompressed("/*! top */ var a = 1;", "/*! top */\nvar a=1")
        expectCompressed("function f() { /*! inside */ return 1 }", "/*! inside */\nfunction f(){return 1}")
        // Not: inside an expression (jQuery's `var Sizzle = /*! ... */ (function ...`).
        expectCompressed("var Sizzle = /*! Sizzle */ (function () { return 1 })()", "var Sizzle=function(){return 1}()")
        expectCompressed("f(/** @license MIT */ 1)", "f(1)")
    }

    @Test func functionsAndNames() {
        expectCompressed("x = function f() { return 1 }", "x=function(){return 1}")
        expectCompressed("x = function f() { return f }", "x=function f(){return f}")
        expectCompressed("x = function f() { eval('f') }", "x=function f(){eval(\"f\")}")
        expectCompressed("x = class C { m() {} }", "x=class{m(){}}")
        expectCompressed("x = () => { return 1 }", "x=()=>1")
        expectCompressed("x = () => { return {} }", "x=()=>({})")
        expectCompressed("try { a() } catch (e) { b() }", "try{a()}catch{b()}")
        expectCompressed("try { a() } catch (e) { b(e) }", "try{a()}catch(e){b(e)}")
        expectCompressed("function f(a) { a = a + 1; return a }", "function f(a){return a+=1,a}")
        expectCompressed("x = x + 1", "x=x+1")
        expectCompressed("x = {a: a, b: c, __proto__: __proto__}", "x={a,b:c,__proto__:__proto__}")
    }

    @Test func logicalReassociation() {
        expectCompressed("x = a && (b && c)", "x=a&&b&&c")
        expectCompressed("x = a || (b || c)", "x=a||b||c")
        expectCompressed("x = a + (b + c)", "x=a+(b+c)")
        expectCompressed("x = a | (b | c)", "x=a|(b|c)")
    }

    @Test func directivesStayDirectives() {
        expectCompressed("'use strict'; a()", "'use strict';a()")
        expectCompressed("function f() { 'use strict'; return 1 }", "function f(){'use strict';return 1}")
        expectCompressed("f(); 'a' + 'b'", "f(),\"ab\"")
        expectCompressed("'a' + 'b'", "(\"ab\")")
        expectCompressed("'a' + 'b'; f()", "\"ab\",f()")
    }
}
