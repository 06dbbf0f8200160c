import Testing
@testable import SSCompilers

// Expected outputs were produced by the reference implementation (node-stylus 0.59, `stylus -p`).

private func expectCSS(_ input: String, _ expected: String, compress: Bool = false,
                       sourceLocation: Testing.SourceLocation = #_sourceLocation) {
    var options = StylusOptions()
    options.compress = compress
    let result = StylusCompiler(options: options).compile(SourceFile(path: "/t/test.styl", text: input), resolver: InMemoryResolver())
    #expect(result.diagnostics.filter { $0.severity == .error }.isEmpty, "\(result.diagnostics.map { $0.rendered() })", sourceLocation: sourceLocation)
    #expect(result.output.trimmingCharacters(in: .whitespacesAndNewlines) == expected, sourceLocation: sourceLocation)
}

@Suite struct StylusSelectorsTests {
    @Test func cases() {
        expectCSS("body\n  color red\n", "body {\n  color: #f00;\n}")
        expectCSS("a\n  b\n    color red\n", "a b {\n  color: #f00;\n}")
        expectCSS("a, b\n  color red\n", "a,\nb {\n  color: #f00;\n}")
        expectCSS("a\n  &:hover\n    color red\n", "a:hover {\n  color: #f00;\n}")
        expectCSS("a\n  & + &\n    color red\n", "a + a {\n  color: #f00;\n}")
        expectCSS(".a\n  .b &\n    color red\n", ".b .a {\n  color: #f00;\n}")
        expectCSS("ul\n  li\n    a\n      color red\n", "ul li a {\n  color: #f00;\n}")
        expectCSS("a\nb\n  color red\n", "a,\nb {\n  color: #f00;\n}")
        expectCSS(".a\n  ^[0]:hover &\n    color red\n", ".a:hover .a {\n  color: #f00;\n}")
        expectCSS(".a\n  .b\n    ~/ .c\n      color red\n", ".a .c {\n  color: #f00;\n}")
        expectCSS(".a\n  .b\n    ../ .c\n      color red\n", ".a .c {\n  color: #f00;\n}")
        expectCSS(".a\n  /.b\n    color red\n", ".b {\n  color: #f00;\n}")
        expectCSS("a[href]\n  color red\n", "a[href] {\n  color: #f00;\n}")
        expectCSS("input[type=text]\n  color red\n", "input[type=text] {\n  color: #f00;\n}")
        expectCSS("*\n  margin 0\n", "* {\n  margin: 0;\n}")
        expectCSS("a > b\n  color red\n", "a > b {\n  color: #f00;\n}")
        expectCSS("a ~ b\n  color red\n", "a ~ b {\n  color: #f00;\n}")
        expectCSS("#id.cls\n  color red\n", "#id.cls {\n  color: #f00;\n}")
        expectCSS("a:not(.b)\n  color red\n", "a:not(.b) {\n  color: #f00;\n}")
        expectCSS("a::before\n  content ''\n", "a::before {\n  content: '';\n}")
        expectCSS("body\n  color red !important\n", "body {\n  color: #f00 !important;\n}")
    }
}

@Suite struct StylusCSSSyntaxTests {
    @Test func cases() {
        expectCSS("body { color: red; }\n", "body {\n  color: #f00;\n}")
        expectCSS("body {\n  color: red;\n  a {\n    color: blue;\n  }\n}\n", "body {\n  color: #f00;\n}\nbody a {\n  color: #00f;\n}")
        expectCSS("a { b { color: red } }\n", "a b {\n  color: #f00;\n}")
        expectCSS("body { color: red; background: blue }\n", "body {\n  color: #f00;\n  background: #00f;\n}")
        expectCSS("a,\nb {\n  color: red;\n}\n", "a,\nb {\n  color: #f00;\n}")
        expectCSS("@media print { a { color: red } }\n", "@media print {\n  a {\n    color: #f00;\n  }\n}")
    }
}

@Suite struct StylusVariablesTests {
    @Test func cases() {
        expectCSS("x = 5px\nbody\n  margin x\n", "body {\n  margin: 5px;\n}")
        expectCSS("$x = 5px\nbody\n  margin $x\n", "body {\n  margin: 5px;\n}")
        expectCSS("x = 1\nx ?= 2\nbody\n  z x\n", "body {\n  z: 1;\n}")
        expectCSS("y ?= 2\nbody\n  z y\n", "body {\n  z: 2;\n}")
        expectCSS("x = 1\nx += 2\nbody\n  z x\n", "body {\n  z: 3;\n}")
        expectCSS("body\n  width 10px\n  height @width\n", "body {\n  width: 10px;\n  height: 10px;\n}")
        expectCSS("body\n  margin 5px\n  padding @margin * 2\n", "body {\n  margin: 5px;\n  padding: 10px;\n}")
        expectCSS("list = 1 2 3\nbody\n  z list[1]\n", "body {\n  z: 2;\n}")
        expectCSS("list = a b c\nbody\n  z list[-1]\n", "body {\n  z: c;\n}")
        expectCSS("font-stack = Helvetica, Arial, sans-serif\nbody\n  font-family font-stack\n", "body {\n  font-family: Helvetica, Arial, sans-serif;\n}")
    }
}

@Suite struct StylusColorsTests {
    @Test func cases() {
        expectCSS("body\n  color red\n", "body {\n  color: #f00;\n}")
        expectCSS("body\n  color #ffffff\n", "body {\n  color: #fff;\n}")
        expectCSS("body\n  color #abc\n", "body {\n  color: #abc;\n}")
        expectCSS("body\n  color #aabbcc\n", "body {\n  color: #abc;\n}")
        expectCSS("body\n  color transparent\n", "body {\n  color: transparent;\n}")
        expectCSS("body\n  color rgba(255, 0, 0, 0.5)\n", "body {\n  color: rgba(255,0,0,0.5);\n}")
        expectCSS("body\n  color rgb(255, 0, 0)\n", "body {\n  color: #f00;\n}")
        expectCSS("body\n  color hsl(0, 100%, 50%)\n", "body {\n  color: #f00;\n}")
        expectCSS("body\n  color hsla(120, 100%, 50%, 0.25)\n", "body {\n  color: rgba(0,255,0,0.25);\n}")
        expectCSS("body\n  color darken(#fff, 10%)\n", "body {\n  color: #e6e6e6;\n}")
        expectCSS("body\n  color lighten(#000, 10%)\n", "body {\n  color: #1a1a1a;\n}")
        expectCSS("body\n  color lighten(#336699, 20%)\n", "body {\n  color: #4785c2;\n}")
        expectCSS("body\n  color darken(#336699, 20%)\n", "body {\n  color: #29527a;\n}")
        expectCSS("body\n  color saturate(#336699, 20%)\n", "body {\n  color: #2966a3;\n}")
        expectCSS("body\n  color desaturate(#336699, 20%)\n", "body {\n  color: #3d668f;\n}")
        expectCSS("body\n  color fade-out(#336699, 0.5)\n", "body {\n  color: rgba(51,102,153,0.5);\n}")
        expectCSS("body\n  color fade-in(rgba(0,0,0,0.2), 0.3)\n", "body {\n  color: rgba(0,0,0,0.5);\n}")
        expectCSS("body\n  color mix(#f00, #00f)\n", "body {\n  color: #7f007f;\n}")
        expectCSS("body\n  color mix(#f00, #00f, 25%)\n", "body {\n  color: #3f00bf;\n}")
        expectCSS("body\n  color spin(#f00, 120)\n", "body {\n  color: #0f0;\n}")
        expectCSS("body\n  color complement(#f00)\n", "body {\n  color: #0ff;\n}")
        expectCSS("body\n  color invert(#f00)\n", "body {\n  color: #0ff;\n}")
        expectCSS("body\n  color grayscale(#f00)\n", "body {\n  color: #808080;\n}")
        expectCSS("body\n  color tint(#f00, 50%)\n", "body {\n  color: #ff7f7f;\n}")
        expectCSS("body\n  color shade(#f00, 50%)\n", "body {\n  color: #7f0000;\n}")
        expectCSS("body\n  z lightness(#336699)\n", "body {\n  z: 40%;\n}")
        expectCSS("body\n  z hue(#336699)\n", "body {\n  z: 210deg;\n}")
        expectCSS("body\n  z saturation(#336699)\n", "body {\n  z: 49.99999999999999%;\n}")
        expectCSS("body\n  z red(#336699) green(#336699) blue(#336699)\n", "body {\n  z: 51 102 153;\n}")
        expectCSS("body\n  z alpha(rgba(0,0,0,0.3))\n", "body {\n  z: 0.3;\n}")
        expectCSS("body\n  color #fff - #111\n", "body {\n  color: #eee;\n}")
        expectCSS("body\n  color #333 + 10%\n", "body {\n  color: #474747;\n}")
        expectCSS("body\n  color #333 * 2\n", "body {\n  color: #666;\n}")
        expectCSS("body\n  color rgba(#f00, 0.5)\n", "body {\n  color: rgba(255,0,0,0.5);\n}")
        expectCSS("body\n  z luminosity(#336699)\n", "body {\n  z: 0.125064574328892;\n}")
        expectCSS("body\n  z light(#eee) dark(#eee)\n", "body {\n  z: true false;\n}")
        expectCSS("body\n  color #f00f\n", "body {\n  color: #f00;\n}")
        expectCSS("body\n  color #ff000080\n", "body {\n  color: rgba(255,0,0,0.502);\n}")
        expectCSS("body\n  color blend(rgba(255,0,0,0.5), #00f)\n", "body {\n  color: #800080;\n}")
    }
}

@Suite struct StylusOperatorsTests {
    @Test func cases() {
        expectCSS("body\n  z 1 + 2\n", "body {\n  z: 3;\n}")
        expectCSS("body\n  z 10 - 4\n", "body {\n  z: 6;\n}")
        expectCSS("body\n  z 3 * 4\n", "body {\n  z: 12;\n}")
        expectCSS("body\n  z (10 / 4)\n", "body {\n  z: 2.5;\n}")
        expectCSS("body\n  z 10 % 3\n", "body {\n  z: 1;\n}")
        expectCSS("body\n  z 2 ** 8\n", "body {\n  z: 256;\n}")
        expectCSS("body\n  z 5px + 10\n", "body {\n  z: 15px;\n}")
        expectCSS("body\n  z 5px + 1em\n", "body {\n  z: 6px;\n}")
        expectCSS("body\n  z 1in + 10mm\n", "body {\n  z: 1.393700787401575in;\n}")
        expectCSS("body\n  z 1s + 100ms\n", "body {\n  z: 1.1s;\n}")
        expectCSS("body\n  z 50% * 2\n", "body {\n  z: 100%;\n}")
        expectCSS("body\n  z 10px + 50%\n", "body {\n  z: 15px;\n}")
        expectCSS("body\n  z -5px\n", "body {\n  z: -5px;\n}")
        expectCSS("body\n  z - 5px\n", "body {\n  z: -5px;\n}")
        expectCSS("body\n  z 1 == 1\n", "body {\n  z: true;\n}")
        expectCSS("body\n  z 1 != 2\n", "body {\n  z: true;\n}")
        expectCSS("body\n  z 1 < 2 and 2 < 1\n", "body {\n  z: false;\n}")
        expectCSS("body\n  z 1 or 0\n", "body {\n  z: 1;\n}")
        expectCSS("body\n  z not true\n", "body {\n  z: false;\n}")
        expectCSS("body\n  z 1..3\n", "body {\n  z: 1 2 3;\n}")
        expectCSS("body\n  z 1...3\n", "body {\n  z: 1 2;\n}")
        expectCSS("body\n  z 1 in (1 2 3)\n", "body {\n  z: true;\n}")
        expectCSS("body\n  z 5 is a 'unit'\n", "body {\n  z: true;\n}")
        expectCSS("body\n  z foo is defined\n", "body {\n  z: false;\n}")
        expectCSS("body\n  z 1 > 0 ? yes : no\n", "body {\n  z: yes;\n}")
        expectCSS("body\n  font 12px/1.5 sans-serif\n", "body {\n  font: 12px/1.5 sans-serif;\n}")
        expectCSS("body\n  z 'foo' + 'bar'\n", "body {\n  z: 'foobar';\n}")
        expectCSS("body\n  z foo + bar\n", "body {\n  z: foobar;\n}")
        expectCSS("body\n  z '%s-%s' % (a b)\n", "body {\n  z: a-b;\n}")
        expectCSS("body\n  z 0.1 + 0.2\n", "body {\n  z: 0.3;\n}")
        expectCSS("body\n  z 1 / 3\n", "body {\n  z: 1/3;\n}")
        expectCSS("body\n  z (1 / 3)\n", "body {\n  z: 0.333333333333333;\n}")
        expectCSS("body\n  z 10px * 1.5\n", "body {\n  z: 15px;\n}")
        expectCSS("body\n  z 1.0\n", "body {\n  z: 1;\n}")
        expectCSS("body\n  z .5em\n", "body {\n  z: 0.5em;\n}")
        expectCSS("body\n  z 100000000000\n", "body {\n  z: 100000000000;\n}")
        expectCSS("body\n  z (5)px\n", "body {\n  z: 5px;\n}")
    }
}

@Suite struct StylusMixinsTests {
    @Test func cases() {
        expectCSS("m()\n  color red\nbody\n  m()\n", "body {\n  color: #f00;\n}")
        expectCSS("m(a)\n  width a\nbody\n  m(5px)\n", "body {\n  width: 5px;\n}")
        expectCSS("m(a = 3px)\n  width a\nbody\n  m()\n", "body {\n  width: 3px;\n}")
        expectCSS("m(a, b = 2)\n  width a b\nbody\n  m(1)\n", "body {\n  width: 1 2;\n}")
        expectCSS("m()\n  width arguments\nbody\n  m(1, 2, 3)\n", "body {\n  width: 1 2 3;\n}")
        expectCSS("m(args...)\n  width args\nbody\n  m(1, 2, 3)\n", "body {\n  width: 1 2 3;\n}")
        expectCSS("m(a, b)\n  width a b\nbody\n  m(b: 1, a: 2)\n", "body {\n  width: 2 1;\n}")
        expectCSS("border-radius()\n  -webkit-border-radius arguments\n  border-radius arguments\nbody\n  border-radius 5px\n", "body {\n  -webkit-border-radius: 5px;\n  border-radius: 5px;\n}")
        expectCSS("m()\n  &:hover\n    color red\nbody\n  m()\n", "body:hover {\n  color: #f00;\n}")
        expectCSS("m()\n  .child\n    color red\nbody\n  m()\n", "body .child {\n  color: #f00;\n}")
        expectCSS("m()\n  {block}\nbody\n  +m()\n    color red\n", "body {\n  color: #f00;\n}")
        expectCSS("respond(w)\n  @media (max-width: w)\n    {block}\nbody\n  +respond(100px)\n    color red\n", "@media (max-width: 100px) {\n  body {\n    color: #f00;\n  }\n}")
        expectCSS("m()\n  color red\n.a\n  m()\n  .b\n    m()\n", ".a {\n  color: #f00;\n}\n.a .b {\n  color: #f00;\n}")
        expectCSS("m()\n  width 1px\nbody\n  m()\n  height 2px\n  m()\n", "body {\n  width: 1px;\n  height: 2px;\n  width: 1px;\n}")
        expectCSS("m(c)\n  if c\n    color c\n  else\n    color blue\nbody\n  m(red)\n  m(false)\n", "body {\n  color: #f00;\n  color: #00f;\n}")
    }
}

@Suite struct StylusFunctionsTests {
    @Test func cases() {
        expectCSS("add(a, b)\n  a + b\nbody\n  z add(1, 2)\n", "body {\n  z: 3;\n}")
        expectCSS("add(a, b)\n  return a + b\nbody\n  z add(1px, 2)\n", "body {\n  z: 3px;\n}")
        expectCSS("f(n)\n  if n > 0\n    return n + f(n - 1)\n  0\nbody\n  z f(4)\n", "body {\n  z: 10;\n}")
        expectCSS("f(a, b = a)\n  a b\nbody\n  z f(1)\n", "body {\n  z: a: 1;;\n}")
        expectCSS("f()\n  arguments\nbody\n  z f(1, 2)\n", "body {\n  z: 1 2;\n}")
        expectCSS("double(n)\n  n * 2\nbody\n  z double(double(2))\n", "body {\n  z: 8;\n}")
        expectCSS("body\n  z unit(5, px)\n", "body {\n  z: 5px;\n}")
        expectCSS("body\n  z unit(5px)\n", "body {\n  z: 'px';\n}")
        expectCSS("body\n  z unit(5px, '')\n", "body {\n  z: 5;\n}")
        expectCSS("body\n  z percentage(0.5)\n", "body {\n  z: 50%;\n}")
        expectCSS("body\n  z round(1.5) floor(1.5) ceil(1.2)\n", "body {\n  z: 2 1 2;\n}")
        expectCSS("body\n  z round(1.2345, 2)\n", "body {\n  z: 1.23;\n}")
        expectCSS("body\n  z abs(-5px)\n", "body {\n  z: 5px;\n}")
        expectCSS("body\n  z min(1, 2) max(1, 2)\n", "body {\n  z: 1 2;\n}")
        expectCSS("body\n  z length(1 2 3)\n", "body {\n  z: 3;\n}")
        expectCSS("body\n  z type(1) type('a') type(#fff) type(a)\n", "body {\n  z: 'unit' 'string' 'rgba' 'ident';\n}")
        expectCSS("body\n  z typeof(1px)\n", "body {\n  z: 'unit';\n}")
        expectCSS("body\n  z unquote('foo')\n", "body {\n  z: foo;\n}")
        expectCSS("body\n  z s('%s %s', 1, 2)\n", "body {\n  z: 1 2;\n}")
        expectCSS("body\n  z join(', ', 1 2 3)\n", "body {\n  z: '1, 2, 3';\n}")
        expectCSS("body\n  z last(1 2 3)\n", "body {\n  z: 3;\n}")
        expectCSS("list = 1 2\npush(list, 3)\nbody\n  z list\n", "body {\n  z: 1 2 3;\n}")
        expectCSS("body\n  z split('-', 'a-b-c')\n", "body {\n  z: 'a' 'b' 'c';\n}")
        expectCSS("body\n  z substr('hello', 1, 3)\n", "body {\n  z: 'ell';\n}")
        expectCSS("body\n  z replace('a', 'b', 'aaa')\n", "body {\n  z: 'bbb';\n}")
        expectCSS("body\n  z sum(1 2 3) avg(1 2 3)\n", "body {\n  z: 6 2;\n}")
        expectCSS("body\n  z remove-unit(5px)\n", "body {\n  z: 5;\n}")
        expectCSS("body\n  z opposite-position(top left)\n", "body {\n  z: bottom right;\n}")
        expectCSS("body\n  z index(a b c, b)\n", "body {\n  z: 1;\n}")
        expectCSS("body\n  z range(1, 5, 2)\n", "body {\n  z: 1 3 5;\n}")
        expectCSS("body\n  z even(2) odd(2)\n", "body {\n  z: true false;\n}")
        expectCSS("body\n  z base-convert(15, 16)\n", "body {\n  z: 0f;\n}")
        expectCSS("body\n  z calc(100% - 10px)\n", "body {\n  z: calc(100% - 10px);\n}")
        expectCSS("body\n  z url(foo.png)\n", "body {\n  z: url(\"foo.png\");\n}")
        expectCSS("body\n  z url('foo.png')\n", "body {\n  z: url(\"foo.png\");\n}")
        expectCSS("body\n  background linear-gradient(top, red, blue)\n", "body {\n  background: linear-gradient(top, #f00, #00f);\n}")
        expectCSS("body\n  z sin(0) cos(0)\n", "body {\n  z: 0 1;\n}")
        expectCSS("obj = {a: 1}\nbody\n  z keys(obj) values(obj)\n", "body {\n  z: 'a' 1;\n}")
    }
}

@Suite struct StylusConditionalsTests {
    @Test func cases() {
        expectCSS("body\n  if true\n    color red\n", "body {\n  color: #f00;\n}")
        expectCSS("body\n  if false\n    color red\n  else\n    color blue\n", "body {\n  color: #00f;\n}")
        expectCSS("x = 2\nbody\n  if x == 1\n    a 1\n  else if x == 2\n    a 2\n  else\n    a 3\n", "body {\n  a: 2;\n}")
        expectCSS("body\n  unless false\n    color red\n", "body {\n  color: #f00;\n}")
        expectCSS("body\n  color red if true\n  color blue if false\n", "body {\n  color: #f00;\n}")
        expectCSS("body\n  color red unless false\n", "body {\n  color: #f00;\n}")
        expectCSS("if true\n  body\n    color red\n", "body {\n  color: #f00;\n}")
        expectCSS("x = 0\nbody\n  if x\n    a 1\n  else\n    a 2\n", "body {\n  a: 2;\n}")
        expectCSS("body\n  if 'a' == 'a'\n    a 1\n", "body {\n  a: 1;\n}")
    }
}

@Suite struct StylusIterationTests {
    @Test func cases() {
        expectCSS("for i in 1..3\n  .col-{i}\n    width i * 10%\n", ".col-1 {\n  width: 10%;\n}\n.col-2 {\n  width: 20%;\n}\n.col-3 {\n  width: 30%;\n}")
        expectCSS("body\n  for i in 1 2 3\n    z i\n", "body {\n  z: 1;\n  z: 2;\n  z: 3;\n}")
        expectCSS("body\n  for v, i in a b c\n    z i v\n", "body {\n  z: 0 a;\n  z: 1 b;\n  z: 2 c;\n}")
        expectCSS("obj = {a: 1, b: 2}\nbody\n  for k, v in obj\n    {k} v\n", "body {\n  a: 1;\n  b: 2;\n}")
        expectCSS("body\n  z i for i in 1..3\n", "body {\n  z: 1;\n  z: 2;\n  z: 3;\n}")
        expectCSS("for i in 0...2\n  .a-{i}\n    x i\n", ".a-0 {\n  x: 0;\n}\n.a-1 {\n  x: 1;\n}")
    }
}

@Suite struct StylusHashesTests {
    @Test func cases() {
        expectCSS("obj = {a: 1, b: 2}\nbody\n  z obj.a obj['b']\n", "body {\n  z: 1 2;\n}")
        expectCSS("obj = {a: {b: 5}}\nbody\n  z obj.a.b\n", "body {\n  z: 5;\n}")
        expectCSS("obj = {a: 1}\nobj.b = 2\nbody\n  z length(obj)\n", "body {\n  z: 2;\n}")
        expectCSS("obj = {a: 1}\nbody\n  z a in obj b in obj\n", "body {\n  z: true false;\n}")
    }
}

@Suite struct StylusInterpolationTests {
    @Test func cases() {
        expectCSS("p = margin\nbody\n  {p} 5px\n", "body {\n  margin: 5px;\n}")
        expectCSS("p = top\nbody\n  margin-{p} 5px\n", "body {\n  margin-top: 5px;\n}")
        expectCSS("s = '.foo'\n{s}\n  color red\n", ".foo {\n  color: #f00;\n}")
        expectCSS("for i in 1..2\n  .a-{i}\n    color red\n", ".a-1 {\n  color: #f00;\n}\n.a-2 {\n  color: #f00;\n}")
        expectCSS("vendor(prop, args)\n  -webkit-{prop} args\n  {prop} args\nbody\n  vendor(border-radius, 5px)\n", "body {\n  -webkit-border-radius: 5px;\n  border-radius: 5px;\n}")
    }
}

@Suite struct StylusMediaTests {
    @Test func cases() {
        expectCSS("@media print\n  body\n    color red\n", "@media print {\n  body {\n    color: #f00;\n  }\n}")
        expectCSS("body\n  @media print\n    color red\n", "@media print {\n  body {\n    color: #f00;\n  }\n}")
        expectCSS("body\n  color blue\n  @media (max-width: 100px)\n    color red\n", "body {\n  color: #00f;\n}\n@media (max-width: 100px) {\n  body {\n    color: #f00;\n  }\n}")
        expectCSS("@media screen\n  body\n    @media (max-width: 100px)\n      color red\n", "@media screen and (max-width: 100px) {\n  body {\n    color: #f00;\n  }\n}")
        expectCSS("@media screen and (min-width: 10px), print\n  a\n    color red\n", "@media screen and (min-width: 10px), print {\n  a {\n    color: #f00;\n  }\n}")
        expectCSS("mq = 'screen and (max-width: 100px)'\n@media mq\n  a\n    color red\n", "@media screen and (max-width: 100px) {\n  a {\n    color: #f00;\n  }\n}")
        expectCSS("w = 100px\n@media (max-width: w)\n  a\n    color red\n", "@media (max-width: 100px) {\n  a {\n    color: #f00;\n  }\n}")
    }
}

@Suite struct StylusExtendTests {
    @Test func cases() {
        expectCSS(".a\n  color red\n.b\n  @extend .a\n", ".a,\n.b {\n  color: #f00;\n}")
        expectCSS(".a\n  color red\n.b\n  @extends .a\n  width 1px\n", ".a,\n.b {\n  color: #f00;\n}\n.b {\n  width: 1px;\n}")
        expectCSS("$p\n  color red\n.b\n  @extend $p\n", ".b {\n  color: #f00;\n}")
        expectCSS(".b\n  @extend .nope !optional\n  width 1px\n", ".b {\n  width: 1px;\n}")
        expectCSS(".a\n  color red\n  .c\n    width 1px\n.b\n  @extend .a\n", ".a,\n.b {\n  color: #f00;\n}\n.a .c,\n.b .c {\n  width: 1px;\n}")
        expectCSS(".a\n  color red\n.b\n  @extend .a\n.c\n  @extend .b\n", ".a,\n.b,\n.c {\n  color: #f00;\n}")
    }
}

@Suite struct StylusAtRulesTests {
    @Test func cases() {
        expectCSS("@font-face\n  font-family foo\n  src url(foo.woff)\n", "@font-face {\n  font-family: foo;\n  src: url(\"foo.woff\");\n}")
        expectCSS("@page\n  margin 1in\n", "@page {\n  margin: 1in;\n}")
        expectCSS("@charset 'utf-8'\nbody\n  color red\n", "@charset 'utf-8';\nbody {\n  color: #f00;\n}")
        expectCSS("@namespace svg 'http://www.w3.org/2000/svg'\n", "@namespace svg 'http://www.w3.org/2000/svg';")
        expectCSS("@supports (display: flex)\n  a\n    display flex\n", "@supports (display: flex) {\n  a {\n    display: flex;\n  }\n}")
        expectCSS("@keyframes spin\n  from\n    transform rotate(0deg)\n  to\n    transform rotate(360deg)\n", "@-moz-keyframes spin {\n  from {\n    transform: rotate(0deg);\n  }\n  to {\n    transform: rotate(360deg);\n  }\n}\n@-webkit-keyframes spin {\n  from {\n    transform: rotate(0deg);\n  }\n  to {\n    transform: rotate(360deg);\n  }\n}\n@-o-keyframes spin {\n  from {\n    transform: rotate(0deg);\n  }\n  to {\n    transform: rotate(360deg);\n  }\n}\n@keyframes spin {\n  from {\n    transform: rotate(0deg);\n  }\n  to {\n    transform: rotate(360deg);\n  }\n}")
        expectCSS("@-webkit-keyframes spin\n  0%\n    opacity 0\n", "@-webkit-keyframes spin {\n  0% {\n    opacity: 0;\n  }\n}")
        expectCSS("@css {\n  body { color: red }\n}\n", "body { color: red }")
        expectCSS("@import 'foo.css'\n", "@import 'foo.css';")
        expectCSS("@import url(foo.css)\n", "@import url(\"foo.css\");")
        expectCSS("@viewport\n  width device-width\n", "@viewport {\n  width: device-width;\n}")
        expectCSS("body\n  @font-face\n    font-family x\n", "@font-face {\n  font-family: x;\n}")
    }
}

@Suite struct StylusCommentsTests {
    @Test func cases() {
        expectCSS("// hi\nbody\n  color red\n", "body {\n  color: #f00;\n}")
        expectCSS("/* keep */\nbody\n  color red\n", "/* keep */\nbody {\n  color: #f00;\n}")
        expectCSS("body\n  color red // trailing\n", "body {\n  color: #f00;\n}")
        expectCSS("body\n  color red /* inline */\n", "body {\n  color: #f00 /* inline */;\n}")
        expectCSS("/*! important */\nbody\n  color red\n", "/* important */\nbody {\n  color: #f00;\n}")
    }
}

@Suite struct StylusSyntaxTests {
    @Test func cases() {
        expectCSS("body\n\tcolor red\n\ta\n\t\tcolor blue\n", "body {\n  color: #f00;\n}\nbody a {\n  color: #00f;\n}")
        expectCSS("﻿body\n  color red\n", "body {\n  color: #f00;\n}")
        expectCSS("\n\n\nbody\n  color red\n", "body {\n  color: #f00;\n}")
        expectCSS("body\n  color red\n\n\n  background blue\n", "body {\n  color: #f00;\n  background: #00f;\n}")
        expectCSS("body\n  margin 1px \\\n    2px\n", "body {\n  margin: 1px 2px;\n}")
        expectCSS("body\n  font-family Arial,\n    sans-serif\n", "body {\n  font-family: Arial, sans-serif;\n}")
        expectCSS("body\n  z foo(\n    1,\n    2\n  )\n", "body {\n  z: foo(1, 2);\n}")
        expectCSS("body\r\n  color red\r\n", "body {\n  color: #f00;\n}")
        expectCSS("body\n  color: red;\n  background: blue;\n", "body {\n  color: #f00;\n  background: #00f;\n}")
        expectCSS("body\n  content \"foo\"\n", "body {\n  content: \"foo\";\n}")
        expectCSS("a.b.c\n  color red\n", "a.b.c {\n  color: #f00;\n}")
        expectCSS("body\n  margin 0 auto\n", "body {\n  margin: 0 auto;\n}")
        expectCSS("body\n  margin -1px\n", "body {\n  margin: -1px;\n}")
        expectCSS("body\n  z 1e3\n", "body {\n  z: 1e 3;\n}")
    }
}

@Suite struct StylusCompressTests {
    @Test func cases() {
        expectCSS("body\n  color red\n  margin 0px\n", "body{color:#f00;margin:0}", compress: true)
        expectCSS("a, b\n  color #ffffff\n  width 0.5em\n", "a,b{color:#fff;width:.5em}", compress: true)
        expectCSS("@media print\n  a\n    color red\n", "@media print{a{color:#f00}}", compress: true)
        expectCSS("/* drop */\n/*! keep */\nbody\n  color red\n", "/* keep */\nbody{color:#f00}", compress: true)
    }
}
