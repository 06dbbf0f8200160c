import Testing

@testable import SSCompilers

/// The parser's allocation savings: interned identifiers, the shared scratch stack of
/// node lists, the normaliser's selector map lists and the print pipeline's target test.
/// Each must give exactly what the plain version gave.
@Suite struct StylusParseAllocationTests {
    /// The storage a string's bytes live in (equal for strings sharing one buffer).
    private func internStorage(_ s: String) -> UnsafeRawPointer? {
        s.utf8.withContiguousStorageIfAvailable { UnsafeRawPointer($0.baseAddress) } ?? nil
    }

    @Test func equalLongNamesShareOneString() {
        let bytes = Array("banner-post-color: banner-post-color".utf8)
        var table = StyInternTable()
        let a = table.string(bytes, 0, 17)
        let b = table.string(bytes, 19, 17)
        #expect(a == "banner-post-color")
        #expect(b == a)
        #expect(internStorage(a) != nil)
        #expect(internStorage(a) == internStorage(b))
        #expect(table.count == 1)
    }

    @Test func differentNamesStayDifferent() {
        let text = "banner-post-colour banner-post-color banner-post-colo banner-post-color"
        let bytes = Array(text.utf8)
        var table = StyInternTable()
        let a = table.string(bytes, 0, 18)
        let b = table.string(bytes, 19, 17)
        let c = table.string(bytes, 37, 16)
        let d = table.string(bytes, 54, 17)
        #expect([a, b, c] == ["banner-post-colour", "banner-post-color", "banner-post-colo"])
        #expect(d == b)
        #expect(internStorage(d) == internStorage(b))
        #expect(internStorage(a) != internStorage(b))
        #expect(table.count == 3)
    }

    @Test func shortNamesAreNotKept() {
        let bytes = Array("color color".utf8)
        var table = StyInternTable()
        #expect(table.string(bytes, 0, 5) == "color")
        #expect(table.string(bytes, 6, 5) == "color")
        #expect(table.count == 0)
    }

    @Test func nonASCIINamesIntern() {
        let text = "größe-überschrift-farbe größe-überschrift-farbe"
        let bytes = Array(text.utf8)
        let n = "größe-überschrift-farbe".utf8.count
        var table = StyInternTable()
        let a = table.string(bytes, 0, n)
        let b = table.string(bytes, n + 1, n)
        #expect(a == "größe-überschrift-farbe")
        #expect(internStorage(a) == internStorage(b))
    }

    /// Thousands of names fill many slots, grow the table and make probes run past
    /// occupied slots: every name must still come back as its own text.
    @Test func manyNamesCollideAndGrow() {
        let names = (0..<5000).map { "generated-name-\($0 * 7919 % 100_003)-x" }
        let bytes = Array(names.joined(separator: " ").utf8)
        var table = StyInternTable()
        var offset = 0
        var first: [String] = []
        for name in names {
            first.append(table.string(bytes, offset, name.utf8.count))
            offset += name.utf8.count + 1
        }
        #expect(first == names)
        #expect(table.count == Set(names).count)
        offset = 0
        for (i, name) in names.enumerated() {
            let again = table.string(bytes, offset, name.utf8.count)
            #expect(again == name)
            #expect(internStorage(again) == internStorage(first[i]))
            offset += name.utf8.count + 1
        }
    }

    @Test func lexerInternsRepeatedIdentifiers() {
        var lexer = StyLexer("banner-post-color = red\n.a\n  color banner-post-color\n")
        var names: [String] = []
        for _ in 0..<40 {
            let tok = lexer.next()
            if tok.type == .eos { break }
            if let i = tok.val as? StyIdent, i.name == "banner-post-color" { names.append(i.name) }
        }
        #expect(names.count == 2)
        #expect(internStorage(names[0]) == internStorage(names[1]))
    }

    /// Blocks, expressions and selectors are collected on one scratch stack: nested
    /// ones must each get exactly their own nodes, also after an error inside.
    @Test func nestedListsKeepTheirOwnNodes() {
        let css = StylusCompiler().compile(
            SourceFile(
                path: "a.styl",
                text: ".a\n  margin 1px (2px + 3px) 4px\n  .b, .c\n    padding (1px 2px) 3px\n  color red\n"),
            resolver: InMemoryResolver()
        ).output
        #expect(
            css == ".a {\n  margin: 1px 5px 4px;\n  color: #f00;\n}\n.a .b,\n.a .c {\n  padding: 1px 2px 3px;\n}\n")
        let call = StylusCompiler().compile(
            SourceFile(
                path: "a.styl",
                text: """
                    add3(a, b, c)
                      a + b + c
                    .a
                      width add3(1px, c: add3(1px, 1px, 1px), b: 2px)
                      margin add3(1px, add3(1px, 2px, 3px), 4px) 0

                    """),
            resolver: InMemoryResolver()
        ).output
        #expect(call == ".a {\n  width: 6px;\n  margin: 11px 0;\n}\n")
        var parser = StyParser(".a\n  margin (1px\n")
        #expect(throws: (any Error).self) { _ = try parser.parse() }
        #expect(parser.scratch.isEmpty)
    }

    /// The normaliser no longer reads property values; a block value is printed as
    /// `block` by the printer, as the reference prints it (output of node-stylus).
    @Test func blockValuesPrintAsTheReferenceDoes() {
        let source = """
            foo = @block {
              color red
            }
            .a
              width foo
              margin 1px foo
            m()
              .c
                x block
                {block}
            .d
              +m()
                color green

            """
        let css = StylusCompiler().compile(SourceFile(path: "a.styl", text: source), resolver: InMemoryResolver())
        #expect(
            css.output
                == ".a {\n  width: @block;\n  margin: 1px @block;\n}\n.d .c {\n  x: block;\n  color: #008000;\n}\n")
        var options = StylusOptions()
        options.compress = true
        let compressed = StylusCompiler(options: options).compile(
            SourceFile(path: "a.styl", text: source), resolver: InMemoryResolver())
        #expect(compressed.output == ".a{width:@block;margin:1px @block}.d .c{x:block;color:#008000}")
    }

    @Test func selectorListsDropRepeatsKeepingTheFirst() {
        #expect(StySelectorStack.unique(["a", "b", "a", "c", "b"]) == ["a", "b", "c"])
        #expect(StySelectorStack.unique(["a", "b", "c"]) == ["a", "b", "c"])
        let long = (0..<40).map { "s\($0 % 25)" }
        #expect(StySelectorStack.unique(long) == (0..<25).map { "s\($0)" })
    }

    @Test func groupListKeepsOrder() {
        let a = StyGroup()
        let b = StyGroup()
        let c = StyGroup()
        var list = StyGroupList(a)
        #expect(list.map { ObjectIdentifier($0) } == [ObjectIdentifier(a)])
        list.append(b)
        list.append(c)
        #expect(list.count == 3)
        #expect(list.map { ObjectIdentifier($0) } == [a, b, c].map { ObjectIdentifier($0) })
    }

    @Test func extendTargetsMatchWholeWordsAtTheEnd() {
        let words = [Array(".card".utf8)]
        func ends(_ s: String) -> Bool {
            var s = s
            return s.withUTF8 { StyPrintPipeline.endsWithWord($0, words) }
        }
        #expect(ends(".card"))
        #expect(ends(".page .card"))
        #expect(!ends(".page.card"))
        #expect(!ends(".card .page"))
        #expect(!ends("x.card"))
        #expect(!ends("card"))
    }
}
