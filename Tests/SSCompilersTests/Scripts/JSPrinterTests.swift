import Testing

@testable import SSCompilers

/// Parse and print compactly, without renaming or shortening.
private func expectPrinted(_ input: String, _ expected: String,
                   sourceLocation: Testing.SourceLocation = #_sourceLocation) {
    jsExpectOutput(input, expected, mangle: false, compress: false, sourceLocation: sourceLocation)
}

@Suite("JavaScript printer")
struct JSPrinterTests {
    @Test func statements() {
        expectPrinted("var a = 1, b;\nlet c = 2; const d = 3", "var a=1,b;let c=2;const d=3")
        expectPrinted("if (a) { b() } else if (c) d(); else { e() }", "if(a){b()}else if(c)d();else{e()}")
        expectPrinted("for (var i = 0; i < n; i++) {}", "for(var i=0;i<n;i++){}")
        expectPrinted("for (;;) ;", "for(;;);")
        expectPrinted("for (const k in o) f(k)", "for(const k in o)f(k)")
        expectPrinted("for await (const x of y) f(x)", "for await(const x of y)f(x)")
        expectPrinted("while (a) b()", "while(a)b()")
        expectPrinted("do x(); while (a)", "do x();while(a)")
        expectPrinted("do { x() } while (a)", "do{x()}while(a)")
        expectPrinted("try { a() } catch (e) { b(e) } finally { c() }", "try{a()}catch(e){b(e)}finally{c()}")
        expectPrinted("try { a() } catch { b() }", "try{a()}catch{b()}")
        expectPrinted("switch (a) { case 1: b(); case 2: default: c() }", "switch(a){case 1:b();case 2:default:c()}")
        expectPrinted("out: for (;;) { break out; continue out }", "out:for(;;){break out;continue out}")
        expectPrinted("function f() { return }", "function f(){return}")
        expectPrinted("function f() { return 1 }", "function f(){return 1}")
        expectPrinted("throw new Error('x')", "throw new Error('x')")
        expectPrinted("debugger;", "debugger")
        expectPrinted("'use strict'; a()", "'use strict';a()")
        expectPrinted("('use strict'); a()", "('use strict');a()")
        expectPrinted("with (o) { x }", "with(o){x}")
    }

    @Test func danglingElse() {
        expectPrinted("if (a) { if (b) c() } else d()", "if(a){if(b)c()}else d()")
        expectPrinted("if (a) { for (;;) if (b) c() } else d()", "if(a){for(;;)if(b)c()}else d()")
    }

    @Test func precedenceAndParens() {
        expectPrinted("(a + b) * c", "(a+b)*c")
        expectPrinted("a + (b + c)", "a+(b+c)")
        expectPrinted("(a + b) + c", "a+b+c")
        expectPrinted("a ** b ** c", "a**b**c")
        expectPrinted("(a ** b) ** c", "(a**b)**c")
        expectPrinted("(-a) ** b", "(-a)**b")
        expectPrinted("(a || b) ?? c", "(a||b)??c")
        expectPrinted("a ?? (b && c)", "a??(b&&c)")
        expectPrinted("(a, b)", "a,b")
        expectPrinted("f((a, b))", "f((a,b))")
        expectPrinted("x = (a, b)", "x=(a,b)")
        expectPrinted("(a ? b : c) ? d : e", "(a?b:c)?d:e")
        expectPrinted("a ? b : c ? d : e", "a?b:c?d:e")
        expectPrinted("a = b = c", "a=b=c")
        expectPrinted("(a = b).c", "(a=b).c")
        expectPrinted("!(a && b)", "!(a&&b)")
        expectPrinted("typeof (a + b)", "typeof(a+b)")
        expectPrinted("async function f() { (await x).y }", "async function f(){(await x).y}")
        expectPrinted("-(-a)", "- -a")
        expectPrinted("+(+a)", "+ +a")
        expectPrinted("a - -b", "a- -b")
        expectPrinted("a + ++b", "a+ ++b")
        expectPrinted("a-- > b", "a-- >b")
        expectPrinted("a < !--b", "a< !--b")
    }

    @Test func newAndCalls() {
        expectPrinted("new A", "new A")
        expectPrinted("new A()", "new A")
        expectPrinted("new A(1)", "new A(1)")
        expectPrinted("new A().b", "new A().b")
        expectPrinted("new (a())()", "new(a())")
        expectPrinted("new (a().b)()", "new(a()).b")  // same meaning: no arguments on `new`
        expectPrinted("new a.b.C()", "new a.b.C")
        expectPrinted("(new A)()", "new A()()")
        expectPrinted("new new A()()", "new new A()")
        expectPrinted("new.target", "new.target")
    }

    @Test func optionalChains() {
        expectPrinted("a?.b.c", "a?.b.c")
        expectPrinted("(a?.b).c", "(a?.b).c")
        expectPrinted("a?.[0]?.(1)", "a?.[0]?.(1)")
        expectPrinted("a?.b()", "a?.b()")
        expectPrinted("(a?.b)()", "(a?.b)()")
    }

    @Test func statementStartHazards() {
        expectPrinted("({}).toString()", "({}).toString()")
        expectPrinted("(function () {})()", "(function(){})()")
        expectPrinted("(function () {}())", "(function(){})()")
        expectPrinted("(class {}).name", "(class{}).name")
        expectPrinted("({a} = b)", "({a}=b)")
        expectPrinted("x = () => ({})", "x=()=>({})")
        expectPrinted("x = () => ({a} = b)", "x=()=>({a}=b)")
        expectPrinted("export default (function () {})", "export default(function(){})")
        expectPrinted("(async function () {})()", "(async function(){})()")
    }

    @Test func functionsAndClasses() {
        expectPrinted("async function* f(a, b = 1, ...c) { yield* a; await b }", "async function*f(a,b=1,...c){yield*a;await b}")
        expectPrinted("x = async (a) => a", "x=async a=>a")
        expectPrinted("x = async () => {}", "x=async()=>{}")
        expectPrinted("x = (a, b) => a + b", "x=(a,b)=>a+b")
        expectPrinted("x = ([a], {b}) => a", "x=([a],{b})=>a")
        expectPrinted("x = (a => a) || b", "x=(a=>a)||b")
        expectPrinted("async(a, b)", "async(a,b)")
        expectPrinted("class A extends B { static x = 1; #y; get z() { return 1 } static { init() } async *m() {} }",
                      "class A extends B{static x=1;#y;get z(){return 1}static{init()}async*m(){}}")
        expectPrinted("class A { 'constructor'() {} [k] = 1; static async x() {} }",
                      "class A{'constructor'(){}[k]=1;static async x(){}}")
        expectPrinted("x = #a in this", "x=#a in this")
    }

    @Test func literals() {
        expectPrinted("x = [1, , 2, ]", "x=[1,,2]")
        expectPrinted("x = [, ]", "x=[,]")
        expectPrinted("x = [1, , ]", "x=[1,,]")
        expectPrinted("x = {a, b: 1, [c]: 2, get d() { return 1 }, set d(v) {}, e() {}, async *f() {}, ...g}",
                      "x={a,b:1,[c]:2,get d(){return 1},set d(v){},e(){},async*f(){},...g}")
        expectPrinted("x = `a${b}c${`d${e}`}`", "x=`a${b}c${`d${e}`}`")
        expectPrinted("x = tag`a${b}`", "x=tag`a${b}`")
        expectPrinted("x = /re/g.test(y) / 2", "x=/re/g.test(y)/2")
        expectPrinted("x = a / /re/", "x=a/ /re/")
        expectPrinted("x = 1..toString() + 1.5.toFixed()", "x=1..toString()+1.5.toFixed()")
        expectPrinted("x = 10n ** 2n", "x=10n**2n")
        expectPrinted("x = true", "x=true")
    }

    @Test func destructuring() {
        expectPrinted("var {a, b: [c, d = 1], ...e} = f", "var{a,b:[c,d=1],...e}=f")
        expectPrinted("[a, b] = [b, a]", "[a,b]=[b,a]")
        expectPrinted("for (const [k, v] of m) f(k, v)", "for(const[k,v]of m)f(k,v)")
    }

    @Test func forInInitializer() {
        expectPrinted("for (var a = (b in c); ; ) ;", "for(var a=(b in c);;);")
        expectPrinted("for ((a in b); ; ) ;", "for((a in b);;);")
        expectPrinted("for (var a = () => (b in c); ; ) ;", "for(var a=()=>(b in c);;);")
    }

    @Test func modules() {
        expectPrinted("import a, {b as c, d} from 'm'; import * as n from \"n\"; import 'x'",
                      "import a,{b as c,d}from'm';import*as n from\"n\";import'x'")
        expectPrinted("export {a as b, c}; export * from 'm'; export * as ns from 'm'",
                      "export{a as b,c};export*from'm';export*as ns from'm'")
        expectPrinted("export default function () {}", "export default function(){}")
        expectPrinted("export default a + b", "export default a+b")
        expectPrinted("export const x = 1; export class A {}", "export const x=1;export class A{}")
        expectPrinted("import j from './a.json' with { type: 'json' }", "import j from'./a.json'with{ type: 'json' }")
        expectPrinted("export const m = import.meta; await import('x')", "export const m=import.meta;await import('x')")
    }

    @Test func asiInInput() {
        expectPrinted("a = b\n(c)", "a=b(c)")
        expectPrinted("a\n++b", "a;++b")
        expectPrinted("function f() { return\nx }", "function f(){return;x}")
        expectPrinted("x = function(){\n  return\n  1\n}", "x=function(){return;1}")
        expectPrinted("let x = 1\nlet y = 2", "let x=1;let y=2")
    }

    @Test func reprintRoundTrips() {
        let result = JavaScript.reprint(SourceFile(path: "t.js", text: "if (a) {\n  b()\n}\nc = 1"))
        #expect(result.output == "if(a){\nb()\n}\nc=1\n")
    }
}
