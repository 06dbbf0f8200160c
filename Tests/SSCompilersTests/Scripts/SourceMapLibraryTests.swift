import Foundation
import Testing

@testable import SSCompilers

/// Source maps of the real libraries, decoded by node's own `module.SourceMap` with
/// bench/minify/check-sourcemap.js: every identifier that has a segment must map to the
/// same name (or its recorded original name) in the original file.
@Suite("Source maps of real libraries")
struct SourceMapLibraryTests {
    static var checker: URL {
        URL(fileURLWithPath: #filePath).resolvingSymlinksInPath()
            .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("bench/minify/check-sourcemap.js")
    }

    @Test(arguments: ["jquery", "underscore", "lodash", "moment"])
    func nodeDecodesTheMap(_ name: String) throws {
        guard let node = JSLibraries.tool("node"), FileManager.default.fileExists(atPath: Self.checker.path),
            let path = JSLibraries.files.first(where: { $0.name == name })?.path,
            let source = try? String(contentsOfFile: path, encoding: .utf8)
        else {
            print("skipping \(name): node, the checker or the library is missing")
            return
        }
        let mapped = JavaScript.minifyMapped(SourceFile(path: path, text: source))
        #expect(!mapped.result.hasErrors)
        let dir = try JSLibraries.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let original = dir.appendingPathComponent("original.js")
        let minified = dir.appendingPathComponent("minified.js")
        let map = dir.appendingPathComponent("minified.js.map")
        try source.write(to: original, atomically: true, encoding: .utf8)
        try mapped.result.output.write(to: minified, atomically: true, encoding: .utf8)
        try mapped.map.json().write(to: map, atomically: true, encoding: .utf8)
        let (status, report) = try JSLibraries.run(node, [Self.checker.path, original.path, minified.path, map.path])
        #expect(status == 0, "\(name): \(report)")
        #expect(report.contains("wrong 0"), "\(name): \(report)")
    }
}
