import Testing

@testable import SSCompilers

/// The text of `lines` (split at JavaScript line terminators) from a 0-based line and UTF-16 column.
private func sourceMapText(_ text: String, line: Int, column: Int) -> String? {
    let lines = text.split(omittingEmptySubsequences: false) { $0 == "\n" || $0 == "\r\n" || $0 == "\r" }
    guard line < lines.count else { return nil }
    let units = Array(lines[line].utf16)
    guard column <= units.count else { return nil }
    return String(decoding: units[column...], as: UTF16.self)
}

/// Words that start statements and `new` expressions (anchor segments).
let sourceMapAnchorWords: Set<String> = [
    "return", "throw", "new", "if", "for", "while", "do", "var", "let", "const", "function", "class", "switch",
    "try", "break", "continue", "debugger", "with", "async", "void", "typeof", "delete",
]

/// Every segment of the map of `output` must point at an identifier of `input` with the
/// same name (or, when renamed, the name the map records); returns the number of segments.
@discardableResult
private func expectMapsBack(_ input: String, _ output: String, _ map: SourceMap,
                            sourceLocation: Testing.SourceLocation = #_sourceLocation) -> Int {
    // Decode the encoded form, so the VLQ writer and reader are both on the path.
    guard let decoded = SourceMap(json: map.json()) else {
        Issue.record("map does not parse: \(map.json())", sourceLocation: sourceLocation)
        return 0
    }
    #expect(decoded == map, sourceLocation: sourceLocation)
    for m in decoded.mappings {
        guard let generated = sourceMapText(output, line: m.generatedLine, column: m.generatedColumn),
            let original = sourceMapText(input, line: m.originalLine, column: m.originalColumn)
        else {
            Issue.record("segment out of range: \(m)", sourceLocation: sourceLocation)
            continue
        }
        let newName = generated.prefix { $0.isLetter || $0.isNumber || $0 == "_" || $0 == "$" }
        #expect(original.first.map { $0.isLetter || $0 == "_" || $0 == "$" } == true,
                "\(m) maps to no identifier: \(original.prefix(12))", sourceLocation: sourceLocation)
        // Statement and `new` anchors start with a keyword or punctuation; they map to the
        // first identifier inside, so only identifiers are checked for equal names.
        if m.name < 0, newName.isEmpty || sourceMapAnchorWords.contains(String(newName)) { continue }
        let expected = m.name >= 0 ? decoded.names[m.name] : String(newName)
        #expect(original.hasPrefix(expected), "\(m): \(expected) vs \(original.prefix(12))",
                sourceLocation: sourceLocation)
    }
    return decoded.mappings.count
}

@Suite("Source maps")
struct SourceMapTests {
    @Test func vlqEncodesKnownValues() {
        #expect(SourceMapVLQ.encode(0) == "A")
        #expect(SourceMapVLQ.encode(1) == "C")
        #expect(SourceMapVLQ.encode(-1) == "D")
        #expect(SourceMapVLQ.encode(15) == "e")
        #expect(SourceMapVLQ.encode(16) == "gB")
        #expect(SourceMapVLQ.encode(-17) == "jB")
        #expect(SourceMapVLQ.encode(123) == "2H")
        #expect(SourceMapVLQ.encode(1_000_000) == "gkh9B")
    }

    @Test func vlqRoundTrips() {
        var bytes: [UInt8] = []
        let values = [0, 1, -1, 31, 32, -32, 511, 512, -100_000, 1 << 30, -(1 << 30)]
        for value in values { SourceMapVLQ.encode(value, into: &bytes) }
        var index = 0
        var decoded: [Int] = []
        while let value = SourceMapVLQ.decode(bytes, &index) { decoded.append(value) }
        #expect(decoded == values)
        #expect(index == bytes.count)
        var bad = 0
        #expect(SourceMapVLQ.decode(Array("g".utf8), &bad) == nil)   // continuation without end
        bad = 0
        #expect(SourceMapVLQ.decode(Array("!".utf8), &bad) == nil)
    }

    @Test func mappingsRoundTrip() {
        let map = SourceMap(sources: ["a.js", "b.js"], names: ["x"], mappings: [
            .init(generatedLine: 0, generatedColumn: 0, source: 0, originalLine: 3, originalColumn: 4),
            .init(generatedLine: 0, generatedColumn: 7),
            .init(generatedLine: 0, generatedColumn: 9, source: 1, originalLine: 0, originalColumn: 0, name: 0),
            .init(generatedLine: 3, generatedColumn: 2, source: 0, originalLine: 1, originalColumn: 1),
        ])
        #expect(map.encodedMappings() == "AAGI,O,ECHJA;;;EDCC")
        #expect(SourceMap(json: map.json()) == map)
        #expect(map.json() == #"{"version":3,"sources":["a.js","b.js"],"names":["x"],"mappings":"AAGI,O,ECHJA;;;EDCC"}"#)
        #expect(map.original(line: 0, column: 8)?.generatedColumn == 7)
        #expect(map.original(line: 3, column: 100)?.originalLine == 1)
        #expect(map.original(line: 1, column: 0) == nil)
        #expect(SourceMap.decodeMappings("AA!") == nil)
    }

    @Test func jsonEscapesSourceTexts() {
        let text = "a \"quoted\" \\ back\nline\r\t\u{01}\u{2028}\u{2029} é 😀 </script>"
        var map = SourceMap(file: "out.js", sources: ["dir/\"x\".js"], sourcesContent: [text, nil], names: ["é"])
        map.sourceRoot = "/"
        let json = map.json()
        #expect(!json.contains("\n") && !json.contains("\u{2028}"))
        #expect(json.hasPrefix(#"{"version":3,"file":"out.js","sourceRoot":"/","sources":["dir/\"x\".js"]"#))
        #expect(SourceMap(json: json) == map)
    }

    @Test func minifiedIdentifiersMapToTheirDeclarationsAndUses() {
        let input = """
            function outer(longName, other) {
              var counter = longName + other;
              return function inner() { return counter * window.scale; };
            }
            """
        let mapped = JavaScript.minifyMapped(SourceFile(path: "src/a.js", text: input))
        #expect(mapped.map.sources == ["src/a.js"])
        #expect(mapped.map.names.contains("longName"))
        #expect(mapped.map.names.contains("counter"))
        #expect(!mapped.map.names.contains("window"), "globals keep their names")
        let count = expectMapsBack(input, mapped.result.output, mapped.map)
        #expect(count >= 8)
        // `window` on line 3 of the input.
        let window = mapped.map.mappings.first { m in
            sourceMapText(mapped.result.output, line: m.generatedLine, column: m.generatedColumn)?
                .hasPrefix("window") == true
        }
        #expect(window?.originalLine == 2)
        #expect(window?.originalColumn == 45)
    }

    @Test func statementKeywordsMapToTheirLines() {
        let input = "function f(a) {\n  if (a > 10) {\n    throw new Error('big');\n  }\n  return a;\n}\n"
        let mapped = JavaScript.minifyMapped(SourceFile(path: "k.js", text: input))
        let output = mapped.result.output
        expectMapsBack(input, output, mapped.map)
        func line(at word: String) -> Int? {
            guard let range = output.range(of: word) else { return nil }
            let column = output.utf16.distance(from: output.startIndex, to: range.lowerBound)
            return mapped.map.original(line: 0, column: column)?.originalLine
        }
        #expect(line(at: "if(") == 1)
        #expect(line(at: "throw") == 2)
        #expect(line(at: "new ") == 2)
        #expect(line(at: "return") == 4)
        // The `function` keyword, where stack traces look up a frame's name, names `f`.
        let start = mapped.map.original(line: 0, column: 0)
        #expect(start.map { mapped.map.names.indices.contains($0.name) ? mapped.map.names[$0.name] : "" } == "f")
    }

    @Test func columnsCountUTF16Units() {
        let input = "var s = \"é😀\"; function f(long) { return long + s }"
        let mapped = JavaScript.minifyMapped(SourceFile(path: "u.js", text: input))
        expectMapsBack(input, mapped.result.output, mapped.map)
        let long = mapped.map.mappings.first { $0.name >= 0 && mapped.map.names[$0.name] == "long" }
        #expect(long?.originalColumn == 26)   // é is one unit, 😀 two
    }

    @Test func reprintMapsLines() {
        let input = "var a = 1;\n\n\nfunction g(x) {\n  return x + a;\n}\n"
        let mapped = JavaScript.reprintMapped(SourceFile(path: "r.js", text: input), includeContent: true)
        #expect(mapped.map.names == ["g"], "only function names, for stack frames; nothing is renamed")
        #expect(mapped.map.sourcesContent == [input])
        expectMapsBack(input, mapped.result.output, mapped.map)
        let lines = Set(mapped.map.mappings.map(\.originalLine))
        #expect(lines == [0, 3, 4])
        // One line-map entry per output line that maps anywhere (1-based source lines).
        #expect(mapped.result.lineMap.map(\.sourceLine) == [1, 4, 5])
        #expect(mapped.result.lineMap.allSatisfy { $0.sourcePath == "r.js" })
    }

    @Test func syntaxErrorGivesIdentityMap() {
        let input = "var a = ;\nb()\n"
        let mapped = JavaScript.minifyMapped(SourceFile(path: "bad.js", text: input))
        #expect(mapped.result.hasErrors)
        #expect(mapped.result.output == input)
        #expect(mapped.map.mappings.map(\.originalLine) == [0, 1, 2])
        #expect(mapped.map.mappings.map(\.generatedLine) == [0, 1, 2])
    }

    @Test func identityCountsEveryLineTerminator() {
        let map = SourceMap.identity(path: "x.min.js", text: "a\r\nb\rc\u{2028}d")
        #expect(map.mappings.count == 4)
        #expect(map.mappings.last?.originalLine == 3)
    }
}
