import Foundation
import Testing

@testable import SSCompilers

/// Whole JavaScript tools from Debian (compilers, so any miscompiled branch shows in
/// their output), every file minified by ssbuild, then run on the same workload as the
/// original package.
@Suite("JavaScript minifier on whole tools")
struct JSToolBehaviourTests {
    static let workloads: [String: String] = [
        "uglify-js": #"""
            const U = require(require("path").join(process.argv[2], "uglify-js"));
            const fs = require("fs");
            const r = U.minify(fs.readFileSync("/usr/share/javascript/mustache/mustache.js", "utf8"));
            console.log(r.error ? "ERR " + r.error : r.code);
            """#,
        "coffeescript": #"""
            const C = require(require("path").join(process.argv[2], "coffeescript"));
            const src = [
              "class A extends B",
              "  constructor: (@x, @y = 2) -> super()",
              "  m: (args...) -> \"#{@x} #{args.length}\"",
              "evens = (n for n in [1..10] when n % 2 is 0)",
              "{a, b: [c, rest...]} = obj",
              "r = switch",
              "  when c > 1 then 'big'",
              "  else 'small'",
              "f = ({x}) => x ? 0",
              "g = -> yield i for i in [0...3]",
            ].join("\n");
            console.log(C.compile(src, { bare: true }));
            try { C.compile("x = ->\n  if\n"); } catch (e) { console.log("ERR", e.message); }
            """#,
    ]

    @Test(arguments: ["uglify-js", "coffeescript"])
    func minifiedToolBehavesTheSame(_ package: String) throws {
        let source = "/usr/share/nodejs/" + package
        guard let node = JSLibraries.tool("node"), FileManager.default.fileExists(atPath: source) else {
            print("skipping \(package): node or \(source) is not installed")
            return
        }
        let workload = try #require(JSToolBehaviourTests.workloads[package])
        let dir = try JSLibraries.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let original = dir.appendingPathComponent("original")
        let minified = dir.appendingPathComponent("minified")
        try FileManager.default.createDirectory(at: original, withIntermediateDirectories: true)
        try FileManager.default.createDirectory(at: minified, withIntermediateDirectories: true)
        let resolved = URL(fileURLWithPath: source).resolvingSymlinksInPath().path
        try FileManager.default.copyItem(atPath: resolved, toPath: original.appendingPathComponent(package).path)
        try FileManager.default.copyItem(atPath: resolved, toPath: minified.appendingPathComponent(package).path)
        var count = 0
        let root = minified.appendingPathComponent(package)
        let files = FileManager.default.enumerator(atPath: root.path)?.compactMap { $0 as? String } ?? []
        for relative in files where relative.hasSuffix(".js") || relative.hasSuffix(".cjs") {
            let url = root.appendingPathComponent(relative)
            guard let text = try? String(contentsOf: url, encoding: .utf8) else { continue }
            let result = JavaScript.minify(SourceFile(path: relative, text: text))
            #expect(!result.hasErrors, "\(relative): \(result.diagnostics.first?.headline ?? "")")
            try result.output.write(to: url, atomically: true, encoding: .utf8)
            count += 1
        }
        #expect(count > 3)
        let script = dir.appendingPathComponent("workload.js")
        try workload.write(to: script, atomically: true, encoding: .utf8)
        let (status1, expected) = try JSLibraries.run(node, [script.path, original.path])
        let (status2, actual) = try JSLibraries.run(node, [script.path, minified.path])
        #expect(status1 == 0, "\(expected.prefix(400))")
        #expect(status2 == 0, "\(actual.prefix(400))")
        #expect(actual == expected)
    }
}
