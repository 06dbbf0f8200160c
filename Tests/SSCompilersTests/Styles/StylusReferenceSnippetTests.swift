import Testing
@testable import SSCompilers

// Feature snippets checked against the reference implementation (node-stylus 0.59, `stylus -p`);
// each expectation was produced by the reference from the same input.

private func expectCSS(_ input: String, _ expected: String, sourceLocation: Testing.SourceLocation = #_sourceLocation) {
    let result = StylusCompiler().compile(SourceFile(path: "/t/test.styl", text: input), resolver: InMemoryResolver())
    #expect(!result.hasErrors, "\(result.diagnostics.map { $0.rendered() })", sourceLocation: sourceLocation)
    #expect(result.output.trimmingCharacters(in: .whitespacesAndNewlines) == expected, sourceLocation: sourceLocation)
}

@Suite struct StylusReferenceSnippetTests {
    @Test func addSnippets() {
        expectCSS("body\n  add-property('color', red)\n  width 1px\n", "body {\n  color: #f00;\n  width: 1px;\n}")  // add-property-bif
    }
    @Test func anonymousSnippets() {
        expectCSS("sq = @(x) { x * x }\nbody\n  z sq(3)\n", "body {\n  z: 9;\n}")  // anonymous-fn
    }
    @Test func argumentsSnippets() {
        expectCSS("m()\n  z arguments[0] arguments[1]\nbody\n  m(foo, bar)\n", "body {\n  z: foo bar;\n}")  // arguments-index
        expectCSS("m(a, b = 2, rest...)\n  z a b rest\nbody\n  m(1, b: 3)\n  m(1, 2, 3, 4)\n", "body {\n  z: 1 3;\n  z: 1 2 3 4;\n}")  // arguments-kw-mixed
    }
    @Test func atSnippets() {
        expectCSS("@container (min-width: 400px)\n  .card\n    display grid\n", "@container (min-width: 400px) {\n  .card {\n    display: grid;\n  }\n}")  // at-container
        expectCSS("@counter-style thumbs\n  system cyclic\n  symbols \"x\"\n", "@counter-style thumbs {\n  system: cyclic;\n  symbols: \"x\";\n}")  // at-counter-style
        expectCSS("@-moz-document domain(example.com), url(http://x.com/)\n  .a\n    x y\n", "@-moz-document domain((example.com)), url(http :// x . com /) {\n  .a {\n    x: y;\n  }\n}")  // at-document-domain
        expectCSS("@font-feature-values Font One\n  @styleset\n    nice-style 12\n", "@font-feature-values Font One {\n  @styleset {\n    nice-style: 12;\n  }\n}")  // at-font-feature
        expectCSS("for bp in 100px 200px\n  @media (min-width: bp)\n    .a\n      width bp\n", "@media (min-width: 100px) {\n  .a {\n    width: 100px;\n  }\n}\n@media (min-width: 200px) {\n  .a {\n    width: 200px;\n  }\n}")  // at-media-in-for
        expectCSS("@-moz-document url-prefix()\n  .a\n    x y\n", "@-moz-document url-prefix() {\n  .a {\n    x: y;\n  }\n}")  // at-moz-document
        expectCSS("@property --x\n  syntax '<length>'\n  inherits false\n", "@property --x {\n  syntax: '<length>';\n  inherits: false;\n}")  // at-property
        expectCSS(".a\n  @unknown stuff\n    x y\n", "@unknown stuff {\n  x: y;\n}")  // at-unknown-nested
    }
    @Test func atruleSnippets() {
        expectCSS("@foo bar\n  x y\n@baz;\nbody\n  @qux\n    x y\n", "@foo bar {\n  x: y;\n}\n@baz;\n@qux {\n  x: y;\n}")  // atrule-unknown
    }
    @Test func atscopeSnippets() {
        expectCSS("@scope .foo\n.bar\n  x y\n", ".foo .bar {\n  x: y;\n}")  // atscope
    }
    @Test func attrSnippets() {
        expectCSS("a[href$=\".pdf\"], a[class*=\"btn\"], a[lang|=en], a[data-x~=y]\n  x y\n", "a[href$=\".pdf\"],\na[class*=\"btn\"],\na[lang|=en],\na[data-x~=y] {\n  x: y;\n}")  // attr-selector-ops
    }
    @Test func attributeSnippets() {
        expectCSS("a[data-x=\"1\"]\n  x y\ninput[type=checkbox]:checked + label\n  x y\na[href^='http']\n  x y\n", "a[data-x=\"1\"] {\n  x: y;\n}\ninput[type=checkbox]:checked + label {\n  x: y;\n}\na[href^='http'] {\n  x: y;\n}")  // attribute-selectors
    }
    @Test func bifSnippets() {
        expectCSS("m(n)\n  add-property('width', n)\nbody\n  m(5px)\n", "body {\n  width: 5px;\n}")  // bif-add-property-mixin
        expectCSS("body\n  a base-convert(1, 2, 8)\n  b base-convert(255, 16)\n", "body {\n  a: 00000001;\n  b: ff;\n}")  // bif-base-convert
        expectCSS("body\n  a blend(rgba(#f00, .5))\n  b blend(rgba(#f00, .5), #00f)\n", "body {\n  a: #ff8080;\n  b: #800080;\n}")  // bif-blend
        expectCSS("size(n)\n  cache()\n  width n\n.a\n  size(10px)\n.b\n  size(10px)\n.c\n  size(20px)\n", ".a {\n  width: 10px;\n}\n.b {\n  width: 10px;\n}\n.c {\n  width: 20px;\n}")  // bif-cache
        expectCSS("body\n  a contrast(#000, #fff)\n  b contrast(#fff, #fff)\n  c contrast(#777)\n  d contrast(rgba(0,0,0,.5), #fff)\n  e contrast(#fff, rgba(0,0,0,.5))\n", "body {\n  a: {\"ratio\":\"21\",\"error\":\"0\",\"min\":\"21\",\"max\":\"21\"};\n  b: {\"ratio\":\"1\",\"error\":\"0\",\"min\":\"1\",\"max\":\"1\"};\n  c: {\"ratio\":\"4.5\",\"error\":\"0\",\"min\":\"4.5\",\"max\":\"4.5\"};\n  d: {\"ratio\":\"3.9\",\"error\":\"0\",\"min\":\"3.9\",\"max\":\"3.9\"};\n  e: {\"ratio\":\"12.45\",\"error\":\"8.55\",\"min\":\"3.9\",\"max\":\"21\"};\n}")  // bif-contrast
        expectCSS("body\n  a convert('1px + 2px')\n  b convert('#fff')\n  c type(convert('10px'))\n", "body {\n  a: 3px;\n  b: #fff;\n  c: 'unit';\n}")  // bif-convert
        expectCSS("@media print\n  .a\n    b current-media()\n.c\n  d current-media()\n@media screen and (min-width: 1px)\n  .e\n    f current-media()\n", "@media print {\n  .a {\n    b: '@media (print)';\n  }\n}\n.c {\n  d: '';\n}\n@media screen and (min-width: 1px) {\n  .e {\n    f: '@media (screen and (min-width: (1px)))';\n  }\n}")  // bif-current-media
        expectCSS("body\n  a darken(#888, 10)\n  b lighten(#888, 10)\n  c desaturate(#f00, 10)\n  d saturate(#b44, 10)\n", "body {\n  a: #6f6f6f;\n  b: #a2a2a2;\n  c: #f20d0d;\n  d: #c83737;\n}")  // bif-darken-lighten-abs
        expectCSS("m()\n  define('gvar', 5, true)\nbody\n  m()\n  a gvar\n", "body {\n  a: 5;\n}")  // bif-define-global
        expectCSS("body\n  a hsl(0, 0, 50%)\n  b hsla(270, 60%, 70%, 0.5)\n  c hsl(-30, 100%, 50%)\n", "body {\n  a: #808080;\n  b: rgba(178,133,224,0.5);\n  c: #ff0080;\n}")  // bif-hsl-formats
        expectCSS("body\n  x y\n", "body {\n  x: y;\n}")  // bif-json-local
        expectCSS("body\n  a list-separator(a b)\n  b list-separator(a, b)\n", "body {\n  a: ' ';\n  b: ' ';\n}")  // bif-list-sep
        expectCSS("foo-1 = red\nbody\n  for i in 1..2\n    a lookup('foo-' + i)\n", "body {\n  a: #f00;\n  a: ;\n}")  // bif-lookup
        expectCSS("body\n  a luminosity(#fff)\n  b luminosity(#000)\n  c luminosity(#808080)\n", "body {\n  a: 1;\n  b: 0;\n  c: 0.215860500113899;\n}")  // bif-luminosity
        expectCSS("body\n  a match('^foo', 'foobar')\n  b match('(\\w+)-(\\w+)', 'ab-cd')\n  c match('x', 'abc')\n  d match('A', 'aaa', 'gi')\n", "body {\n  a: 'foo';\n  b: 'ab-cd' 'ab' 'cd';\n  c: ;\n  d: 'a' 'a' 'a';\n}")  // bif-match
        expectCSS("body\n  a operate('+', 1, 2)\n  b operate('*', 2px, 3)\n", "body {\n  a: 3;\n  b: 6px;\n}")  // bif-operate
        expectCSS("body\n  a percentage(1/3)\n  b percentage(0.1)\n", "body {\n  a: 33.33333333333333%;\n  b: 10%;\n}")  // bif-percent
        expectCSS("l = 1 2 3\nbody\n  a pop(l)\n  b l\n  c shift(l)\n  d l\n", "body {\n  a: 3;\n  b: 2;\n  c: 1;\n  d: 2;\n}")  // bif-pop-shift
        expectCSS("body\n  a rgba(1,2,3,.333333)\n  b rgba(1,2,3,0)\n  c rgba(1,2,3,1)\n  d rgb(300, -5, 127.5)\n", "body {\n  a: rgba(1,2,3,0.333);\n  b: rgba(1,2,3,0);\n  c: #010203;\n  d: #ff0080;\n}")  // bif-rgba-formats
        expectCSS("body\n  a round(2.5)\n  b round(-2.5)\n  c floor(-1.5)\n  d ceil(-1.5)\n  e round(1.005, 2)\n", "body {\n  a: 3;\n  b: -2;\n  c: -2;\n  d: -1;\n  e: 1;\n}")  // bif-rounding
        expectCSS("body\n  a s('%d%%', 5)\n  b s('%s', #fff)\n  c s('%s', 'str')\n  d s('%s and %s', a)\n", "body {\n  a: 5%%;\n  b: #fff;\n  c: 'str';\n  d: a and;\n}")  // bif-s-format
        expectCSS(".foo\n  x y\n.bar\n  .baz\n    x y\nbody\n  a selector-exists('.foo')\n  b selector-exists('.nope')\n  c selector-exists('.bar .baz')\n", ".foo {\n  x: y;\n}\n.bar .baz {\n  x: y;\n}\nbody {\n  a: true;\n  b: false;\n  c: true;\n}")  // bif-selector-exists
        expectCSS(".a\n  .b, .c\n    &:hover\n      z selectors()\n", ".a .b:hover,\n.a .c:hover {\n  z: '.a', '& .b,& .c', '&:hover';\n}")  // bif-selectors
        expectCSS("body\n  a slice(1 2 3 4 5, 1, 3)\n  b slice('abcdef', 2)\n  c slice('abcdef', -2)\n  d slice(a b c, -2)\n", "body {\n  a: 2 3;\n  b: 'cdef';\n  c: 'ef';\n  d: b c;\n}")  // bif-slice
        expectCSS("body\n  a spin(#f00, 30)\n  b spin(#f00, -30deg)\n  c complement(#0f0)\n", "body {\n  a: #ff8000;\n  b: #ff0080;\n  c: #f0f;\n}")  // bif-spin-complement
        expectCSS("body\n  a transparentify(#91974C)\n  b transparentify(#91974C, 0.5)\n  c transparentify(#91974C, #F34949)\n", "body {\n  a: rgba(98,107,0,0.7);\n  b: rgba(35,47,0,0.5);\n  c: rgba(14,255,80,0.43);\n}")  // bif-transparentify
        expectCSS("body\n  a sin(30deg)\n  b cos(60deg)\n  c tan(90deg)\n  d sin(1)\n", "body {\n  a: 0.5;\n  b: 0.5;\n  c: Infinity;\n  d: 0.841470985;\n}")  // bif-trig
        expectCSS("body\n  a unquote(\"foo bar\")\n  b unquote('\"x\"')\n", "body {\n  a: foo bar;\n  b: \"x\";\n}")  // bif-unquote-various
        expectCSS("o = {a: 1, b: 2}\nbody\n  a keys(o)\n  b values(o)\n  c keys((a 1) (b 2))\n  d values((a 1) (b 2))\n", "body {\n  a: 'a' 'b';\n  b: 1 2;\n  c: a b;\n  d: 1 2;\n}")  // bif-values-keys
    }
    @Test func blockSnippets() {
        expectCSS("foo =\n  width 20px\n  height 20px\n.icon\n  {foo}\n", ".icon {\n  width: 20px;\n  height: 20px;\n}")  // block-assign
        expectCSS("foo = @block {\n  width 20px\n}\n.icon\n  {foo}\n", ".icon {\n  width: 20px;\n}")  // block-assign2
        expectCSS("m()\n  a block\nbody\n  m()\n", "body {\n  a: block;\n}")  // block-literal-prop
        expectCSS("m(color)\n  .x\n    color color\n    {block}\nbody\n  +m(red)\n    width 1px\n", "body .x {\n  color: #f00;\n  width: 1px;\n}")  // block-mixin-args
    }
    @Test func calcSnippets() {
        expectCSS("body\n  width calc(100% - 10px)\n  height -webkit-calc(50% + 2px)\n  w = 10px\n  margin calc(1px + w)\n", "body {\n  width: calc(100% - 10px);\n  height: -webkit-calc(50% + 2px);\n  margin: calc(1px + w);\n}")  // calc-stuff
    }
    @Test func calledSnippets() {
        expectCSS("f()\n  called-from\ng()\n  f()\nbody\n  a g()\n", "body {\n  a: g;\n}")  // called-from
    }
    @Test func charsetSnippets() {
        expectCSS("@charset \"utf-8\"\n@namespace url(http://www.w3.org/1999/xhtml)\nbody\n  x y\n", "@charset \"utf-8\";\n@namespace url(\"http://www.w3.org/1999/xhtml\");\nbody {\n  x: y;\n}")  // charset-namespace
    }
    @Test func colorSnippets() {
        expectCSS("body\n  a darken(red, 0%)\n  b lighten(red, 100%)\n  c saturate(#888, 50%)\n  d desaturate(red, 100%)\n  e fade-out(red, 50%)\n  f fade-in(rgba(red, 0.1), 50%)\n  g spin(#f00, -60)\n  h mix(red, blue, 0%)\n  i tint(#333, 10%)\n  j shade(#ddd, 10%)\n  k invert(#123)\n  l complement(#abc)\n  m grayscale(#abc)\n  n transparentify(#91974C, #F34949, 0.5)\n", "body {\n  a: #f00;\n  b: #fff;\n  c: #888;\n  d: #808080;\n  e: rgba(255,0,0,0.5);\n  f: rgba(255,0,0,0.6);\n  g: #f0f;\n  h: #00f;\n  i: #474747;\n  j: #c6c6c6;\n  k: #edc;\n  l: #cba;\n  m: #bbb;\n  n: rgba(47,229,79,0.5);\n}")  // color-bifs-more
        expectCSS("body\n  a #fff == white\n  b #fff == #ffffff\n  c red != blue\n  d light(#fff)\n", "body {\n  a: true;\n  b: true;\n  c: true;\n  d: true;\n}")  // color-compare
        expectCSS("c = #36c\nbody\n  a red(c)\n  b green(c) blue(c)\n  c alpha(c)\n  d hue(c) saturation(c) lightness(c)\n  e red(c, 255)\n  f alpha(c, 0.5)\n  g lightness(c, 80%)\n  h hue(c, 90deg)\n", "body {\n  a: 51;\n  b: 102 204;\n  c: 1;\n  d: 220deg 60.00000000000001% 50%;\n  e: #f6c;\n  f: rgba(51,102,204,0.5);\n  g: #adc2eb;\n  h: #80cc33;\n}")  // color-components
        expectCSS("body\n  a #fff - 20%\n  b #000 + 50%\n  c red + blue\n  d rgba(0,0,0,.5) + rgba(255,255,255,.5)\n  e #ccc / 2\n  f #f00 + 30deg\n  g #123456\n  h #AbCdEf\n  i rgba(255,255,255,1)\n  j rgba(0,0,0,0)\n  k hsla(0,0%,0%,0.123456)\n", "body {\n  a: #ccc;\n  b: #808080;\n  c: #f0f;\n  d: #fff;\n  e: #ccc/2;\n  f: #ff8000;\n  g: #123456;\n  h: #abcdef;\n  i: #fff;\n  j: rgba(0,0,0,0);\n  k: rgba(0,0,0,0.123);\n}")  // color-ops
    }
    @Test func commaSnippets() {
        expectCSS("body\n  transition opacity .2s ease, transform .3s ease-out\n  font-family \"A\", \"B\", serif\n  box-shadow 0 0 1px red, inset 0 1px 0 blue\n", "body {\n  transition: opacity 0.2s ease, transform 0.3s ease-out;\n  font-family: \"A\", \"B\", serif;\n  box-shadow: 0 0 1px #f00, inset 0 1px 0 #00f;\n}")  // comma-lists
    }
    @Test func commentSnippets() {
        expectCSS("/* top */\nbody\n  /* c1 */\n  x y\n  /* c2 */\n", "/* top */\nbody {\n/* c1 */\n  x: y;\n/* c2 */\n}")  // comment-in-import-like
        expectCSS(".a, /* c */ .b\n  x y\n", ".a,\n.b {\n  x: y;\n}")  // comment-in-selector
    }
    @Test func commentsSnippets() {
        expectCSS("/* block */\nbody\n  /* inside */\n  color red\n  // line\n  width 1px /* after */\n/*! bang */\n", "/* block */\nbody {\n/* inside */\n  color: #f00;\n  width: 1px /* after */;\n}\n/* bang */")  // comments-various
    }
    @Test func compressSnippets() {
        expectCSS("body\n  a b\n  c d\n", "body {\n  a: b;\n  c: d;\n}")  // compress-semicolon
    }
    @Test func condSnippets() {
        expectCSS("x = 10\nx -= 2\nx *= 3\nx /= 4\nx %= 4\nbody\n  z x\n", "body {\n  z: 2;\n}")  // cond-assign-ops
    }
    @Test func cssSnippets() {
        expectCSS(".a { color: red; .b { color: blue; } }\n.c\n{\n  color: green;\n}\n", ".a {\n  color: #f00;\n}\n.a .b {\n  color: #00f;\n}\n.c {\n  color: #008000;\n}")  // css-block-style
        expectCSS("/* a */ .a { /* b */ color: red; /* c */ }\n", "/* a */\n.a {\n/* b */\n  color: #f00;\n/* c */\n}")  // css-comments-mixed
        expectCSS(":root\n  --main-color #06c\n  --spacing 4px\n.a\n  color var(--main-color)\n  margin calc(var(--spacing) * 2)\n", ":root {\n  --main-color: #06c;\n  --spacing: 4px;\n}\n.a {\n  color: var(--main-color);\n  margin: calc(var(--spacing) * 2);\n}")  // css-custom-props
        expectCSS("body { color: red }\na { b: c; }\n", "body {\n  color: #f00;\n}\na {\n  b: c;\n}")  // css-eos
        expectCSS("add(a, b) { return a + b }\nbody { width: add(1px, 2px); }\n", "body {\n  width: 3px;\n}")  // css-fn-return
        expectCSS("@font-face { font-family: \"X\"; src: url(x.woff2) format(\"woff2\"); }\n", "@font-face {\n  font-family: \"X\";\n  src: url(\"x.woff2\") format(\"woff2\");\n}")  // css-font-face-braces
        expectCSS("body {\n  for i in 1 2 {\n    margin-{i}: i;\n  }\n}\n", "body {\n  margin-1: 1;\n  margin-2: 2;\n}")  // css-for
        expectCSS("body {\n  if true {\n    color: red;\n  } else {\n    color: blue;\n  }\n}\n", "body {\n  color: #f00;\n}")  // css-if
        expectCSS(".a { color: red !important; margin: 0 auto; }\n", ".a {\n  color: #f00 !important;\n  margin: 0 auto;\n}")  // css-important-semi
        expectCSS("@keyframes spin { from { transform: rotate(0deg) } to { transform: rotate(360deg) } }\n", "@-moz-keyframes spin {\n  from {\n    transform: rotate(0deg);\n  }\n  to {\n    transform: rotate(360deg);\n  }\n}\n@-webkit-keyframes spin {\n  from {\n    transform: rotate(0deg);\n  }\n  to {\n    transform: rotate(360deg);\n  }\n}\n@-o-keyframes spin {\n  from {\n    transform: rotate(0deg);\n  }\n  to {\n    transform: rotate(360deg);\n  }\n}\n@keyframes spin {\n  from {\n    transform: rotate(0deg);\n  }\n  to {\n    transform: rotate(360deg);\n  }\n}")  // css-keyframes-braces
        expectCSS("@css {\n  .a { color: red }\n}\nbody\n  x y\n", ".a { color: red }\nbody {\n  x: y;\n}")  // css-literal
        expectCSS("@media screen { .a { color: red } @media (min-width: 1px) { .b { color: blue } } }\n", "@media screen {\n  .a {\n    color: #f00;\n  }\n}\n@media screen and (min-width: 1px) {\n  .b {\n    color: #00f;\n  }\n}")  // css-media-nested-braces
        expectCSS(".a { color: red } .b { color: blue }\n", ".a {\n  color: #f00;\n}\n.b {\n  color: #00f;\n}")  // css-one-line-multi
        expectCSS("@page :left { margin-left: 2cm }\n", "@page :left {\n  margin-left: 2cm;\n}")  // css-page-braces
        expectCSS(".a\n  color: red\n  margin : 0\n  padding:0\n", ".a {\n  color: #f00;\n  margin: 0;\n  padding: 0;\n}")  // css-props-colons
        expectCSS("a:hover > b ~ c + d\n  x y\n.a.b#c[d='e']:not(.f)::after\n  x y\n*\n  x y\n", "a:hover > b ~ c + d {\n  x: y;\n}\n.a.b#c[d='e']:not(.f)::after {\n  x: y;\n}\n* {\n  x: y;\n}")  // css-selectors-odd
        expectCSS("body\n  color red;\n  background blue;\na { b: c }\n", "body {\n  color: #f00;\n  background: #00f;\n}\na {\n  b: c;\n}")  // css-semicolons-mixed
        expectCSS("@supports (display: grid) { .a { display: grid } }\n", "@supports (display: grid) {\n  .a {\n    display: grid;\n  }\n}")  // css-supports-braces
    }
    @Test func currentSnippets() {
        expectCSS("f()\n  current-property[0]\nbody\n  width f()\n", "body {\n  width: 'width';\n}")  // current-property
    }
    @Test func deepSnippets() {
        expectCSS(".a\n  .b\n    @media print\n      .c\n        x y\n      z w\n", "@media print {\n  .a .b {\n    z: w;\n  }\n  .a .b .c {\n    x: y;\n  }\n}")  // deep-media-bubble
        expectCSS("a\n  b\n    c\n      d\n        e\n          f g\n", "a b c d e {\n  f: g;\n}")  // deep-nest
    }
    @Test func defineSnippets() {
        expectCSS("define('foo', 5px)\nbody\n  a foo\n", "body {\n  a: 5px;\n}")  // define-bif
    }
    @Test func definedSnippets() {
        expectCSS("x = 1\nbody\n  a x is defined\n  b y is defined\n  c lookup('x')\n  d lookup('nope')\n", "body {\n  a: true;\n  b: false;\n  c: 1;\n  d: ;\n}")  // defined-check
    }
    @Test func eachSnippets() {
        expectCSS("for v, i in (a b) (c d)\n  .x-{i}\n    z v\n", ".x-0 {\n  z: a b;\n}\n.x-1 {\n  z: c d;\n}")  // each-key-index
        expectCSS("list = a b c\nfor item in list\n  .{item}\n    x item\n", ".a {\n  x: a;\n}\n.b {\n  x: b;\n}\n.c {\n  x: c;\n}")  // each-root-mixin
    }
    @Test func emptySnippets() {
        expectCSS("// only comment\n", "")  // empty-file-ish
        expectCSS("a\nb\n  c d\n.empty\n  // nothing\n", "a,\nb {\n  c: d;\n}")  // empty-rules
    }
    @Test func eolSnippets() {
        expectCSS("body\n  font-family Arial, \\\n    sans-serif\n", "body {\n  font-family: Arial, sans-serif;\n}")  // eol-escape
    }
    @Test func equalitySnippets() {
        expectCSS("body\n  a 1 == '1'\n  b 1px == 1\n  c 1px == 1em\n  d (1 2) == (1 2)\n  e a == 'a'\n", "body {\n  a: true;\n  b: true;\n  c: true;\n  d: true;\n  e: true;\n}")  // equality-mixed
    }
    @Test func escapeSnippets() {
        expectCSS(".a\\:b\n  x y\n.c\n  content '\\201C'\n  d \\2014\n", ".a:b {\n  x: y;\n}\n.c {\n  content: '\\201C';\n  d: 2 14;\n}")  // escape-chars
    }
    @Test func escapedSnippets() {
        expectCSS(".sm\\:flex\n  display flex\n.w-1\\/2\n  width 50%\n", ".sm:flex {\n  display: flex;\n}\n.w-1/2 {\n  width: 50%;\n}")  // escaped-selectors
    }
    @Test func extendSnippets() {
        expectCSS("$base\n  color red\n$mid\n  @extend $base\n  width 1px\n.a\n  @extend $mid\n", ".a {\n  color: #f00;\n}\n.a {\n  width: 1px;\n}")  // extend-chain-placeholder
        expectCSS(".a\n  color red\n@media print\n  .b\n    @extend .a\n", ".a,\n.b {\n  color: #f00;\n}")  // extend-in-media
        expectCSS(".a\n  .b\n    color red\n.c\n  @extend .a .b\n", ".a .b,\n.c {\n  color: #f00;\n}")  // extend-nested
        expectCSS("$x\n  color red\n$y\n  width 1px\n.a\n  @extend $x, $y\n", ".a {\n  color: #f00;\n}\n.a {\n  width: 1px;\n}")  // extend-placeholder-multi
        expectCSS(".a:hover\n  color red\n.b\n  @extend .a:hover\n", ".a:hover,\n.b {\n  color: #f00;\n}")  // extend-pseudo
        expectCSS(".a, .b\n  color red\n.c\n  @extend .a\n", ".a,\n.b,\n.c {\n  color: #f00;\n}")  // extend-selector-list
        expectCSS(".a\n  color red\n.b\n  @media print\n    @extend .a\n", ".a,\n.b {\n  color: #f00;\n}")  // extend-with-media-parent
    }
    @Test func fontSnippets() {
        expectCSS("@font-face\n  font-family 'Foo'\n  src url('a.eot'), url('a.woff') format('woff')\n", "@font-face {\n  font-family: 'Foo';\n  src: url(\"a.eot\"), url(\"a.woff\") format('woff');\n}")  // font-face-multi
        expectCSS("size = 12px\nlh = 1.5\nbody\n  font size/lh sans-serif\n  font (size)/lh\n  font size / lh\n", "body {\n  font: 12px/1.5 sans-serif;\n  font: 12px/1.5;\n  font: 12px/1.5;\n}")  // font-shorthand-vars
    }
    @Test func forSnippets() {
        expectCSS("colors = {primary: #f00, secondary: #0f0}\nfor name, val in colors\n  .text-{name}\n    color val\n", ".text-primary {\n  color: #f00;\n}\n.text-secondary {\n  color: #0f0;\n}")  // for-hash-kv
        expectCSS("for i in 1..2\n  for j in 1..2\n    .c-{i}-{j}\n      w i * j\n", ".c-1-1 {\n  w: 1;\n}\n.c-1-2 {\n  w: 2;\n}\n.c-2-1 {\n  w: 2;\n}\n.c-2-2 {\n  w: 4;\n}")  // for-nested
        expectCSS("f(list)\n  for x in list\n    if x > 2\n      return x\n  null\nbody\n  z f(1 2 3 4)\n", "body {\n  z: 3;\n}")  // for-return
    }
    @Test func functionSnippets() {
        expectCSS("f(a, b = a * 2)\n  a + b\nbody\n  z f(1)\n", "body {\n  z: 3;\n}")  // function-default-from-other
        expectCSS("f()\n  '.x'\n{f()}\n  x y\n", ".x {\n  x: y;\n}")  // function-in-selector
        expectCSS("f(x)\n  x * 2\ng(x)\n  f(x) + f(x)\nbody\n  z g(f(1))\n", "body {\n  z: 8;\n}")  // function-nested-calls
        expectCSS("size(w, h)\n  width w\n  height h\nbody\n  size 10px 20px\n  size: 1px 2px\n", "body {\n  width: 10px;\n  height: 20px;\n  width: 1px;\n  height: 2px;\n}")  // function-property-call
        expectCSS("f()\n  return 1 2 3\nbody\n  z f()\n  y f()[1]\n", "body {\n  z: 1 2 3;\n  y: 2;\n}")  // function-return-list
    }
    @Test func globalSnippets() {
        expectCSS("m()\n  $x = 5\nbody\n  m()\n  z $x is defined\n", "body {\n  z: false;\n}")  // global-var-in-mixin-set
    }
    @Test func gridSnippets() {
        expectCSS(".a\n  grid-template-columns repeat(2, 1fr)\n  grid-area 1 / 2 / 3 / 4\n  grid-template-areas \"a b\" \"c d\"\n", ".a {\n  grid-template-columns: repeat(2, 1fr);\n  grid-area: 1/2/3/4;\n  grid-template-areas: \"a b\" \"c d\";\n}")  // grid-syntax
    }
    @Test func hackSnippets() {
        expectCSS("body\n  *zoom 1\n  _height 1px\n", "body {\n  *zoom: 1;\n  _height: 1px;\n}")  // hack-star
    }
    @Test func hashSnippets() {
        expectCSS("settings = {\n  small: 10px,\n  large: 20px\n}\nfor size, val in settings\n  .p-{size}\n    padding val\n", ".p-small {\n  padding: 10px;\n}\n.p-large {\n  padding: 20px;\n}")  // hash-in-each-block
        expectCSS("o = {color: red, width: 1px}\nbody\n  {o}\n", "body {\n  color: #f00;\n  width: 1px;\n}")  // hash-mixin
        expectCSS("o = {}\no.x = 1\no['y'] = 2\nbody\n  a o.x o.y\n  b remove(o, 'x')\n  c merge({a: 1}, {b: 2})\n", "body {\n  a: 1 2;\n  b: {\"y\":\"(2)\"};\n  c: {\"a\":\"(1)\",\"b\":\"(2)\"};\n}")  // hash-mutate
    }
    @Test func hoistSnippets() {
        expectCSS("body\n  x y\n@import 'a.css'\n", "body {\n  x: y;\n}\n@import 'a.css';")  // hoist-like
    }
    @Test func hslSnippets() {
        expectCSS("body\n  a hsl(120deg, 50%, 50%)\n  b hsla(240, 100%, 50%, 0.5)\n  c hsl(360, 100%, 50%)\n", "body {\n  a: #40bf40;\n  b: rgba(0,0,255,0.5);\n  c: #f00;\n}")  // hsl-variants
    }
    @Test func hslaSnippets() {
        expectCSS("body\n  a hsla(10, 20%, 30%, .4)\n  b hsl(10, 20%, 30%)\n  c hsla(0, 0%, 100%, 1)\n", "body {\n  a: rgba(92,66,61,0.4);\n  b: #5c423d;\n  c: #fff;\n}")  // hsla-output
    }
    @Test func identSnippets() {
        expectCSS("body\n  a foo + bar\n  b foo- + 1\n  c -webkit- + border\n", "body {\n  a: foobar;\n  b: foo-1;\n  c: -webkit-border;\n}")  // ident-concat
        expectCSS("$foo-bar = 5\nbody\n  z $foo-bar\n", "body {\n  z: 5;\n}")  // ident-with-dollar
    }
    @Test func ifSnippets() {
        expectCSS("f(x)\n  if x is a 'unit'\n    'unit'\n  else if x is a 'string'\n    'string'\n  else\n    'other'\nbody\n  z f(1) f('a') f(#fff)\n", "body {\n  z: 'unit' 'string' 'other';\n}")  // if-else-chain-in-function
        expectCSS("if true\n  .a\n    x y\nelse\n  .b\n    x y\n", ".a {\n  x: y;\n}")  // if-in-root-block
    }
    @Test func imageSnippets() {
        expectCSS("body\n  x y\n", "body {\n  x: y;\n}")  // image-size-missing
    }
    @Test func importSnippets() {
        expectCSS("@import \"foo.css\"\n@import url(\"bar.css\")\n@import 'http://x.com/a.css'\nbody\n  x y\n", "@import \"foo.css\";\n@import url(\"bar.css\");\n@import 'http://x.com/a.css';\nbody {\n  x: y;\n}")  // import-css
    }
    @Test func importantSnippets() {
        expectCSS("m()\n  color red !important\n.a\n  m()\n", ".a {\n  color: #f00 !important;\n}")  // important-in-mixin
        expectCSS("body\n  color red !important\n  margin 0 !important\nm()\n  width 1px\n.a\n  m() !important\n", "body {\n  color: #f00 !important;\n  margin: 0 !important;\n}\n.a {\n  width: 1px;\n}")  // important
    }
    @Test func inlineSnippets() {
        expectCSS(".a\n  color red /* red */\n  width 1px\n", ".a {\n  color: #f00 /* red */;\n  width: 1px;\n}")  // inline-comment-props
    }
    @Test func interpSnippets() {
        expectCSS("side = left\nbody\n  border-{side}-width 1px\n  margin-{side} 0\n", "body {\n  border-left-width: 1px;\n  margin-left: 0;\n}")  // interp-prop-mixed
        expectCSS("n = 3\n.col-{n * 2}\n  x y\n", ".col-6 {\n  x: y;\n}")  // interp-selector-expr
        expectCSS("sel = '.a, .b'\n{sel}\n  x y\n", ".a,\n.b {\n  x: y;\n}")  // interp-string-selector
    }
    @Test func jsonSnippets() {
        expectCSS("body\n  x y\n", "body {\n  x: y;\n}")  // json-missing-optional
    }
    @Test func keyframesSnippets() {
        expectCSS("anim(name)\n  @keyframes {name}\n    0%\n      opacity 0\n  animation name 1s\n.a\n  anim(fade)\n", ".a {\n  animation: fade 1s;\n}\n@-moz-keyframes fade {\n  0% {\n    opacity: 0;\n  }\n}\n@-webkit-keyframes fade {\n  0% {\n    opacity: 0;\n  }\n}\n@-o-keyframes fade {\n  0% {\n    opacity: 0;\n  }\n}\n@keyframes fade {\n  0% {\n    opacity: 0;\n  }\n}")  // keyframes-in-mixin
        expectCSS("n = spin\n@keyframes {n}\n  from\n    x y\n", "@-moz-keyframes spin {\n  from {\n    x: y;\n  }\n}\n@-webkit-keyframes spin {\n  from {\n    x: y;\n  }\n}\n@-o-keyframes spin {\n  from {\n    x: y;\n  }\n}\n@keyframes spin {\n  from {\n    x: y;\n  }\n}")  // keyframes-interp
        expectCSS("@media screen\n  @keyframes k\n    from\n      x y\n", "@media screen {\n@-moz-keyframes k {\n    from {\n      x: y;\n    }\n}\n@-webkit-keyframes k {\n    from {\n      x: y;\n    }\n}\n@-o-keyframes k {\n    from {\n      x: y;\n    }\n}\n@keyframes k {\n    from {\n      x: y;\n    }\n}\n}")  // keyframes-nested-media
        expectCSS("@keyframes x\n  0%, 50%\n    a b\n  100%\n    a c\n", "@-moz-keyframes x {\n  0%, 50% {\n    a: b;\n  }\n  100% {\n    a: c;\n  }\n}\n@-webkit-keyframes x {\n  0%, 50% {\n    a: b;\n  }\n  100% {\n    a: c;\n  }\n}\n@-o-keyframes x {\n  0%, 50% {\n    a: b;\n  }\n  100% {\n    a: c;\n  }\n}\n@keyframes x {\n  0%, 50% {\n    a: b;\n  }\n  100% {\n    a: c;\n  }\n}")  // keyframes-percent-list
        expectCSS("@-webkit-keyframes a\n  0%\n    x y\n@-moz-keyframes b\n  0%\n    x y\n", "@-webkit-keyframes a {\n  0% {\n    x: y;\n  }\n}\n@-moz-keyframes b {\n  0% {\n    x: y;\n  }\n}")  // keyframes-vendor
    }
    @Test func kwargs1Snippets() {
        expectCSS("m(a, b = 2, c = 3)\n  z a b c\nbody\n  m(1, c: 5)\n", "body {\n  z: 1 2 5;\n}")  // kwargs1
    }
    @Test func kwargs2Snippets() {
        expectCSS("f(a, b)\n  a - b\nbody\n  z f(b: 1, a: 10)\n", "body {\n  z: 9;\n}")  // kwargs2
    }
    @Test func lightenSnippets() {
        expectCSS("body\n  a lighten(#000, 0)\n  b darken(#fff, 100%)\n  c lighten(#808080, 50)\n  d darken(hsl(0, 50%, 50%), 10%)\n", "body {\n  a: #000;\n  b: #000;\n  c: #fff;\n  d: #ac3939;\n}")  // lighten-darken-edge
    }
    @Test func logicSnippets() {
        expectCSS("body\n  z 0 or 5\n  y 1 and 2\n  x null or 'a'\n  w false and 1\n", "body {\n  z: 5;\n  y: 2;\n  x: 'a';\n  w: false;\n}")  // logic-values
    }
    @Test func longSnippets() {
        expectCSS(".a\n  box-shadow 0 1px 2px rgba(0,0,0,.2), 0 2px 4px rgba(0,0,0,.2), inset 0 0 0 1px #fff\n  transition color .2s ease-in-out, background-color .2s ease-in-out, border-color .2s\n  background linear-gradient(to right, rgba(255,255,255,0) 0%, #fff 100%), url(a.png) no-repeat\n", ".a {\n  box-shadow: 0 1px 2px rgba(0,0,0,0.2), 0 2px 4px rgba(0,0,0,0.2), inset 0 0 0 1px #fff;\n  transition: color 0.2s ease-in-out, background-color 0.2s ease-in-out, border-color 0.2s;\n  background: linear-gradient(to right, rgba(255,255,255,0) 0%, #fff 100%), url(\"a.png\") no-repeat;\n}")  // long-values
    }
    @Test func lookupSnippets() {
        expectCSS("v-1 = 10px\nbody\n  for i in 1..1\n    a lookup('v-' + i)\n", "body {\n  a: 10px;\n}")  // lookup-complex
    }
    @Test func mathSnippets() {
        expectCSS("body\n  a sin(90deg)\n  b cos(180deg)\n  c tan(45deg)\n  d PI\n  e atan(1)\n  f acos(1)\n  g asin(1)\n", "body {\n  a: 1;\n  b: -1;\n  c: 1;\n  d: 3.141592653589793;\n  e: 45deg;\n  f: 0deg;\n  g: 90deg;\n}")  // math-trig
    }
    @Test func mediaSnippets() {
        expectCSS(".a\n  color red\n  @media (min-width: 100px)\n    color blue\n    .b\n      color green\n", ".a {\n  color: #f00;\n}\n@media (min-width: 100px) {\n  .a {\n    color: #00f;\n  }\n  .a .b {\n    color: #008000;\n  }\n}")  // media-and-props
        expectCSS("w = 10px\n@media (min-width: w * 2) and (max-width: (w * 10))\n  a\n    b c\n", "@media (min-width: 20px) and (max-width: 100px) {\n  a {\n    b: c;\n  }\n}")  // media-features-expr
        expectCSS("feat = 'max-width'\n@media ({feat}: 10px)\n  a\n    b c\n", "@media (max-width: 10px) {\n  a {\n    b: c;\n  }\n}")  // media-interp
        expectCSS("@media screen, print and (orientation: landscape)\n  .a\n    x y\n", "@media screen, print and (orientation: landscape) {\n  .a {\n    x: y;\n  }\n}")  // media-list-types
        expectCSS("@media screen\n  @media (min-width: 1px)\n    a\n      b c\n", "@media screen and (min-width: 1px) {\n  a {\n    b: c;\n  }\n}")  // media-merge-nested
        expectCSS("@media not print\n  a\n    b c\n", "@media not print {\n  a {\n    b: c;\n  }\n}")  // media-not
        expectCSS("@media only screen and (min-width: 1px) and (max-width: 2px)\n  a\n    b c\n", "@media only screen and (min-width: 1px) and (max-width: 2px) {\n  a {\n    b: c;\n  }\n}")  // media-only
        expectCSS("bp = 480px\n@media screen and (max-width: bp)\n  a\n    b c\n", "@media screen and (max-width: 480px) {\n  a {\n    b: c;\n  }\n}")  // media-query-vars
        expectCSS("@media (min-aspect-ratio: 16/9)\n  .a\n    x y\n", "@media (min-aspect-ratio: 16/9) {\n  .a {\n    x: y;\n  }\n}")  // media-ratio
        expectCSS("@media (-webkit-min-device-pixel-ratio: 2), (min-resolution: 192dpi)\n  .a\n    x y\n", "@media (-webkit-min-device-pixel-ratio: 2), (min-resolution: 192dpi) {\n  .a {\n    x: y;\n  }\n}")  // media-resolution
        expectCSS("bp(w)\n  @media (max-width: w)\n    {block}\n.a\n  +bp(10px)\n    x y\n  .b\n    +bp(20px)\n      z w\n", "@media (max-width: 10px) {\n  .a {\n    x: y;\n  }\n}\n@media (max-width: 20px) {\n  .a .b {\n    z: w;\n  }\n}")  // media-with-mixin-block
    }
    @Test func mixSnippets() {
        expectCSS("body\n  a mix(rgba(255,0,0,.5), blue)\n  b mix(#000, #fff, 75%)\n", "body {\n  a: rgba(63,0,191,0.75);\n  b: #3f3f3f;\n}")  // mix-alpha
    }
    @Test func mixedSnippets() {
        expectCSS("body\n  a 1px < 2\n  b 10 > 5px\n  c 1em >= 1\n", "body {\n  a: true;\n  b: true;\n  c: true;\n}")  // mixed-units-compare
    }
    @Test func mixinSnippets() {
        expectCSS("m()\n  body\n    x y\n@media print\n  m()\n", "@media print {\n  body {\n    x: y;\n  }\n}")  // mixin-in-media-root
        expectCSS("inner(v)\n  width v\nouter(v)\n  inner(v * 2)\n  height v\nbody\n  outer(5px)\n", "body {\n  width: 10px;\n  height: 5px;\n}")  // mixin-nested-call
        expectCSS("m()\n  x y\nbody\n  z w\nm()\n", "body {\n  z: w;\n}\nx: y;")  // mixin-properties-at-root
        expectCSS("m(n)\n  if n > 0\n    w n\n    m(n - 1)\nbody\n  m(3)\n", "body {\n  w: 3;\n  w: 2;\n  w: 1;\n}")  // mixin-recursion-bounded
        expectCSS("m()\n  .a\n    x y\nm()\n", ".a {\n  x: y;\n}")  // mixin-root-level
        expectCSS("m()\n  if true\n    return\n  width 1px\nbody\n  m()\n  height 1px\n", "body {\n  width: 1px;\n  height: 1px;\n}")  // mixin-with-return-in-mixin
    }
    @Test func multiSnippets() {
        expectCSS("h1, h2, h3\n  margin 0\n  &:hover\n    x y\n", "h1,\nh2,\nh3 {\n  margin: 0;\n}\nh1:hover,\nh2:hover,\nh3:hover {\n  x: y;\n}")  // multi-selector-props
    }
    @Test func multilineSnippets() {
        expectCSS("m(a, b)\n  z a b\nbody\n  m(\n    1,\n    2\n  )\n", "body {\n  z: 1 2;\n}")  // multiline-args
        expectCSS("o = {\n  a: 1,\n  b: 2,\n}\nbody\n  z o.a o.b\n", "body {\n  z: 1 2;\n}")  // multiline-hash
    }
    @Test func negativeSnippets() {
        expectCSS("body\n  margin -5px -10px\n  a -(5px)\n  n = 5\n  b -n\n  c - n\n  d 10px-5px\n  e 10px - 5px\n", "body {\n  margin: -5px -10px;\n  a: -5px;\n  b: -n;\n  c: -5;\n  d: 10px -5px;\n  e: 5px;\n}")  // negative-values
    }
    @Test func nestedSnippets() {
        expectCSS(".a\n  &:hover, &:focus\n    x y\n", ".a:hover,\n.a:focus {\n  x: y;\n}")  // nested-amp-comma
        expectCSS(".a\n  /* before */\n  .b\n    x y\n  /* after */\n", ".a .b {\n  x: y;\n}")  // nested-comments-block
        expectCSS("m()\n  @media print\n    color red\nbody\n  m()\n  .a\n    m()\n", "@media print {\n  body {\n    color: #f00;\n  }\n}\n@media print {\n  body .a {\n    color: #f00;\n  }\n}")  // nested-media-in-mixin
        expectCSS("body {\n  color: red;\n  .a { color: blue; }\n  &:hover { color: green }\n}\n", "body {\n  color: #f00;\n}\nbody .a {\n  color: #00f;\n}\nbody:hover {\n  color: #008000;\n}")  // nested-props-css-style
    }
    @Test func notSnippets() {
        expectCSS(".a:is(.b, .c) .d:where(.e)\n  x y\n", ".a:is(.b,\n.c) .d:where(.e) {\n  x: y;\n}")  // not-is-where
    }
    @Test func nthSnippets() {
        expectCSS("li:nth-child(2n + 1)\n  x y\nli:nth-of-type(odd)\n  x y\ntr:nth-last-child(-n+3)\n  x y\n", "li:nth-child(2n + 1) {\n  x: y;\n}\nli:nth-of-type(odd) {\n  x: y;\n}\ntr:nth-last-child(-n+3) {\n  x: y;\n}")  // nth-selectors
    }
    @Test func nullSnippets() {
        expectCSS("a = null\nbody\n  z a\n  y type(a)\n", "body {\n  z: ;\n  y: 'null';\n}")  // null-handling
    }
    @Test func numberSnippets() {
        expectCSS("body\n  a 1.10\n  b 0.000001\n  c 1000000000000000000000\n  d 33.33333333333333\n  e -0.5\n  f 1/3 * 3\n  g 2.50em\n  h 012\n", "body {\n  a: 1.1;\n  b: 0.000001;\n  c: 1e+21;\n  d: 33.33333333333333;\n  e: -0.5;\n  f: 1/9;\n  g: 2.5em;\n  h: 12;\n}")  // number-format
    }
    @Test func objectSnippets() {
        expectCSS("o = {a: {x: 1}, b: {x: 2}}\nfor k, v in o\n  .{k}\n    x v.x\n", ".a {\n  x: 1;\n}\n.b {\n  x: 2;\n}")  // object-nested-iteration
    }
    @Test func operatorsSnippets() {
        expectCSS("body\n  a 1 + 2 * 3\n  b (1 + 2) * 3\n  c 2 ** 3 ** 2\n  d 10 - 2 - 3\n  e 1 + 2 == 3\n  f not 1 == 2\n  g -2 ** 2\n", "body {\n  a: 7;\n  b: 9;\n  c: 64;\n  d: 5;\n  e: true;\n  f: true;\n  g: 4;\n}")  // operators-precedence
    }
    @Test func pageSnippets() {
        expectCSS("@page :first\n  margin 1in\n", "@page :first {\n  margin: 1in;\n}")  // page-rule
    }
    @Test func partialSnippets() {
        expectCSS(".a\n  .b\n    .c\n      ^[0] .d\n        x y\n      ^[1] .e\n        x y\n      ^[-1] .f\n        x y\n      ^[0..1] .g\n        x y\n", ".a .d {\n  x: y;\n}\n.a .b .e {\n  x: y;\n}\n.a .b .f {\n  x: y;\n}\n.a .b .g {\n  x: y;\n}")  // partial-ref
    }
    @Test func percentSnippets() {
        expectCSS("@keyframes k\n  0%, 20%, 40%\n    x 1\n  60%, 100%\n    x 2\n", "@-moz-keyframes k {\n  0%, 20%, 40% {\n    x: 1;\n  }\n  60%, 100% {\n    x: 2;\n  }\n}\n@-webkit-keyframes k {\n  0%, 20%, 40% {\n    x: 1;\n  }\n  60%, 100% {\n    x: 2;\n  }\n}\n@-o-keyframes k {\n  0%, 20%, 40% {\n    x: 1;\n  }\n  60%, 100% {\n    x: 2;\n  }\n}\n@keyframes k {\n  0%, 20%, 40% {\n    x: 1;\n  }\n  60%, 100% {\n    x: 2;\n  }\n}")  // percent-keyframes-many
    }
    @Test func percentageSnippets() {
        expectCSS("body\n  a percentage(.25)\n  b percent-to-decimal(50%)\n  c remove-unit(10px)\n  d round(3.14159, 3)\n  e ceil(1.01) floor(1.99)\n  f abs(-1) min(3, 1) max(3, 1)\n  g sum(1 2) avg(1 2)\n  h base-convert(255, 16, 4)\n", "body {\n  a: 25%;\n  b: 0.5;\n  c: 10;\n  d: 3.142;\n  e: 2 1;\n  f: 1 1 3;\n  g: 3 1.5;\n  h: 00ff;\n}")  // percentage-etc
    }
    @Test func postfixSnippets() {
        expectCSS("body\n  z 1 unless false\n  y 2 unless true\n", "body {\n  z: 1;\n}")  // postfix-unless
    }
    @Test func prefixSnippets() {
        expectCSS(".a\n  .b &\n    x y\n  & > .c\n    x y\n  &.d\n    x y\n", ".b .a {\n  x: y;\n}\n.a > .c {\n  x: y;\n}\n.a.d {\n  x: y;\n}")  // prefix-amp
        expectCSS("m()\n  width 1px\n  height 2px\n.a\n  m() !important\n", ".a {\n  width: 1px;\n  height: 2px;\n}")  // prefix-important-mixin
    }
    @Test func propertySnippets() {
        expectCSS(".a\n  padding 10px\n  .b\n    margin @padding\n", ".a {\n  padding: 10px;\n}\n.a .b {\n  margin: 10px;\n}")  // property-access-nested
        expectCSS("body\n  a @nothing\n", "body {\n  a: ;\n}")  // property-lookup-missing
        expectCSS(".a\n  width 100px\n  height (@width / 2)\n  margin-top -(@height)\n  .b\n    width @width\n", ".a {\n  width: 100px;\n  height: 50px;\n  margin-top: -50px;\n}\n.a .b {\n  width: 100px;\n}")  // property-lookup
    }
    @Test func propsSnippets() {
        expectCSS(".a\n  .b\n    x y\n  z w\n", ".a {\n  z: w;\n}\n.a .b {\n  x: y;\n}")  // props-after-nested
        expectCSS(".a\n  grid-template-columns 100px 1fr auto\n  flex 1 1 0%\n  z-index 10\n  line-height 1.2\n  font-weight 700\n", ".a {\n  grid-template-columns: 100px 1fr auto;\n  flex: 1 1 0%;\n  z-index: 10;\n  line-height: 1.2;\n  font-weight: 700;\n}")  // props-with-numbers-idents
    }
    @Test func pseudoSnippets() {
        expectCSS("a::after, a::before\n  content \"\"\nli:nth-child(2n+1)\n  x y\np:first-of-type\n  x y\n", "a::after,\na::before {\n  content: \"\";\n}\nli:nth-child(2n+1) {\n  x: y;\n}\np:first-of-type {\n  x: y;\n}")  // pseudo-elements
    }
    @Test func rangeSnippets() {
        expectCSS("body\n  a 3..1\n  b 5...2\n  c -1..1\n", "body {\n  a: 3 2 1;\n  b: 5 4 3;\n  c: -1 0 1;\n}")  // range-exclusive-neg
    }
    @Test func returnSnippets() {
        expectCSS("m(x)\n  if x\n    a b\n    return\n  c d\nbody\n  m(true)\n  m(false)\n", "body {\n  a: b;\n  c: d;\n  c: d;\n}")  // return-early-mixin
    }
    @Test func rgbaSnippets() {
        expectCSS("body\n  a rgba(#000, .5)\n  b rgba(red, 50%)\n  c fade-out(#000, .25)\n", "body {\n  a: rgba(0,0,0,0.5);\n  b: rgba(255,0,0,0.5);\n  c: rgba(0,0,0,0.75);\n}")  // rgba-keep-alpha
        expectCSS("body\n  a rgba(100%, 50%, 0%, 50%)\n  b rgb(10%, 20%, 30%)\n", "body {\n  a: rgba(255,127,0,0.5);\n  b: #1a334d;\n}")  // rgba-percent
    }
    @Test func rootSnippets() {
        expectCSS(".a\n  .b\n    / .c\n      x y\n", ".c {\n  x: y;\n}")  // root-ref
    }
    @Test func scopeSnippets() {
        expectCSS("body\n  x = 5px\n  width x\n  .a\n    width x\n", "body {\n  width: 5px;\n}\nbody .a {\n  width: 5px;\n}")  // scope-block-var
        expectCSS("x = 1\nm()\n  x = 2\n  z x\nbody\n  m()\n  y x\n", "body {\n  z: 2;\n  y: 1;\n}")  // scope-shadow
    }
    @Test func selectorSnippets() {
        expectCSS(".a\n  &.b&.c\n    x y\n  .d&\n    x y\n", ".a.b.a.c {\n  x: y;\n}\n.d.a {\n  x: y;\n}")  // selector-amp-compound
        expectCSS(".a\n  .b\n    z selector()\n    y selector('&:hover')\n    x selectors()\n", ".a .b {\n  z: '.a .b';\n  y: '.a .b:hover';\n  x: '.a', '& .b';\n}")  // selector-bif
        expectCSS("prefix = 'my'\n.{prefix}-btn, .{prefix}-link\n  x y\n", ".my-btn,\n.my-link {\n  x: y;\n}")  // selector-interp-multi
        expectCSS(".col-1-2\n  x y\nh1 + h2 ~ h3 > h4\n  x y\n", ".col-1-2 {\n  x: y;\n}\nh1 + h2 ~ h3 > h4 {\n  x: y;\n}")  // selector-with-numbers
    }
    @Test func selectorsSnippets() {
        expectCSS(".btn\n  &-primary\n    color red\n  &--large\n    width 1px\n  &__el\n    x y\n", ".btn-primary {\n  color: #f00;\n}\n.btn--large {\n  width: 1px;\n}\n.btn__el {\n  x: y;\n}")  // selectors-amp-suffix
        expectCSS("a\n  &[href]\n    color red\n  &:not(.x):hover\n    y z\n", "a[href] {\n  color: #f00;\n}\na:not(.x):hover {\n  y: z;\n}")  // selectors-attr-amp
        expectCSS(".a, .b\n  .c &, & + .d\n    color red\n", ".c .a,\n.c .b,\n.a + .d,\n.b + .d {\n  color: #f00;\n}")  // selectors-multi-amp
        expectCSS(".a,\n.b,\n.c\n  color red\n", ".a,\n.b,\n.c {\n  color: #f00;\n}")  // selectors-newline-list
    }
    @Test func selfSnippets() {
        expectCSS("a = 1\na = a + 1\nbody\n  z a\n", "body {\n  z: 2;\n}")  // self-assign-var
    }
    @Test func slashSnippets() {
        expectCSS("body\n  font 12px/1.5 Arial\n  font bold 1em/normal serif\n  border-radius 5px / 10px\n  x (10px/2)\n", "body {\n  font: 12px/1.5 Arial;\n  font: bold 1em/normal serif;\n  border-radius: 5px/10px;\n  x: 5px;\n}")  // slash-props
    }
    @Test func stringSnippets() {
        expectCSS("body\n  a split(' ', 'a b c')\n  b length('hello')\n  c substr('hello', -3)\n  d replace('o', '0', 'foo')\n  e slice('hello', 1, 3)\n  f slice(1 2 3 4, 1)\n  g match('^(\\d+)px$', '10px')\n  h unquote(join('-', a b c))\n", "body {\n  a: 'a' 'b' 'c';\n  b: 5;\n  c: 'llo';\n  d: 'f00';\n  e: 'el';\n  f: 2 3 4;\n  g: '10px' '10';\n  h: a-b-c;\n}")  // string-bifs
    }
    @Test func supportsSnippets() {
        expectCSS("@supports (display: grid) and (not (display: inline-grid))\n  a\n    display grid\nbody\n  @supports (display: flex)\n    display flex\n", "@supports (display: grid) and (not (display: inline-grid)) {\n  a {\n    display: grid;\n  }\n}\n@supports (display: flex) {\n  body {\n    display: flex;\n  }\n}")  // supports-more
        expectCSS("@supports not (display: flex)\n  a\n    b c\n", "@supports not (display: flex) {\n  a {\n    b: c;\n  }\n}")  // supports-not
    }
    @Test func tabSnippets() {
        expectCSS("body\n\tcolor red\n\ta\n\t\twidth 1px\n", "body {\n  color: #f00;\n}\nbody a {\n  width: 1px;\n}")  // tab-indent
    }
    @Test func ternarySnippets() {
        expectCSS("body\n  z true ? false ? a : b : c\n", "body {\n  z: b;\n}")  // ternary-nested
        expectCSS("body\n  z 0 ? a : b\n  y '' ? a : b\n  x () ? a : b\n", "body {\n  z: b;\n  y: b;\n  x: b;\n}")  // ternary-unit
    }
    @Test func trailingSnippets() {
        expectCSS("body  \n  color red  \n", "body {\n  color: #f00;\n}")  // trailing-whitespace
    }
    @Test func transparentSnippets() {
        expectCSS("body\n  a transparent\n  b rgba(0,0,0,0)\n  c currentColor\n  d inherit\n", "body {\n  a: transparent;\n  b: rgba(0,0,0,0);\n  c: currentColor;\n  d: inherit;\n}")  // transparent-named
    }
    @Test func typeSnippets() {
        expectCSS("body\n  a 1 is a 'unit'\n  b #fff is a 'color'\n  c 'x' is a 'string'\n  d foo is a 'ident'\n  e (1 2) is a 'expression'\n  f x is defined\n  g typeof(null)\n", "body {\n  a: true;\n  b: true;\n  c: true;\n  d: true;\n  e: false;\n  f: false;\n  g: 'null';\n}")  // type-checks
    }
    @Test func unicodeSnippets() {
        expectCSS(".a\n  content \"→ ✓\"\n  font-family \"Noto Sans\", sans-serif\n", ".a {\n  content: \"→ ✓\";\n  font-family: \"Noto Sans\", sans-serif;\n}")  // unicode-content
        expectCSS("@font-face\n  unicode-range U+0025-00FF\n", "@font-face {\n  unicode-range: U+0025-00FF;\n}")  // unicode-range
    }
    @Test func unitSnippets() {
        expectCSS("body\n  a unit(10, '%')\n  b unit(10px, em)\n  c unit(5%)\n", "body {\n  a: 10%;\n  b: 10em;\n  c: '%';\n}")  // unit-bif-strings
        expectCSS("body\n  a 1cm + 1mm\n  b 2s - 500ms\n  c 1kHz + 100Hz\n  d 1in - 1pt\n", "body {\n  a: 1.1cm;\n  b: 1.5s;\n  c: 1.1kHz;\n  d: 0.986111111111111in;\n}")  // unit-conversion
    }
    @Test func unitsSnippets() {
        expectCSS("body\n  a 1em * 2\n  b 100% / 3\n  c 1px - 2\n  d 2s * 1000\n  e 10deg + 5\n  f 1.5 * 2px\n  g 3px ** 2\n  h (3 + 4) * 2\n  i 4px * 1.25\n  j 0.75em\n  k 1 / 4 * 100%\n", "body {\n  a: 2em;\n  b: 100%/3;\n  c: -1px;\n  d: 2000s;\n  e: 15deg;\n  f: 3px;\n  g: 9px;\n  h: 14;\n  i: 5px;\n  j: 0.75em;\n  k: 1/400%;\n}")  // units-ops
    }
    @Test func unlessSnippets() {
        expectCSS("unless false\n  .a\n    x y\n", ".a {\n  x: y;\n}")  // unless-root
    }
    @Test func urlSnippets() {
        expectCSS("base = '/img/'\nbody\n  background url(base + 'a.png')\n  b url('x' + '.png')\n", "body {\n  background: url(\"/img/a.png\");\n  b: url(\"x.png\");\n}")  // url-with-var
    }
    @Test func useSnippets() {
        expectCSS("vendors = webkit official\n@keyframes q\n  from\n    a b\n", "@-webkit-keyframes q {\n  from {\n    a: b;\n  }\n}\n@keyframes q {\n  from {\n    a: b;\n  }\n}")  // use-vendors-var
    }
    @Test func vargsSnippets() {
        expectCSS("m(a, rest...)\n  z a\n  y rest\n  x length(rest)\nbody\n  m(1, 2, 3)\n", "body {\n  z: 1;\n  y: 2 3;\n  x: 2;\n}")  // vargs-rest-middle
    }
    @Test func vendorSnippets() {
        expectCSS("vendor(prop, args)\n  -webkit-{prop} args\n  -moz-{prop} args\n  {prop} args\nborder-radius()\n  vendor('border-radius', arguments)\nbox-shadow()\n  vendor('box-shadow', arguments)\n.a\n  border-radius 3px\n  box-shadow 0 0 1px red, 0 0 2px blue\n", ".a {\n  -webkit-border-radius: 3px;\n  -moz-border-radius: 3px;\n  border-radius: 3px;\n  -webkit-box-shadow: 0 0 1px #f00, 0 0 2px #00f;\n  -moz-box-shadow: 0 0 1px #f00, 0 0 2px #00f;\n  box-shadow: 0 0 1px #f00, 0 0 2px #00f;\n}")  // vendor-mixin-classic
        expectCSS(".a\n  -webkit-transition all .2s\n  -moz-box-sizing border-box\n", ".a {\n  -webkit-transition: all 0.2s;\n  -moz-box-sizing: border-box;\n}")  // vendor-prefix-props
    }
    @Test func viewportSnippets() {
        expectCSS("@-ms-viewport\n  width device-width\n", "@-ms-viewport {\n  width: device-width;\n}")  // viewport
    }
    @Test func whileSnippets() {
        expectCSS("f(n)\n  r = ()\n  for i in 1..n\n    push(r, i * i)\n  r\nbody\n  z f(4)\n", "body {\n  z: 1 4 9 16;\n}")  // while-ish
    }
}
