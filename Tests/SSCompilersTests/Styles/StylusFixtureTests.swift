import Testing

@testable import SSCompilers

// Whole-stylesheet snapshots: in-memory file maps compiled through the resolver.
// Expected CSS was produced by node-stylus 0.59 (`stylus -p`) from the same files.
@Suite struct StylusFixtureTests {
    /// The style of `shared/bench/gen-fixture.py` output: partials, block mixins, colour
    /// functions, conditionals, loops, interpolation, placeholders, nested @media, @keyframes.
    @Test func benchStyleStylesheet() {
        let files = [
            "/app/css/app.styl":
                "@import 'vars'\n@import 'mixins'\n\n$card\n  border-radius radius\n  padding unit(gap, 'px')\n\n.btn\n  color primary\n  background darken(primary, 10%)\n  border 1px solid lighten(primary, 20%)\n  &:hover\n    background saturate(primary, 15%)\n    color desaturate(accent, 10%)\n  &.ghost\n    background fade-out(primary, 0.8)\n    color rgba(accent, 0.5)\n  +respond-to(mobile)\n    padding gap / 2\n  @extend $card\n\n.panel\n  @extend $card\n  background mix(primary, accent, 30%)\n  shadow(2)\n  width (gap * 4)px if lightness(primary) > 30%\n  height 10px unless true\n  font-size large ? 18px : 14px\n\nfor i in 1..3\n  .col-{i}\n    width (100% / 3) * i\n\n@media (min-width: 600px)\n  .panel\n    @media (max-width: 900px)\n      color red\n\n@keyframes pulse\n  from\n    opacity 0\n  to\n    opacity 1\n",
            "/app/css/vars.styl":
                "primary = #3a6ea5\naccent = #e07a5f\ngap = 12\nradius = 4px\nlarge = true\nbreakpoints = {mobile: 480px, tablet: 768px}\n",
            "/app/css/mixins.styl":
                "respond-to(bp)\n  @media (max-width: breakpoints[bp])\n    {block}\n\nshadow(depth = 1, color = #000)\n  if depth > 1\n    box-shadow 0 (depth)px (depth * 2)px rgba(color, 0.2)\n  else\n    box-shadow none\n",
        ]
        let result = StylusCompiler().compile(
            SourceFile(path: "/app/css/app.styl", text: files["/app/css/app.styl"]!),
            resolver: InMemoryResolver(files: files))
        #expect(result.diagnostics.isEmpty, "\(result.diagnostics.map { $0.rendered() })")
        #expect(
            result.output.trimmingCharacters(in: .whitespacesAndNewlines)
                == ".btn,\n.panel {\n  border-radius: 4px;\n  padding: 12px;\n}\n.btn {\n  color: #3a6ea5;\n  background: #346394;\n  border: 1px solid #558bc3;\n}\n.btn:hover {\n  background: #326ead;\n  color: #da7e65;\n}\n.btn.ghost {\n  background: rgba(58,110,165,0.2);\n  color: rgba(224,122,95,0.5);\n}\n@media (max-width: 480px) {\n  .btn {\n    padding: 12/2;\n  }\n}\n.panel {\n  background: #ae7674;\n  box-shadow: 0 2px 4px rgba(0,0,0,0.2);\n  width: 48px;\n  font-size: 18px;\n}\n.col-1 {\n  width: 33.333333333333336%;\n}\n.col-2 {\n  width: 66.66666666666667%;\n}\n.col-3 {\n  width: 100%;\n}\n@media (min-width: 600px) and (max-width: 900px) {\n  .panel {\n    color: #f00;\n  }\n}\n@-moz-keyframes pulse {\n  from {\n    opacity: 0;\n  }\n  to {\n    opacity: 1;\n  }\n}\n@-webkit-keyframes pulse {\n  from {\n    opacity: 0;\n  }\n  to {\n    opacity: 1;\n  }\n}\n@-o-keyframes pulse {\n  from {\n    opacity: 0;\n  }\n  to {\n    opacity: 1;\n  }\n}\n@keyframes pulse {\n  from {\n    opacity: 0;\n  }\n  to {\n    opacity: 1;\n  }\n}"
        )
        #expect(result.dependencies == ["/app/css/vars.styl", "/app/css/mixins.styl"])
    }

    /// The stylesheet `ssbuild new` generates: variables, nesting, a mixin, `&:hover`,
    /// `darken()` and an `@import` of a partial.
    @Test func generatedAppStylesheet() {
        let files = [
            "/chat/app/css/app.styl":
                "@import 'partials/base'\n\nbrand = #2a7ae2\npad = 10px\n\nrounded(r = 4px)\n  -webkit-border-radius r\n  border-radius r\n\nbody\n  font 14px/1.4 \"Helvetica Neue\", Arial, sans-serif\n  #chat\n    padding pad\n    rounded()\n    a\n      color brand\n      &:hover\n        color darken(brand, 15%)\n",
            "/chat/app/css/partials/base.styl": "html\n  margin 0\n",
        ]
        let result = StylusCompiler().compile(
            SourceFile(path: "/chat/app/css/app.styl", text: files["/chat/app/css/app.styl"]!),
            resolver: InMemoryResolver(files: files))
        #expect(result.diagnostics.isEmpty)
        #expect(
            result.output.trimmingCharacters(in: .whitespacesAndNewlines)
                == "html {\n  margin: 0;\n}\nbody {\n  font: 14px/1.4 \"Helvetica Neue\", Arial, sans-serif;\n}\nbody #chat {\n  padding: 10px;\n  -webkit-border-radius: 4px;\n  border-radius: 4px;\n}\nbody #chat a {\n  color: #2a7ae2;\n}\nbody #chat a:hover {\n  color: #1b67c9;\n}"
        )
        #expect(result.dependencies == ["/chat/app/css/partials/base.styl"])
    }

    @Test func lineMapNamesSourceLines() {
        let files = ["/a.styl": "body\n  color red\n\n@import 'b'\n", "/b.styl": "// b\na\n  margin 0\n"]
        let result = StylusCompiler().compile(
            SourceFile(path: "/a.styl", text: files["/a.styl"]!), resolver: InMemoryResolver(files: files))
        #expect(result.output == "body {\n  color: #f00;\n}\na {\n  margin: 0;\n}\n")
        #expect(Set(result.lineMap.map(\.outputLine)).count == result.lineMap.count)
        let byLine = Dictionary(uniqueKeysWithValues: result.lineMap.map { ($0.outputLine, $0) })
        #expect(byLine[0]?.sourcePath == "/a.styl")
        #expect(byLine[0]?.sourceLine == 1)
        #expect(byLine[1]?.sourceLine == 2)
        #expect(byLine[3]?.sourcePath == "/b.styl")
        #expect(byLine[3]?.sourceLine == 2)
        #expect(byLine[4]?.sourceLine == 3)
    }
}
