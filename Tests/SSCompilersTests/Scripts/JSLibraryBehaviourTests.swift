import Foundation
import Testing

@testable import SSCompilers

/// The real libraries of the benchmark fixture (Debian packages), minified and run in node.
enum JSLibraries {
    static let files: [(name: String, path: String)] = [
        ("jquery", "/usr/share/javascript/jquery/jquery.js"),
        ("underscore", "/usr/share/javascript/underscore/underscore.js"),
        ("mustache", "/usr/share/javascript/mustache/mustache.js"),
        ("moment", "/usr/share/javascript/moment/moment.js"),
        ("lodash", "/usr/share/nodejs/lodash/lodash.js"),
        ("three", "/usr/share/javascript/three/three.js"),
    ]

    static func tool(_ name: String) -> String? {
        ["/usr/bin/\(name)", "/usr/local/bin/\(name)"].first { FileManager.default.isExecutableFile(atPath: $0) }
    }

    /// Runs a tool; returns (exit status, stdout + stderr).
    static func run(_ executable: String, _ arguments: [String], stdin: String? = nil) throws -> (Int32, String) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        let output = Pipe()
        process.standardOutput = output
        process.standardError = output
        let input = Pipe()
        process.standardInput = input
        try process.run()
        if let stdin { input.fileHandleForWriting.write(Data(stdin.utf8)) }
        try input.fileHandleForWriting.close()
        let data = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (process.terminationStatus, String(decoding: data, as: UTF8.self))
    }

    static func temporaryDirectory() throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("ssbuild-js-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }

    /// Minifies the library with `minify`, runs the smoke script on the original and the
    /// output, and checks identical results; also checks that esbuild parses the output.
    static func checkBehaviour(_ name: String, _ path: String, minifies: Bool = true,
                               minify: (SourceFile) -> CompileResult) throws {
        guard let node = tool("node") else {
            print("skipping \(name): node is not installed")
            return
        }
        guard let source = try? String(contentsOfFile: path, encoding: .utf8) else {
            print("skipping \(name): \(path) is not installed")
            return
        }
        let script = try #require(JSLibrarySmokeScripts.scripts[name])
        let result = minify(SourceFile(path: path, text: source))
        #expect(!result.hasErrors, "\(result.diagnostics.prefix(3).map { $0.rendered() })")
        #expect(result.output.utf8.count < source.utf8.count || !minifies)
        let dir = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let original = dir.appendingPathComponent("original.js")
        let minified = dir.appendingPathComponent("minified.js")
        let smoke = dir.appendingPathComponent("smoke.js")
        try source.write(to: original, atomically: true, encoding: .utf8)
        try result.output.write(to: minified, atomically: true, encoding: .utf8)
        try script.write(to: smoke, atomically: true, encoding: .utf8)
        let (status1, expected) = try run(node, [smoke.path, original.path])
        let (status2, actual) = try run(node, [smoke.path, minified.path])
        #expect(status1 == 0, "smoke script fails on the original \(name): \(expected.prefix(500))")
        #expect(status2 == 0, "minified \(name) fails: \(actual.prefix(500))")
        #expect(actual == expected)
        if let esbuild = tool("esbuild") {
            let (status, messages) = try run(esbuild, ["--log-level=error"], stdin: result.output)
            #expect(status == 0, "esbuild rejects minified \(name): \(messages.prefix(500))")
        }
    }
}

@Suite("JavaScript minifier on real libraries")
struct JSLibraryBehaviourTests {
    @Test(arguments: JSLibraries.files.map(\.name))
    func minifiedLibraryBehavesTheSame(_ name: String) throws {
        let path = try #require(JSLibraries.files.first { $0.name == name }?.path)
        try JSLibraries.checkBehaviour(name, path) { JavaScript.minify($0) }
    }

    @Test(arguments: JSLibraries.files.map(\.name))
    func tokenMinifiedLibraryBehavesTheSame(_ name: String) throws {
        let path = try #require(JSLibraries.files.first { $0.name == name }?.path)
        try JSLibraries.checkBehaviour(name, path) { JavaScript.minifyTokens($0) }
    }

    @Test(arguments: JSLibraries.files.map(\.name))
    func reprintedLibraryBehavesTheSame(_ name: String) throws {
        let path = try #require(JSLibraries.files.first { $0.name == name }?.path)
        try JSLibraries.checkBehaviour(name, path, minifies: false) { JavaScript.reprint($0) }
    }
}
