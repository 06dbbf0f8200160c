import Foundation
import SSBuild
import Testing

@testable import ssbuild

/// `compile` puts its malloc heaps in transparent huge pages when the compile looks large
/// (`MallocTuning+HugePages`). The output must not change, and the page faults must drop:
/// measured on the real binary with `/usr/bin/time` (minor faults, `%R`).
@Suite struct HugePagesTests {
    @Test func aStylesheetThatImportsIsALargeCompileAndASmallOneIsNot() throws {
        let dir = try CLIHarness.temporaryDirectory()
        defer { CLIHarness.cleanUp(dir) }
        let files = [
            "imports.styl": "@import 'a'\nbody\n  color red\n",
            "requires.styl": "// theme\n@require 'b'\n",
            "small.styl": "body\n  color red\n// no imports: an @ at the end @",
            "small.pug": "p @import is text here\n",
            "big.js": String(repeating: "var a = 1;\n", count: 7_000),
        ]
        for (name, text) in files { try text.write(toFile: dir + "/" + name, atomically: true, encoding: .utf8) }
        let snapshot = DiskResolver()
        #expect(CompileCommand.isLargeCompile(dir + "/imports.styl", snapshot))
        #expect(CompileCommand.isLargeCompile(dir + "/requires.styl", snapshot))
        #expect(!CompileCommand.isLargeCompile(dir + "/small.styl", snapshot))
        #expect(!CompileCommand.isLargeCompile(dir + "/small.pug", snapshot))
        #expect(CompileCommand.isLargeCompile(dir + "/big.js", snapshot))
        #expect(!CompileCommand.isLargeCompile(dir + "/missing.styl", snapshot))
    }

    @Test(.enabled(if: MallocTuning.hugePagesAreAdvisable && FileManager.default.isExecutableFile(atPath: "/usr/bin/time")))
    func aLargeCompileFaultsInFewerPagesAndPrintsTheSame() throws {
        let dir = try CLIHarness.temporaryDirectory()
        defer { CLIHarness.cleanUp(dir) }
        try Self.writeStylesheetTree(in: dir, files: 120)
        let normal = try Self.compile(dir, environment: [:])
        let small = try Self.compile(dir, environment: ["SSBUILD_HUGE_PAGES": "0"])
        #expect(normal.status == 0 && small.status == 0)
        #expect(normal.css == small.css)
        #expect(normal.css.utf8.count > 200_000, "the tree is big enough to need megabytes of heap")
        #expect(Double(normal.faults) < 0.7 * Double(small.faults),
                "minor faults with huge pages \(normal.faults), without \(small.faults)")
    }

    /// `app.styl` importing `files` partials, each with rules that call mixins.
    static func writeStylesheetTree(in dir: String, files: Int) throws {
        var app = "@import 'mixins'\n"
        try """
            shadow(depth = 1)
              box-shadow 0 (depth * 1px) (depth * 3px) rgba(0, 0, 0, 0.12 + depth * 0.04)
            pad(n)
              padding (n * 2px) (n * 4px)
              margin n * 1px

            """.write(toFile: dir + "/mixins.styl", atomically: true, encoding: .utf8)
        for i in 0..<files {
            var text = "c\(i) = #\(String(format: "%06x", (i * 7919) & 0xffffff))\n"
            for j in 0..<40 {
                text += ".part-\(i)-\(j)\n  color darken(c\(i), \(j % 20)%)\n  shadow(\(j % 4))\n  pad(\(j % 7))\n"
                text += "  &:hover\n    background lighten(c\(i), 10%)\n"
            }
            try text.write(toFile: dir + "/part\(i).styl", atomically: true, encoding: .utf8)
            app += "@import 'part\(i)'\n"
        }
        try app.write(toFile: dir + "/app.styl", atomically: true, encoding: .utf8)
    }

    static func compile(_ dir: String, environment: [String: String]) throws -> (status: Int32, css: String, faults: Int) {
        let run = try CLIHarness.run(
            ["compile", dir + "/app.styl"], environment: environment, wrapper: ["/usr/bin/time", "-f", "faults=%R"])
        let line = run.stderr.split(separator: "\n").last { $0.hasPrefix("faults=") } ?? ""
        return (run.status, run.stdout, Int(line.dropFirst("faults=".count)) ?? -1)
    }
}
