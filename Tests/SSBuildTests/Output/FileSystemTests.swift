import Foundation
import Testing

@testable import SSBuild

@Suite("In-memory file system")
struct InMemoryFileSystemTests {
    @Test func writeNeedsAParentDirectory() throws {
        let fs = InMemoryFileSystem()
        #expect(throws: FileSystemError.self) { try fs.writeFile("/a/b.txt", Data()) }
        try fs.createDirectory("/a", intermediates: false)
        try fs.writeFile("/a/b.txt", Data("x".utf8))
        #expect(try fs.readFile("/a/b.txt") == Data("x".utf8))
    }

    @Test func createDirectoryRules() throws {
        let fs = InMemoryFileSystem()
        #expect(throws: FileSystemError.self) { try fs.createDirectory("/a/b", intermediates: false) }
        try fs.createDirectory("/a/b", intermediates: true)
        try fs.createDirectory("/a/b", intermediates: true)
        #expect(throws: FileSystemError.self) { try fs.createDirectory("/a/b", intermediates: false) }
        #expect(fs.directoryExists("/a"))
    }

    @Test func renameReplacesFilesAndMovesDirectories() throws {
        let fs = InMemoryFileSystem(files: ["/d/x": Data("1".utf8), "/d/y": Data("2".utf8), "/s/in/f": Data("3".utf8)])
        try fs.rename("/d/x", "/d/y")
        #expect(try fs.readFile("/d/y") == Data("1".utf8))
        #expect(!fs.fileExists("/d/x"))
        try fs.rename("/s", "/t")
        #expect(try fs.readFile("/t/in/f") == Data("3".utf8))
        #expect(fs.itemKind("/s") == nil)
        #expect(throws: FileSystemError.self) { try fs.rename("/t", "/d") }  // not empty
        #expect(throws: FileSystemError.self) { try fs.rename("/missing", "/d/z") }
    }

    @Test func listAndRemove() throws {
        let fs = InMemoryFileSystem(files: ["/p/a": Data(), "/p/sub/b": Data()])
        #expect(try fs.contentsOfDirectory("/p") == ["a", "sub"])
        try fs.removeItem("/p/sub")
        #expect(try fs.contentsOfDirectory("/p") == ["a"])
        try fs.removeItem("/p/nothing")
        #expect(throws: FileSystemError.self) { try fs.contentsOfDirectory("/nope") }
    }

    @Test func snapshotIsRelativeAndComparable() throws {
        let fs = InMemoryFileSystem(files: ["/p/a": Data("1".utf8), "/p/s/b": Data("2".utf8), "/q": Data()])
        let snap = fs.snapshot(under: "/p")
        #expect(snap.files == ["a": Data("1".utf8), "s/b": Data("2".utf8)])
        #expect(snap.directories == ["s"])
        try fs.writeFile("/p/a", Data("changed".utf8))
        #expect(fs.snapshot(under: "/p") != snap)
    }

    @Test func writeFileAtomicallyLeavesNoTemporary() throws {
        let fs = InMemoryFileSystem(files: ["/p/index.html": Data("old".utf8)])
        try fs.writeFileAtomically("/p/index.html", Data("new".utf8))
        #expect(try fs.contentsOfDirectory("/p") == ["index.html"])
        #expect(try fs.readFile("/p/index.html") == Data("new".utf8))
    }
}

@Suite("Fault injection")
struct FaultInjectingFileSystemTests {
    @Test func failsExactlyTheNthMutation() throws {
        let fs = FaultInjectingFileSystem(wrapping: InMemoryFileSystem(files: ["/p/a": Data()]), failAt: 2)
        try fs.writeFile("/p/b", Data())
        #expect(throws: FileSystemError.self) { try fs.writeFile("/p/c", Data()) }
        try fs.writeFile("/p/d", Data())
        #expect(fs.mutationCount == 3)
        #expect(fs.operations == ["write /p/b", "write /p/c", "write /p/d"])
        #expect(!fs.fileExists("/p/c"))
    }

    @Test func persistentModeKeepsFailing() throws {
        let fs = FaultInjectingFileSystem(wrapping: InMemoryFileSystem(), failAt: 1, mode: .persistent)
        #expect(throws: FileSystemError.self) { try fs.createDirectory("/x", intermediates: true) }
        #expect(throws: FileSystemError.self) { try fs.createDirectory("/y", intermediates: true) }
        #expect(fs.itemKind("/x") == nil)
    }

    @Test func writeFileAtomicallyCleansUpWhenTheRenameFails() throws {
        let memory = InMemoryFileSystem(files: ["/p/index.html": Data("old".utf8)])
        let fs = FaultInjectingFileSystem(wrapping: memory, failAt: 2)
        #expect(throws: FileSystemError.self) { try fs.writeFileAtomically("/p/index.html", Data("new".utf8)) }
        #expect(memory.snapshot(under: "/p").files == ["index.html": Data("old".utf8)])
    }
}

@Suite("Disk file system")
struct DiskFileSystemTests {
    @Test func writesRenamesListsAndRemoves() throws {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("ssbuild-fs-\(UUID().uuidString)").path
        let fs = DiskFileSystem()
        defer { try? fs.removeItem(root) }
        try fs.createDirectory(root + "/a/b", intermediates: true)
        try fs.writeFile(root + "/a/b/x.txt", Data("hello".utf8))
        try fs.writeFileAtomically(root + "/a/y.txt", Data("y".utf8))
        try fs.rename(root + "/a/b/x.txt", root + "/a/z.txt")
        try fs.syncDirectory(root + "/a")
        #expect(try fs.contentsOfDirectory(root + "/a") == ["b", "y.txt", "z.txt"])
        #expect(try fs.readFile(root + "/a/z.txt") == Data("hello".utf8))
        #expect(fs.itemKind(root + "/a/b") == .directory)
        try fs.removeItem(root + "/a")
        #expect(fs.itemKind(root + "/a") == nil)
        #expect(throws: FileSystemError.self) { try fs.readFile(root + "/a/z.txt") }
        #expect(throws: FileSystemError.self) { try fs.writeFile(root + "/missing/x", Data()) }
    }
}
