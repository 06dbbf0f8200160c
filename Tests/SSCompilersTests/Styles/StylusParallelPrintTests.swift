import Testing

@testable import SSCompilers

/// `StyPrinter.compile` prints big stylesheets in chunks on two threads; the output and
/// line map must be those of printing every statement in order.
@Suite struct StylusParallelPrintTests {
    private func printTree(_ text: String) throws -> StyBlock {
        let root = StyRoot()
        var parser = StyParser(text, root: root, filename: "/s/app.styl")
        let parsed = try parser.parse()
        let evaluator = StyEvaluator(
            root: parsed, options: StylusOptions(), resolver: InMemoryResolver(), filename: "/s/app.styl")
        let evaluated = try evaluator.evaluate(library: nil)
        return try StyNormalizer(root: evaluated, options: StylusOptions()).normalize()
    }

    private func sequentialPrint(_ root: StyBlock) -> (String, [LineMapping]) {
        let printer = StyPrinter(options: StylusOptions())
        printer.printStatements(root.nodes[...])
        return (String(decoding: printer.buf, as: UTF8.self), printer.lineMap)
    }

    @Test func halvesGiveTheSequentialOutput() throws {
        var text = "$ph\n  margin 0\n"
        for i in 0..<120 {
            text += ".r\(i)\n  width \(i)px\n"
            if i % 7 == 0 { text += "  @extend $ph\n" }
            if i % 11 == 0 { text += "  @media print\n    color red\n" }
            if i % 13 == 0 { text += "/* c\(i) */\n" }
            if i % 17 == 0 { text += "@keyframes k\(i)\n  from\n    top 0\n  to\n    top \(i)px\n" }
        }
        let root = try printTree(text)
        #expect(root.nodes.count >= StyPrinter.parallelMinimum)
        let printer = StyPrinter(options: StylusOptions())
        let output = printer.compile(root)
        printer.waitForHelpers()
        let (expected, expectedMap) = sequentialPrint(root)
        #expect(output.contains(".r119 {\n  width: 119px;\n}"))
        #expect(output == expected)
        #expect(printer.lineMap == expectedMap)
    }

    /// A block shared by a placeholder rule in the first chunk and a rule in the last is
    /// printed without its properties, as in order (the later chunks are printed again).
    @Test func blockSharedAcrossHalvesKeepsTheOrderedResult() throws {
        var text = "$ph\n  margin 0\n"
        for i in 0..<60 { text += ".r\(i)\n  width \(i)px\n" }
        text += ".last\n  color red\n"
        let root = try printTree(text)
        let placeholder = try #require(root.nodes.first as? StyGroup)
        let last = try #require(root.nodes.last as? StyGroup)
        last.block = placeholder.block
        let printer = StyPrinter(options: StylusOptions())
        let output = printer.compile(root)
        printer.waitForHelpers()
        #expect(output == sequentialPrint(root).0)
        #expect(!output.contains("margin: 0"))
    }
}
