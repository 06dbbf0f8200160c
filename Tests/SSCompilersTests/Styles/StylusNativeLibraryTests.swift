import Testing

@testable import SSCompilers

/// `StyNativeLibrary` computes `mix`, `darken`, `lighten`, `desaturate`, `saturate`,
/// `fade-out` and `fade-in` natively; every stylesheet must compile to what evaluating the library bodies gives.
@Suite struct StylusNativeLibraryTests {
    private func nativeCompile(_ text: String, native: Bool) -> CompileResult {
        var options = StylusOptions()
        options.nativeLibrary = native
        return StylusCompiler(options: options).compile(SourceFile(path: "a.styl", text: text), resolver: InMemoryResolver())
    }

    private func expectSameAsLibrary(_ text: String, sourceLocation: Testing.SourceLocation = #_sourceLocation) {
        let library = nativeCompile(text, native: false)
        let native = nativeCompile(text, native: true)
        #expect(native.output == library.output, sourceLocation: sourceLocation)
        #expect(
            native.diagnostics.map { $0.rendered() } == library.diagnostics.map { $0.rendered() },
            sourceLocation: sourceLocation)
    }

    static let colors = ["#123456", "white", "black", "rgba(10, 200, 30, 0.4)", "hsla(200, 40%, 30%, 0.8)", "#f00", "transparent"]
    static let amounts = ["10%", "0%", "100%", "35%", "5", "0.5", "-20%", "150%", "3px"]

    /// Each case is its own compile: an error anywhere empties a stylesheet's output.
    @Test func colorAdjustments() {
        var printed = 0
        for c in Self.colors {
            for a in Self.amounts {
                for f in ["darken", "lighten", "desaturate", "saturate", "fade-out", "fade-in"] {
                    let text = ".r\n  a \(f)(\(c), \(a))\n"
                    expectSameAsLibrary(text)
                    if !nativeCompile(text, native: true).output.isEmpty { printed += 1 }
                }
            }
            expectSameAsLibrary(".r\n  e saturate(\(c))\n")
        }
        #expect(printed > 300)
    }

    @Test func mixWeights() {
        var printed = 0
        for c1 in Self.colors {
            for c2 in Self.colors.reversed() {
                for w in ["", ", 0%", ", 100%", ", 46%", ", 50", ", 33%", ", 12.5%", ", 101%", ", -1%", ", 2px"] {
                    let text = ".m\n  color mix(\(c1), \(c2)\(w))\n"
                    expectSameAsLibrary(text)
                    if !nativeCompile(text, native: true).output.isEmpty { printed += 1 }
                }
            }
        }
        #expect(printed > 300)
    }

    /// The body's value is an expression holding the colour, wherever the result goes.
    @Test func resultsInOtherPositions() {
        expectSameAsLibrary(
            """
            x = darken(#336699, 10%)
            y = mix(#fff, #000, 30%)
            .a
              t type(x) type(y) length(y)
              u x y
              v darken(#333, 10%) + 10
              w lighten(#333, 10%)[0]
              z saturate(red green, 10%)
              q mix(red, blue) darken(red, 1%)
              r saturate(10%)
              s mix(red 20%, blue)
            darken(#fff, 10%)
            """)
    }

    /// Redefined functions the library bodies call are honoured.
    @Test func redefinitionsTakeTheLibraryPath() {
        expectSameAsLibrary("adjust(c, p, a)\n  #010203\n.a\n  color darken(#333, 10%)\n")
        expectSameAsLibrary("floor(n)\n  n\n.a\n  color mix(#123, #fff, 33%)\n")
        expectSameAsLibrary("red(c)\n  1\n.a\n  color mix(#123, #fff, 33%)\n")
        expectSameAsLibrary("darken(c, a)\n  c\n.a\n  color darken(#333, 10%)\n")
        expectSameAsLibrary("red = #010101\n.a\n  color mix(red, #fff, 33%)\n")
        expectSameAsLibrary("black = #102030\n.a\n  color fade-out(#fff, 30%)\n")
        expectSameAsLibrary("percent-to-decimal(n)\n  0.9\n.a\n  color fade-in(rgba(0,0,0,0.2), 30%)\n")
    }

    @Test func errorsComeFromTheLibrary() {
        expectSameAsLibrary(".a\n  color darken(foo, 10%)\n")
        expectSameAsLibrary(".a\n  color mix(#fff, foo)\n")
        expectSameAsLibrary(".a\n  color darken(#fff)\n")
        expectSameAsLibrary(".a\n  color lighten(#fff, foo)\n")
    }
}

/// Function and loop bodies get their names interned once (`StyEvaluator.internNames`);
/// interpolated names, shadowing and redefinition must behave as before.
@Suite struct StylusInternedNamesTests {
    private func internCompile(_ text: String) -> String {
        StylusCompiler().compile(SourceFile(path: "a.styl", text: text), resolver: InMemoryResolver()).output
    }

    @Test func interpolatedAndShadowedNames() {
        let css = internCompile(
            """
            pad = 1px
            side(dir, n)
              margin-{dir} n
              pad = n * 2
              padding pad
            f(x)
              pad + x
            .a
              side(left, 3px)
              side(top, 4px)
              width f(1px)
            for d in left right
              .b-{d}
                side(d, 5px)
            """)
        #expect(
            css
                == ".a {\n  margin-left: 3px;\n  padding: 6px;\n  margin-top: 4px;\n  padding: 8px;\n  width: 2px;\n}\n"
                + ".b-left {\n  margin-left: 5px;\n  padding: 10px;\n}\n.b-right {\n  margin-right: 5px;\n  padding: 10px;\n}\n")
    }

    @Test func redefinedFunctionsAreCalledAfterInterning() {
        let css = internCompile("g(x)\n  x\n.a\n  w g(1px)\ng(x)\n  x * 3\n.b\n  w g(1px)\n")
        #expect(css == ".a {\n  w: 1px;\n}\n.b {\n  w: 3px;\n}\n")
    }
}

/// `StyEvaluator.dispatch` returns values that evaluate to themselves through `.other`,
/// without asking `isPassive` first: every passive class must keep that tag.
@Suite struct StylusDispatchTests {
    @Test func passiveNodesDispatchAsOther() {
        let passive: [StyNode] = [
            StyNull(), StyBoolean(true), StyUnit(1, "px"), StyString("s"), StyLiteral("l"),
            StyComment("/* c */", suppress: false, inline: false), StyFunction("f", StyParams()), StyParams(),
            StyCharset(StyString("utf-8")), StyNamespace(StyString("x"), prefix: nil), StyRGBA(1, 2, 3, 1),
            StyHSLA(1, 2, 3, 1),
        ]
        for node in passive {
            #expect(node.isPassive)
            #expect(node.kind == .other, "\(node.nodeName)")
        }
    }
}
