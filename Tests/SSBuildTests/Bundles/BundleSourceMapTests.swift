import Foundation
import SSCompilers
import Testing
@testable import SSBuild

/// The text at a 0-based line and UTF-16 column (lines split at LF).
func bundleMapText(_ text: String, line: Int, column: Int) -> String? {
    let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
    guard line < lines.count else { return nil }
    let units = Array(lines[line].utf16)
    guard column <= units.count else { return nil }
    return String(decoding: units[column...], as: UTF16.self)
}

/// Words that start statements and `new` expressions (anchor segments of minified code).
let bundleMapAnchorWords: Set<String> = [
    "return", "throw", "new", "if", "for", "while", "do", "var", "let", "const", "function", "class", "switch",
    "try", "break", "continue", "debugger", "with", "async", "void", "typeof", "delete",
]

/// Checks every mapped segment of `map` (decoded from its JSON): the generated text there
/// starts with an identifier, and the original file (from `files`) has that identifier,
/// or the recorded original name, at the mapped position. Returns the segments checked.
@discardableResult
func expectBundleMapsBack(_ output: String, _ map: SourceMap, files: [String: String],
                          sourceLocation: Testing.SourceLocation = #_sourceLocation) -> Int {
    guard let decoded = SourceMap(json: map.json()) else {
        Issue.record("map does not parse", sourceLocation: sourceLocation)
        return 0
    }
    var checked = 0
    for m in decoded.mappings where m.source >= 0 {
        let path = decoded.sources[m.source]
        guard let generated = bundleMapText(output, line: m.generatedLine, column: m.generatedColumn),
            let source = files[path], let original = bundleMapText(source, line: m.originalLine, column: m.originalColumn)
        else {
            Issue.record("segment out of range: \(m) \(path)", sourceLocation: sourceLocation)
            continue
        }
        let identifier = generated.prefix { $0.isLetter || $0.isNumber || $0 == "_" || $0 == "$" }
        if m.name < 0, m.generatedColumn > 0 || m.originalColumn > 0,
            identifier.isEmpty || bundleMapAnchorWords.contains(String(identifier))
        {
            // A statement or `new` anchor: it maps to the first identifier inside.
            #expect(original.first.map { $0.isLetter || $0 == "_" || $0 == "$" } == true, "\(path) \(m)",
                    sourceLocation: sourceLocation)
            continue
        }
        if identifier.isEmpty {
            // Line-start segments of plain (identity) pieces: the same text on both sides.
            #expect(m.generatedColumn == 0 && m.originalColumn == 0, "\(m)", sourceLocation: sourceLocation)
            #expect(generated == original, "\(path):\(m.originalLine)", sourceLocation: sourceLocation)
            continue
        }
        let expected = m.name >= 0 ? decoded.names[m.name] : String(identifier)
        #expect(original.hasPrefix(expected), "\(path) \(m): \(expected) vs \(original.prefix(16))",
                sourceLocation: sourceLocation)
        checked += 1
    }
    return checked
}

@Suite struct BundleSourceMapTests {
    @Test func moduleMapSkipsTheWrapperLines() {
        let source = "var a = 1;\nexports.b = a;"
        let wrapped = ModuleWrapper.wrap(source, tree: .client, namespace: ["m"])
        let map = BundleSourceMap.moduleMap(path: "app/client/m.js", source: source)
        #expect(map.original(line: 0, column: 5)?.source == -1)
        #expect(map.original(line: 1, column: 4)?.originalLine == 0)
        #expect(map.original(line: 2, column: 0)?.originalLine == 1)
        #expect(map.original(line: 3, column: 0)?.source == -1)   // `});`
        #expect(wrapped.split(separator: "\n")[3] == "});")
    }

    @Test func piecesShiftByTheLinesBeforeThem() {
        var bundle = BundleSourceMap()
        bundle.append("runtime();\nmore();\n", map: nil)
        let lib = "var lib = 1;\nlib++;\n"
        bundle.append(lib, identityOf: "lib/client/1.lib.js")
        bundle.append("var x=1", map: nil)   // no trailing newline: the next piece starts mid-line
        bundle.append(";tail()\n", identityOf: "lib/client/2.tail.js")
        #expect(bundle.line == 5)
        #expect(bundle.column == 0)
        let map = bundle.map
        #expect(map.sources == ["lib/client/1.lib.js", "lib/client/2.tail.js"])
        #expect(map.original(line: 1, column: 3)?.source == -1)
        #expect(map.original(line: 2, column: 4)?.originalLine == 0)
        #expect(map.original(line: 3, column: 0)?.originalLine == 1)
        #expect(map.original(line: 4, column: 2)?.source == -1)
        let tail = map.original(line: 4, column: 8)
        #expect(tail?.source == 1)
        #expect(tail?.generatedColumn == 7)
        #expect(tail?.originalColumn == 0)
    }

    @Test func minifiedBundleComposesBackToEachModule() {
        let files = [
            "app/client/a.js": "var counter = 0;\nexports.next = function (step) {\n  counter += step;\n  return counter;\n};\n",
            "app/shared/b.js": "exports.twice = function (value) { return value * 2 };\n",
        ]
        var text = "(function(){window.SS={}})();\n"
        var bundle = BundleSourceMap()
        bundle.append(text, map: nil)
        for (path, namespace) in [("app/client/a.js", ["a"]), ("app/shared/b.js", ["b"])] {
            let source = files[path] ?? ""
            let wrapped = ModuleWrapper.wrap(source, tree: path.contains("shared") ? .shared : .client,
                                             namespace: namespace)
            text += wrapped
            bundle.append(wrapped, map: BundleSourceMap.moduleMap(path: path, source: source, includeContent: true))
        }
        let minified = JavaScript.minifyMapped(SourceFile(path: "app.js", text: text))
        let map = bundle.composed(after: minified.map)
        #expect(map.sources == ["app/client/a.js", "app/shared/b.js"])
        #expect(map.sourcesContent == ["app/client/a.js", "app/shared/b.js"].map { files[$0] })
        #expect(map.names.contains("counter") && map.names.contains("value"))
        #expect(expectBundleMapsBack(minified.result.output, map, files: files) >= 8)
        // The runtime before the modules maps nowhere.
        #expect(map.original(line: 0, column: 3) == nil || map.original(line: 0, column: 3)?.source == -1)
    }

    @Test func developmentModulesPointAtTheirMaps() throws {
        let files = [
            "app/client/app.js": "var secret = 2;\nexports.count = function () { return secret };\n",
            "app/views/app.jade": "doctype html\nhtml\n  head\n    != SocketStream\n",
        ]
        let builder = ProjectBuilder(root: ".", resolver: InMemoryResolver(files: files))
        var options = BuildOptions.development()
        options.sourceMaps = true
        let result = builder.build(options)
        #expect(!result.hasErrors, "\(result.diagnostics.map { $0.rendered() })")
        let script = try #require(result.assets.first { $0.logicalName == "dev/app/client/app.js" })
        let code = String(decoding: script.contents, as: UTF8.self)
        #expect(code.hasSuffix("});\n//# sourceMappingURL=app.js.map\n"))
        let asset = try #require(result.assets.first { $0.logicalName == "dev/app/client/app.js.map" })
        #expect(asset.kind == .sourceMap)
        #expect(asset.contentType.hasPrefix("application/json"))
        let map = try #require(SourceMap(json: String(decoding: asset.contents, as: UTF8.self)))
        #expect(map.sourceRoot == "/")
        #expect(map.original(line: 2, column: 0)?.originalLine == 1)
        #expect(!(result.page ?? "").contains(".map"), "maps are not page tags")
    }
}
