import Foundation
import SSCompilers

/// The real file system as a `SourceResolver`. Reads are not cached here; the build
/// wraps it in a `FileSnapshot` that caches and hashes each file once per build.
public struct DiskResolver: SourceResolver {
    public init() {}

    public func readText(_ path: String) -> String? {
        guard let data = FileManager.default.contents(atPath: path) else { return nil }
        return String(decoding: data, as: UTF8.self)
    }

    public func readData(_ path: String) -> Data? {
        FileManager.default.contents(atPath: path)
    }

    public func fileExists(_ path: String) -> Bool {
        var isDirectory: ObjCBool = false
        return FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) && !isDirectory.boolValue
    }

    public func directoryExists(_ path: String) -> Bool {
        var isDirectory: ObjCBool = false
        return FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) && isDirectory.boolValue
    }

    public func contentsOfDirectory(_ path: String) -> [String]? {
        guard let names = try? FileManager.default.contentsOfDirectory(atPath: path) else { return nil }
        return names.sorted(by: ByteOrder.precedes)
    }
}
