import Foundation
import Testing

@testable import SSBuild

private func releaseAssets(_ version: String) -> [ReleaseAsset] {
    [
        ReleaseAsset("app.js", Data("SS.client.app={init:function(){return '\(version)'}};\n".utf8)),
        ReleaseAsset("app.css", Data("body{color:red}/* \(version) */\n".utf8)),
        ReleaseAsset("lib.js", Data("/* shared library, never changes */\n".utf8)),
    ]
}

private func releaseIndex(_ release: PreparedRelease) -> Data {
    Data("<html><script src=\"\(release.url(for: "app.js")!)\"></script></html>\n".utf8)
}

private func releasePrepare(_ version: String, compression: ReleaseCompression = .init(brotliQuality: 5))
    throws -> PreparedRelease
{
    try PreparedRelease.prepare(releaseAssets(version), compression: compression)
}

/// Commits `version` into `/app/public` of `fs`.
@discardableResult
private func releaseCommit(_ version: String, _ fs: any FileSystem, keep: Int = 2) throws -> ReleaseWriter.Report {
    let release = try releasePrepare(version)
    return try ReleaseWriter(fileSystem: fs).commit(
        release, indexHTML: releaseIndex(release), to: "/app/public", keep: keep)
}

/// The live files of `/app/public`: index.html and what it and the manifest reference.
private func releaseLiveFilesIntact(_ fs: InMemoryFileSystem) throws -> Bool {
    let manifest = try Manifest.decode(fs.readFile("/app/public/assets/manifest.json"))
    let html = String(decoding: try fs.readFile("/app/public/index.html"), as: UTF8.self)
    guard let js = manifest["app.js"], html.contains("/assets/" + js.file) else { return false }
    return manifest.files.allSatisfy { fs.fileExists("/app/public/assets/" + $0) }
}

@Suite("Release writer")
struct ReleaseWriterTests {
    @Test func firstReleaseWritesTheLayout() throws {
        let fs = InMemoryFileSystem()
        let release = try releasePrepare("v1")
        let report = try ReleaseWriter(fileSystem: fs).commit(
            release, indexHTML: releaseIndex(release), to: "/app/public")
        let snap = fs.snapshot(under: "/app/public")
        let js = try #require(release.manifest["app.js"])
        #expect(snap.files["index.html"] == releaseIndex(release))
        #expect(snap.files["assets/" + js.file] == releaseAssets("v1")[0].data)
        #expect(try Gzip.decompress(#require(snap.files["assets/\(js.file).gz"])) == releaseAssets("v1")[0].data)
        #expect(snap.files["assets/\(js.file).br"] != nil)
        #expect(snap.files["assets/manifest.json"] == release.manifest.encoded())
        #expect(snap.files["assets/.ssbuild-releases.json"] != nil)
        #expect(snap.directories == ["assets"])  // no staging left behind
        #expect(report.added.count == 9)
        #expect(report.pruned.isEmpty && report.warnings.isEmpty && report.reused.isEmpty)
    }

    @Test func unchangedAssetsAreReusedNotRewritten() throws {
        let fs = InMemoryFileSystem()
        try releaseCommit("v1", fs)
        let report = try releaseCommit("v2", fs)
        let lib = try releasePrepare("v2").manifest["lib.js"]!.file
        #expect(report.reused == [lib, lib + ".br", lib + ".gz"])
        #expect(report.added.count == 6)
    }

    @Test func pruningKeepsThePreviousReleaseAndRemovesOlderOnes() throws {
        let fs = InMemoryFileSystem(files: ["/app/public/assets/logo.png": Data("png".utf8)])
        try releaseCommit("v1", fs)
        try releaseCommit("v2", fs)
        let v1 = try releasePrepare("v1").manifest
        let v2 = try releasePrepare("v2").manifest
        #expect(fs.fileExists("/app/public/assets/" + v1["app.js"]!.file))
        let report = try releaseCommit("v3", fs)
        let v3 = try releasePrepare("v3").manifest
        let names = Set(try fs.contentsOfDirectory("/app/public/assets"))
        #expect(names == Set(v2.files + v3.files + ["manifest.json", ".ssbuild-releases.json", "logo.png"]))
        let css = v1["app.css"]!.file
        let js = v1["app.js"]!.file
        #expect(Set(report.pruned) == [css, css + ".br", css + ".gz", js, js + ".br", js + ".gz"])
        #expect(report.pruned == report.pruned.sorted())
    }

    @Test func keepOneRemovesThePreviousRelease() throws {
        let fs = InMemoryFileSystem()
        try releaseCommit("v1", fs, keep: 1)
        try releaseCommit("v2", fs, keep: 1)
        let v2 = try releasePrepare("v2").manifest
        #expect(
            Set(try fs.contentsOfDirectory("/app/public/assets"))
                == Set(v2.files + ["manifest.json", ".ssbuild-releases.json"]))
    }

    @Test func rereleasingTheSameInputsChangesNothing() throws {
        let fs = InMemoryFileSystem()
        try releaseCommit("v1", fs)
        try releaseCommit("v2", fs)
        let before = fs.snapshot(under: "/app/public")
        let report = try releaseCommit("v2", fs)
        #expect(fs.snapshot(under: "/app/public") == before)
        #expect(report.added.isEmpty && report.pruned.isEmpty)
    }

    @Test func orphanedHashedFilesArePrunedButUserFilesStay() throws {
        let fs = InMemoryFileSystem(files: [
            "/app/public/assets/app-0123456789ab.js": Data("orphan from a crashed run".utf8),
            "/app/public/assets/robots.txt": Data("user".utf8),
            "/app/public/.ssbuild-staging-deadbeef0000/app.js": Data("stale".utf8),
        ])
        let report = try releaseCommit("v1", fs)
        #expect(report.pruned == ["app-0123456789ab.js"])
        #expect(fs.fileExists("/app/public/assets/robots.txt"))
        #expect(fs.itemKind("/app/public/.ssbuild-staging-deadbeef0000") == nil)
    }

    @Test func aManifestWithoutHistoryCountsAsThePreviousRelease() throws {
        let fs = InMemoryFileSystem()
        try releaseCommit("v1", fs)
        try fs.removeItem("/app/public/assets/.ssbuild-releases.json")
        try releaseCommit("v2", fs)
        let v1 = try releasePrepare("v1").manifest
        #expect(v1.files.allSatisfy { fs.fileExists("/app/public/assets/" + $0) })
    }

    @Test func rejectsBadArguments() throws {
        let release = try releasePrepare("v1")
        let writer = ReleaseWriter(fileSystem: InMemoryFileSystem(files: ["/app/public": Data()]))
        #expect(throws: ReleaseError.invalidKeep(0)) {
            try writer.commit(release, indexHTML: Data(), to: "/app/other", keep: 0)
        }
        #expect(throws: ReleaseError.notADirectory("/app/public")) {
            try writer.commit(release, indexHTML: Data(), to: "/app/public")
        }
    }

    @Test func prepareValidatesLogicalNames() {
        #expect(throws: ReleaseError.invalidLogicalName("js/app.js")) {
            try PreparedRelease.prepare([ReleaseAsset("js/app.js", Data())])
        }
        #expect(throws: ReleaseError.invalidLogicalName(".env")) {
            try PreparedRelease.prepare([ReleaseAsset(".env", Data())])
        }
        #expect(throws: ReleaseError.duplicateLogicalName("a.js")) {
            try PreparedRelease.prepare([ReleaseAsset("a.js", Data()), ReleaseAsset("a.js", Data("x".utf8))])
        }
    }

    @Test func compressionOnlyForTextAndOnlyWhenAsked() throws {
        let release = try PreparedRelease.prepare(
            [ReleaseAsset("app.js", Data("x".utf8)), ReleaseAsset("logo.png", Data([0x89, 0x50]))],
            compression: ReleaseCompression(gzip: true, brotli: false))
        #expect(release.manifest["app.js"]?.gzipSize != nil)
        #expect(release.manifest["app.js"]?.brotliSize == nil)
        #expect(release.manifest["logo.png"]?.gzipSize == nil)
        let none = try PreparedRelease.prepare([ReleaseAsset("app.js", Data("x".utf8))], compression: .none)
        #expect(none.files.count == 1)
    }
}
