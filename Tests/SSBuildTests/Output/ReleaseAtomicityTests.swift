import Foundation
import Testing

@testable import SSBuild

private func atomicRelease(_ version: String) throws -> PreparedRelease {
    try PreparedRelease.prepare(
        [
            ReleaseAsset("app.js", Data("var v = '\(version)';\n".utf8)),
            ReleaseAsset("app.css", Data("p{content:'\(version)'}\n".utf8)),
            ReleaseAsset("lib.js", Data("/* unchanged */\n".utf8)),
        ],
        compression: ReleaseCompression(brotliQuality: 4))
}

private func atomicIndex(_ release: PreparedRelease) -> Data {
    Data("<script src=\"\(release.url(for: "app.js")!)\"></script>\n".utf8)
}

private func atomicCommit(_ release: PreparedRelease, _ fs: any FileSystem, to dir: String = "/app/public") throws {
    try ReleaseWriter(fileSystem: fs).commit(release, indexHTML: atomicIndex(release), to: dir)
}

/// A file system holding the releases `versions`, committed in order.
private func atomicFileSystem(after versions: [String], extra: [String: Data] = [:]) throws -> InMemoryFileSystem {
    let fs = InMemoryFileSystem(files: extra)
    for version in versions { try atomicCommit(try atomicRelease(version), fs) }
    return fs
}

/// The number of mutating steps a successful commit of `v3` over `history` takes.
private func atomicStepCount(after history: [String]) throws -> Int {
    let probe = FaultInjectingFileSystem(wrapping: try atomicFileSystem(after: history))
    try atomicCommit(try atomicRelease("v3"), probe)
    return probe.mutationCount
}

@Suite("Release atomicity")
struct ReleaseAtomicityTests {
    /// Steps after index.html is renamed into place are cleanup: a failure there is a warning.
    private func commitPoint(_ operations: [String]) -> Int {
        (operations.firstIndex { $0.hasPrefix("rename ") && $0.hasSuffix("-> /app/public/index.html") } ?? 0) + 1
    }

    @Test(arguments: [[], ["v1"], ["v1", "v2"]])
    func aFailureAtAnyStepBeforeTheCommitPointLeavesTheTreeByteIdentical(history: [String]) throws {
        let probe = FaultInjectingFileSystem(wrapping: try atomicFileSystem(after: history))
        try atomicCommit(try atomicRelease("v3"), probe)
        let lastFailingStep = commitPoint(probe.operations)
        #expect(lastFailingStep > 10, "the probe saw the whole commit: \(probe.operations)")
        for step in 1...lastFailingStep {
            let fs = try atomicFileSystem(after: history, extra: ["/app/keep.txt": Data("x".utf8)])
            let before = fs.snapshot(under: "/app")
            let faulty = FaultInjectingFileSystem(wrapping: fs, failAt: step)
            #expect(throws: ReleaseError.self, "step \(step)") { try atomicCommit(try atomicRelease("v3"), faulty) }
            #expect(fs.snapshot(under: "/app") == before, "failure at step \(step): \(probe.operations[step - 1])")
        }
    }

    @Test func theErrorSaysTheTreeWasRestored() throws {
        let fs = try atomicFileSystem(after: ["v1"])
        let faulty = FaultInjectingFileSystem(wrapping: fs, failAt: 4)
        do {
            try atomicCommit(try atomicRelease("v3"), faulty)
            Issue.record("expected a failure")
        } catch let error as ReleaseError {
            guard case .fileSystem(let underlying, let rolledBack, let failures) = error else {
                Issue.record("unexpected \(error)")
                return
            }
            #expect(rolledBack && failures.isEmpty)
            #expect(underlying.reason == "injected failure")
            #expect(error.description.hasSuffix("(the previous output was left as it was)"))
        }
    }

    @Test func failuresAfterTheCommitPointAreWarnings() throws {
        let total = try atomicStepCount(after: ["v1", "v2"])
        let probe = FaultInjectingFileSystem(wrapping: try atomicFileSystem(after: ["v1", "v2"]))
        try atomicCommit(try atomicRelease("v3"), probe)
        let first = commitPoint(probe.operations) + 1
        #expect(first <= total)
        for step in first...total {
            let fs = try atomicFileSystem(after: ["v1", "v2"])
            let faulty = FaultInjectingFileSystem(wrapping: fs, failAt: step)
            let release = try atomicRelease("v3")
            let report = try ReleaseWriter(fileSystem: faulty).commit(
                release, indexHTML: atomicIndex(release), to: "/app/public")
            #expect(report.warnings.count == 1, "step \(step)")
            #expect(try fs.readFile("/app/public/index.html") == atomicIndex(release))
            #expect(release.manifest.files.allSatisfy { fs.fileExists("/app/public/assets/" + $0) })
        }
    }

    @Test func aPersistentFailureNeverBreaksTheLiveRelease() throws {
        let total = try atomicStepCount(after: ["v1", "v2"])
        let v2 = try atomicRelease("v2")
        for step in 1...total {
            let fs = try atomicFileSystem(after: ["v1", "v2"])
            let faulty = FaultInjectingFileSystem(wrapping: fs, failAt: step, mode: .persistent)
            let v3 = try atomicRelease("v3")
            let html: Data
            do {
                try atomicCommit(v3, faulty)
                html = atomicIndex(v3)
            } catch {
                html = atomicIndex(v2)
            }
            // Whatever happened, index.html is one complete release and all its files exist.
            #expect(try fs.readFile("/app/public/index.html") == html, "step \(step)")
            let live = html == atomicIndex(v3) ? v3 : v2
            #expect(live.manifest.files.allSatisfy { fs.fileExists("/app/public/assets/" + $0) }, "step \(step)")
            // And the next healthy run cleans up whatever was left.
            try atomicCommit(v3, fs)
            let names = try fs.contentsOfDirectory("/app/public")
            #expect(names == ["assets", "index.html"], "step \(step)")
        }
    }

    @Test func aFailedFirstReleaseLeavesNoPublicDirectory() throws {
        let total = try atomicStepCount(after: [])
        for step in 1..<total {
            let fs = InMemoryFileSystem(files: ["/app/config/app.json": Data("{}".utf8)])
            let faulty = FaultInjectingFileSystem(wrapping: fs, failAt: step)
            if (try? atomicCommit(try atomicRelease("v3"), faulty)) == nil {
                #expect(fs.itemKind("/app/public") == nil, "step \(step)")
            }
        }
    }
}

@Suite("Release determinism")
struct ReleaseDeterminismTests {
    @Test func sameInputsGiveIdenticalTreesInMemory() throws {
        let a = try atomicFileSystem(after: ["v1", "v2"])
        let b = try atomicFileSystem(after: ["v1", "v2"])
        #expect(a.snapshot(under: "/app") == b.snapshot(under: "/app"))
    }

    @Test func sameInputsGiveIdenticalBytesOnDisk() throws {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("ssbuild-det-\(UUID().uuidString)")
            .path
        defer { try? FileManager.default.removeItem(atPath: root) }
        let disk = DiskFileSystem()
        for run in ["a", "b"] {
            for version in ["v1", "v2"] {
                let release = try PreparedRelease.prepare(
                    [ReleaseAsset("app.js", Data(String(repeating: "x = '\(version)';\n", count: 50).utf8))])
                try atomicCommit(release, disk, to: "\(root)/\(run)/public")
            }
        }
        let files = try disk.contentsOfDirectory("\(root)/a/public/assets")
        #expect(files == (try disk.contentsOfDirectory("\(root)/b/public/assets")))
        #expect(files.contains { $0.hasSuffix(".gz") } && files.contains { $0.hasSuffix(".br") })
        for name in files {
            #expect(
                try disk.readFile("\(root)/a/public/assets/\(name)") == disk.readFile("\(root)/b/public/assets/\(name)")
            )
        }
        #expect(try disk.contentsOfDirectory("\(root)/a/public") == ["assets", "index.html"])
        // The system tools accept every precompressed file.
        for name in files where name.hasSuffix(".gz") {
            _ = try outputRunTool("/usr/bin/gzip", ["-t", "\(root)/a/public/assets/\(name)"], input: Data())
        }
        if FileManager.default.isExecutableFile(atPath: "/usr/bin/brotli") {
            for name in files where name.hasSuffix(".br") {
                _ = try outputRunTool("/usr/bin/brotli", ["-t", "\(root)/a/public/assets/\(name)"], input: Data())
            }
        }
    }

    @Test func prepareIsDeterministicAcrossOrder() throws {
        let assets = [ReleaseAsset("a.js", Data("a".utf8)), ReleaseAsset("b.css", Data("b".utf8))]
        let one = try PreparedRelease.prepare(assets)
        let two = try PreparedRelease.prepare(assets.reversed())
        #expect(one == two)
        #expect(one.id.count == 12)
    }
}
