import Foundation
import Testing

@testable import SSCompilers

/// The evaluator waits, briefly, for an import the prefetch worker is parsing, instead of
/// parsing it a second time; a worker that does not finish in time is given up on.
@Suite struct StylusPrefetchWaitTests {
    /// Files in memory; reading `gated` blocks until `open()` (the worker is then "parsing" it).
    final class GatedResolver: SourceResolver, @unchecked Sendable {
        let base: InMemoryResolver
        let gated: String
        let entered = DispatchSemaphore(value: 0)
        let gate = DispatchSemaphore(value: 0)

        init(files: [String: String], gated: String) {
            base = InMemoryResolver(files: files)
            self.gated = gated
        }

        func open() { gate.signal() }

        func readText(_ path: String) -> String? {
            if path == gated {
                entered.signal()
                gate.wait()
                gate.signal()
            }
            return base.readText(path)
        }
        func readData(_ path: String) -> Data? { base.readData(path) }
        func fileExists(_ path: String) -> Bool { base.fileExists(path) }
        func directoryExists(_ path: String) -> Bool { base.directoryExists(path) }
        func contentsOfDirectory(_ path: String) -> [String]? { base.contentsOfDirectory(path) }
    }

    static let files = [
        "/s/a.styl": ".a\n  color red\n", "/s/b.styl": ".b\n  color blue\n",
        "/s/c.styl": ".c\n  color green\n", "/s/d.styl": ".d\n  color black\n",
    ]

    private func startedPrefetch(_ resolver: GatedResolver, longestWait: TimeInterval) -> StyImportPrefetch? {
        let requests = ["a.styl", "b.styl", "c.styl", "d.styl"]
        let prefetch = StyImportPrefetch(
            requests: requests, finder: StyImportFinder(paths: ["/s"], filename: "/s/app.styl", resolver: resolver),
            prefix: "")
        prefetch.longestWait = longestWait
        return prefetch.start() ? prefetch : nil
    }

    @Test func aFileTheWorkerIsParsingIsWaitedForAndTakenFromIt() throws {
        let resolver = GatedResolver(files: Self.files, gated: "/s/b.styl")
        // A bound no busy test machine reaches: the wait ends when the worker finishes.
        let prefetch = try #require(startedPrefetch(resolver, longestWait: 30))
        defer { prefetch.finish() }
        resolver.entered.wait()  // the worker is inside b.styl now
        Thread.detachNewThread {
            Thread.sleep(forTimeInterval: 0.002)
            resolver.open()
        }
        #expect(prefetch.resolvedFile("b.styl", paths: ["/s"]) == "/s/b.styl")
        let tree = prefetch.take("b.styl", file: "/s/b.styl", text: Self.files["/s/b.styl"] ?? "", into: StyArena())
        #expect(tree != nil, "the worker's tree, not a second parse")
    }

    @Test func aWorkerThatDoesNotFinishInTimeIsGivenUpOn() throws {
        let resolver = GatedResolver(files: Self.files, gated: "/s/b.styl")
        let prefetch = try #require(startedPrefetch(resolver, longestWait: 0.005))
        resolver.entered.wait()
        let started = Date()
        #expect(prefetch.resolvedFile("b.styl", paths: ["/s"]) == nil, "the evaluator resolves and parses it")
        let waited = Date().timeIntervalSince(started)
        #expect(waited >= 0.004 && waited < 5, "waited \(waited) s")
        #expect(prefetch.take("b.styl", file: "/s/b.styl", text: "", into: StyArena()) == nil)
        resolver.open()
        prefetch.finish()
    }
}
