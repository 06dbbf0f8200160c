import Foundation
import Testing
@testable import SSBuild

/// Real inotify on a real temporary directory.
@Suite(.serialized) struct InotifyWatcherTests {
    final class Collector: @unchecked Sendable {
        private let lock = NSLock()
        private var changes: [FileChange] = []
        func add(_ more: [FileChange]) { lock.lock(); changes += more; lock.unlock() }
        var all: [FileChange] { lock.lock(); defer { lock.unlock() }; return changes }

        /// Waits up to `timeout` for `condition` over everything seen so far.
        func wait(timeout: Double = 5, _ condition: ([FileChange]) -> Bool) -> Bool {
            let deadline = Date().addingTimeInterval(timeout)
            while Date() < deadline {
                if condition(all) { return true }
                Thread.sleep(forTimeInterval: 0.005)
            }
            return condition(all)
        }
    }

    let root: String
    let fm = FileManager.default

    init() throws {
        root = FileManager.default.temporaryDirectory.appendingPathComponent("ssbuild-watch-" + UUID().uuidString).path
        for dir in ["app/client", "app/css", "lib/client"] {
            try FileManager.default.createDirectory(atPath: root + "/" + dir, withIntermediateDirectories: true)
        }
        try Data("a".utf8).write(to: URL(fileURLWithPath: root + "/app/client/a.js"))
    }

    private func start() throws -> (InotifyWatcher, Collector) {
        let watcher = try InotifyWatcher(root: root, folders: ["app", "lib"])
        let collector = Collector()
        watcher.start { collector.add($0) }
        return (watcher, collector)
    }

    private func write(_ relative: String, _ text: String = "x") throws {
        try Data(text.utf8).write(to: URL(fileURLWithPath: root + "/" + relative))
    }

    @Test func newFileInNewSubdirectoryOfLibClient() throws {
        let (watcher, collector) = try start()
        defer { watcher.stop(); try? fm.removeItem(atPath: root) }
        try fm.createDirectory(atPath: root + "/lib/client/vendor/deep", withIntermediateDirectories: true)
        try write("lib/client/vendor/deep/9.plugin.js")
        #expect(collector.wait { $0.contains(FileChange(path: "lib/client/vendor/deep/9.plugin.js", kind: .modified)) })
        // The new folder is watched too: a later file in it is seen.
        try write("lib/client/vendor/deep/10.more.js")
        #expect(collector.wait { $0.contains(FileChange(path: "lib/client/vendor/deep/10.more.js", kind: .modified)) })
    }

    @Test func atomicSaveByRename() throws {
        let (watcher, collector) = try start()
        defer { watcher.stop(); try? fm.removeItem(atPath: root) }
        try write("app/client/.a.js.swp", "new")
        try fm.removeItem(atPath: root + "/app/client/a.js")
        try fm.moveItem(atPath: root + "/app/client/.a.js.swp", toPath: root + "/app/client/a.js")
        #expect(collector.wait { $0.last == FileChange(path: "app/client/a.js", kind: .modified) })
    }

    @Test func renameIsRemovalPlusModification() throws {
        let (watcher, collector) = try start()
        defer { watcher.stop(); try? fm.removeItem(atPath: root) }
        try fm.moveItem(atPath: root + "/app/client/a.js", toPath: root + "/app/client/b.js")
        #expect(collector.wait {
            $0.contains(FileChange(path: "app/client/a.js", kind: .removed))
                && $0.contains(FileChange(path: "app/client/b.js", kind: .modified))
        })
    }

    @Test func deleteIsRemoval() throws {
        let (watcher, collector) = try start()
        defer { watcher.stop(); try? fm.removeItem(atPath: root) }
        try fm.removeItem(atPath: root + "/app/client/a.js")
        #expect(collector.wait { $0.contains(FileChange(path: "app/client/a.js", kind: .removed)) })
    }

    @Test func thousandFileCheckoutBurstMissesNothing() throws {
        let (watcher, collector) = try start()
        defer { watcher.stop(); try? fm.removeItem(atPath: root) }
        var expected = Set<String>()
        for i in 0..<1000 {
            // Half the files land in folders created during the burst, as a checkout does.
            let dir = i % 2 == 0 ? "app/client" : "app/client/pkg\(i % 20)/sub"
            try fm.createDirectory(atPath: root + "/" + dir, withIntermediateDirectories: true)
            try write("\(dir)/f\(i).js", "exports.n = \(i);\n")
            expected.insert("\(dir)/f\(i).js")
        }
        let seen = collector.wait(timeout: 10) { changes in
            expected.isSubset(of: Set(changes.filter { $0.kind == .modified }.map(\.path)))
        }
        let missing = expected.subtracting(Set(collector.all.map(\.path)))
        #expect(seen, "missed \(missing.count) files, e.g. \(missing.sorted().prefix(5))")
    }
}
