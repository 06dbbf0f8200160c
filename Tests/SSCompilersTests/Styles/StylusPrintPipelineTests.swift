import Testing

@testable import SSCompilers

/// `StyPrintPipeline` prints finished statements while the normaliser works on later
/// ones; the output and line map must be those of normalising, then printing in order.
@Suite struct StylusPrintPipelineTests {
    private func evaluatedTree(_ text: String) throws -> (StyBlock, Set<String>) {
        let root = StyRoot()
        var parser = StyParser(text, root: root, filename: "/s/app.styl")
        let parsed = try parser.parse()
        let evaluator = StyEvaluator(
            root: parsed, options: StylusOptions(), resolver: InMemoryResolver(), filename: "/s/app.styl")
        return (try evaluator.evaluate(library: nil), evaluator.extendSelectors)
    }

    private func sequential(_ text: String) throws -> (String, [LineMapping]) {
        let normalized = try StyNormalizer(root: try evaluatedTree(text).0, options: StylusOptions()).normalize()
        let printer = StyPrinter(options: StylusOptions())
        printer.printStatements(normalized.nodes[...])
        return (String(decoding: printer.buf, as: UTF8.self), printer.lineMap)
    }

    private func pipelined(_ text: String) throws -> (String?, [LineMapping], halted: Bool) {
        let (evaluated, targets) = try evaluatedTree(text)
        let pipeline = try #require(
            StyPrintPipeline.start(options: StylusOptions(), statements: evaluated.nodes.count, extendTargets: targets))
        defer { pipeline.stop() }
        let normalizer = StyNormalizer(root: evaluated, options: StylusOptions())
        normalizer.pipeline = pipeline
        let normalized = try normalizer.normalize()
        let halted = pipeline.isHalted
        let printer = StyPrinter(options: StylusOptions())
        let output = printer.compile(normalized, pipeline: pipeline)
        return (output, printer.lineMap, halted)
    }

    private static func sheet(rules: Int) -> String {
        var text = "$ph\n  margin 0\n.base\n  padding 1px\n.outer\n  .inner\n    color blue\n"
        for i in 0..<rules {
            text += ".r\(i)\n  width \(i)px\n"
            if i % 7 == 0 { text += "  @extend $ph\n" }
            if i % 9 == 0 { text += "  @extend .base\n" }
            if i % 10 == 3 { text += ".outer\n  .x\(i)\n    @extend .inner\n" }
            if i % 11 == 0 { text += ".m\(i)\n  @media print\n    color red\n" }
            if i % 13 == 0 { text += "/* c\(i) */\n" }
            if i % 17 == 0 { text += "@keyframes k\(i)\n  from\n    top 0\n  to\n    top \(i)px\n" }
            if i % 19 == 0 { text += "@media screen\n  .s\(i)\n    top \(i)px\n" }
        }
        return text
    }

    @Test func printsWhatNormalisingThenPrintingGives() throws {
        for rules in [40, 150] {
            let text = StylusPrintPipelineTests.sheet(rules: rules)
            let (expected, expectedMap) = try sequential(text)
            let (output, map, halted) = try pipelined(text)
            #expect(!halted)
            #expect(output == expected)
            #expect(map == expectedMap)
            #expect(expected.contains(".r0,\n.r7"))
        }
    }

    @Test func theCompilerGivesTheSequentialResult() throws {
        let text = StylusPrintPipelineTests.sheet(rules: 120)
        let result = StylusCompiler().compile(SourceFile(path: "/s/app.styl", text: text), resolver: InMemoryResolver())
        #expect(result.diagnostics.isEmpty)
        #expect(result.output == (try sequential(text)).0)
    }

    @Test func haltedPipelinePrintsNothing() throws {
        let (evaluated, _) = try evaluatedTree(StylusPrintPipelineTests.sheet(rules: 40))
        let pipeline = try #require(
            StyPrintPipeline.start(options: StylusOptions(), statements: evaluated.nodes.count, extendTargets: []))
        defer { pipeline.stop() }
        for node in evaluated.nodes.prefix(10) { pipeline.publish(node, dirty: false) }
        pipeline.halt()
        #expect(pipeline.isHalted)
        #expect(pipeline.finish(count: 10) == nil)
    }

    @Test func targetsMatchWholeSelectorsAndTrailingParts() throws {
        let (evaluated, _) = try evaluatedTree(StylusPrintPipelineTests.sheet(rules: 40))
        let pipeline = try #require(
            StyPrintPipeline.start(options: StylusOptions(), statements: evaluated.nodes.count, extendTargets: [".a .b"]))
        defer { pipeline.stop() }
        #expect(pipeline.isTarget([".x", ".a .b"]))
        #expect(pipeline.isTarget([".p .a .b"]))
        #expect(!pipeline.isTarget([".a .bc", ".a"]))
    }
}
