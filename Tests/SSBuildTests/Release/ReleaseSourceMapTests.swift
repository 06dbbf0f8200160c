import Foundation
import SSCompilers
import Testing
@testable import SSBuild

/// Releases with the real compilers write a fingerprinted map beside each script bundle,
/// name it in the bundle's last line, and map identifiers back to the original files.
@Suite struct ReleaseSourceMapTests {
    static let files = [
        "app/client/app.js": "var greeting = 'hello';\nexports.greet = function (person) {\n  return greeting + ' ' + person;\n};\n",
        "app/shared/calc.js": "exports.twice = function (number) { return 2 * number };\n",
        "app/views/app.jade": "doctype html\nhtml\n  head\n    != SocketStream\n",
        "lib/client/1.first.js": "var firstLibrary = function (argument) {\n  return argument + 1;\n};\n",
        "lib/client/2.vendor.min.js": "var v=1;\n",
        "lib/client/3.third.js": "var third = firstLibrary(41);\n",
    ]

    private func release(sourceMaps: Bool = true, compression: ReleaseCompression = .none)
        -> (ReleaseBuilder.Report, [String: Data])
    {
        let fs = InMemoryFileSystem()
        let builder = ProjectBuilder(root: ".", resolver: InMemoryResolver(files: Self.files))
        let settings = ReleaseBuilder.Settings(env: "production", compression: compression, sourceMaps: sourceMaps)
        let report = ReleaseBuilder(root: "/app", settings: settings, builder: builder, fileSystem: fs).run()
        return (report, fs.snapshot(under: "/app/public").files)
    }

    @Test func bundlesNameTheirFingerprintedMaps() throws {
        let (report, files) = release()
        #expect(report.succeeded, "\(report.diagnostics.map { $0.rendered() })")
        #expect(report.outputs.map(\.logicalName) == ["app.css", "app.js", "app.js.map", "lib.js", "lib.js.map"])
        let page = String(decoding: try #require(files["index.html"]), as: UTF8.self)
        #expect(!page.contains(".map"))
        for bundle in ["app.js", "lib.js"] {
            let entry = try #require(report.outputs.first { $0.logicalName == bundle })
            let mapEntry = try #require(report.outputs.first { $0.logicalName == bundle + ".map" })
            #expect(ContentHash.looksHashed(mapEntry.file))
            let code = String(decoding: try #require(files["assets/" + entry.file]), as: UTF8.self)
            #expect(code.hasSuffix("\n//# sourceMappingURL=\(mapEntry.file)\n"))
            let json = String(decoding: try #require(files["assets/" + mapEntry.file]), as: UTF8.self)
            let map = try #require(SourceMap(json: json))
            #expect(map.sourceRoot == "/")
            #expect(expectBundleMapsBack(code, map, files: Self.files) >= 3, "\(bundle)")
        }
    }

    @Test func mapsNameTheOriginalFilesAndNames() throws {
        let (report, files) = release()
        let appMap = try #require(report.outputs.first { $0.logicalName == "app.js.map" })
        let appData = try #require(files["assets/" + appMap.file])
        let app = try #require(SourceMap(json: String(decoding: appData, as: UTF8.self)))
        #expect(app.sources == ["app/shared/calc.js", "app/client/app.js"])
        #expect(app.names.contains("greeting") && app.names.contains("number"))
        let libMap = try #require(report.outputs.first { $0.logicalName == "lib.js.map" })
        let libData = try #require(files["assets/" + libMap.file])
        let lib = try #require(SourceMap(json: String(decoding: libData, as: UTF8.self)))
        #expect(lib.sources == ["lib/client/1.first.js", "lib/client/3.third.js"], ".min files stay unmapped")
        #expect(lib.sourcesContent.first == Self.files["lib/client/1.first.js"])
    }

    @Test func mapsAreNotPrecompressed() {
        let (report, files) = release(compression: ReleaseCompression(gzip: true, brotli: false))
        #expect(report.succeeded)
        #expect(files.keys.contains { $0.hasSuffix(".js.gz") })
        #expect(files.keys.contains { $0.hasSuffix(".map") })
        #expect(!files.keys.contains { $0.hasSuffix(".map.gz") })
    }

    @Test func deterministicAndOptional() {
        let (first, a) = release()
        let (_, b) = release()
        #expect(first.succeeded)
        #expect(a == b)
        let (plain, files) = release(sourceMaps: false)
        #expect(plain.outputs.map(\.logicalName) == ["app.css", "app.js", "lib.js"])
        #expect(!files.values.contains { String(decoding: $0, as: UTF8.self).contains("sourceMappingURL") })
    }
}
