import Foundation
import Testing
@testable import SSBuild

/// Replays recorded event traces (fixtures/watch-traces) through the coalescer with a
/// simulated clock and checks the bursts it flushes.
@Suite struct ChangeCoalescerTests {
    struct Event { var ms: Int; var change: FileChange }

    static func trace(_ name: String) throws -> [Event] {
        let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("fixtures/watch-traces/\(name).trace")
        let text = try String(contentsOf: url, encoding: .utf8)
        var events: [Event] = []
        for line in text.split(separator: "\n") where !line.hasPrefix("#") {
            let parts = line.split(separator: " ").map(String.init)
            if parts.first == "@generate", parts.count == 5, let count = Int(parts[1]), let step = Int(parts[2]) {
                for i in 0..<count {
                    events.append(Event(ms: i * step, change: FileChange(
                        path: parts[4].replacingOccurrences(of: "{i}", with: String(i)),
                        kind: FileChange.Kind(rawValue: parts[3]) ?? .modified)))
                }
            } else if parts.count == 3, let ms = Int(parts[0]), let kind = FileChange.Kind(rawValue: parts[1]) {
                events.append(Event(ms: ms, change: FileChange(path: parts[2], kind: kind)))
            }
        }
        return events
    }

    /// Runs events through a coalescer, ticking whenever it asks to be woken.
    /// `known` are the files the build knows (their edits may end a burst after `settle`).
    static func replay(_ events: [Event], quiet: Int = 3, maxDelay: Int = 60, settle: Int = 1,
                       known: Set<String> = []) -> [(ms: Int, changes: [FileChange])] {
        let origin = ContinuousClock.now
        func at(_ ms: Int) -> ContinuousClock.Instant { origin + .milliseconds(ms) }
        var coalescer = ChangeCoalescer(quiet: .milliseconds(quiet), maxDelay: .milliseconds(maxDelay),
                                        settle: .milliseconds(settle), isKnown: { known.contains($0) })
        var flushes: [(Int, [FileChange])] = []
        var wake: Int?
        var index = 0
        var steps = 0
        while (index < events.count || wake != nil), steps < 100_000 {
            steps += 1
            if let w = wake, index >= events.count || w < events[index].ms {
                wake = nil
                switch coalescer.tick(at: at(w)) {
                case .flush(let changes): flushes.append((w, changes))
                case .wake(let next): wake = Int(origin.duration(to: next) / .milliseconds(1))
                case .none: break
                }
                continue
            }
            let event = events[index]
            index += 1
            if case .wake(let next) = coalescer.receive(event.change, at: at(event.ms)) {
                wake = Int((origin.duration(to: next) / .milliseconds(1)).rounded(.up))
            }
        }
        return flushes
    }

    @Test func vimSaveIsOneModification() throws {
        let flushes = Self.replay(try Self.trace("vim-save"))
        #expect(flushes.count == 1)
        let changes = flushes.first?.changes ?? []
        #expect(changes.first { $0.path == "app/css/app.styl" }?.kind == .modified)
        #expect(flushes.first?.ms == 5)
    }

    @Test func atomicSaveEndsAsModification() throws {
        let flushes = Self.replay(try Self.trace("atomic-save"))
        #expect(flushes.map(\.changes) == [[
            FileChange(path: "app/client/.app.js.tmp", kind: .removed),
            FileChange(path: "app/client/app.js", kind: .modified),
        ]])
    }

    @Test func vimSaveOfAKnownFileEndsOnceTheNewFileIsInPlace() throws {
        let flushes = Self.replay(try Self.trace("vim-save"), known: ["app/css/app.styl"])
        #expect(flushes.map(\.ms) == [3])
        #expect(flushes.first?.changes.first { $0.path == "app/css/app.styl" }?.kind == .modified)
    }

    @Test func atomicSaveOfAKnownFileEndsAfterSettle() throws {
        let flushes = Self.replay(try Self.trace("atomic-save"), known: ["app/client/app.js"])
        #expect(flushes.map(\.ms) == [2])
        #expect(flushes.first?.changes.count == 2)
    }

    @Test func temporaryFileAloneWaitsTheFullQuiet() {
        let flushes = Self.replay([Event(ms: 0, change: FileChange(path: "app/a.js.tmp", kind: .modified))],
                                  known: ["app/a.js"])
        #expect(flushes.map(\.ms) == [3])
    }

    @Test func knownFileMovedAwayWaitsForItsReturn() {
        let flushes = Self.replay([
            Event(ms: 0, change: FileChange(path: "app/a.js", kind: .removed)),
            Event(ms: 2, change: FileChange(path: "app/a.js", kind: .modified)),
        ], known: ["app/a.js"])
        #expect(flushes.map(\.ms) == [3])
        #expect(flushes.first?.changes == [FileChange(path: "app/a.js", kind: .modified)])
    }

    @Test func trickleOfKnownFilesDoesNotEndEarlyAfterTheFirst() throws {
        let events = try Self.trace("git-checkout")
        let flushes = Self.replay(events, known: Set(events.map(\.change.path)))
        // The first file looks like a save; the rest arrive within `quiet` of that flush.
        #expect(flushes.map(\.ms) == [1, 62, 81])
        #expect(flushes.reduce(0) { $0 + $1.changes.count } == 40)
    }

    @Test func steadyTrickleIsSplitByMaxDelay() throws {
        let flushes = Self.replay(try Self.trace("git-checkout"))
        #expect(flushes.count == 2)
        #expect(flushes.first?.ms == 60)
        #expect(flushes.reduce(0) { $0 + $1.changes.count } == 40)
    }

    @Test func separateSavesRebuildSeparately() throws {
        let flushes = Self.replay(try Self.trace("two-bursts"))
        #expect(flushes.map(\.ms) == [3, 23])
    }

    @Test func rescanSubsumesTheBurst() {
        let flushes = Self.replay([
            Event(ms: 0, change: FileChange(path: "app/a.js", kind: .modified)),
            Event(ms: 1, change: FileChange(path: ".", kind: .rescan)),
            Event(ms: 2, change: FileChange(path: "app/b.js", kind: .modified)),
        ])
        #expect(flushes.map(\.changes) == [[FileChange(path: ".", kind: .rescan)]])
    }

    @Test func idleTickDoesNothing() {
        var coalescer = ChangeCoalescer()
        #expect(coalescer.tick(at: .now) == .none)
        #expect(coalescer.isIdle)
    }
}
