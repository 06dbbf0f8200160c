import Foundation
import SSCompilers

/// The writable file system that release output goes through, so the release logic can be
/// unit tested in memory and with injected failures (`FaultInjectingFileSystem`).
///
/// Paths are absolute or relative to the working directory, joined with `/`. Every
/// mutating call is one step that either happens completely or not at all, as far as the
/// implementation can promise: `rename` is rename(2); `writeFile` may leave a partial file
/// on failure, which is why release code only writes into a staging directory and then
/// renames.
///
/// ```swift
/// let fs = InMemoryFileSystem()
/// try fs.createDirectory("/app/public", intermediates: true)
/// try fs.writeFileAtomically("/app/public/index.html", Data("<html>".utf8))
/// try fs.contentsOfDirectory("/app/public")   // ["index.html"]
/// ```
public protocol FileSystem: Sendable {
    /// The file's bytes.
    func readFile(_ path: String) throws(FileSystemError) -> Data
    /// Creates or truncates `path` and writes `data`, then makes it durable (fsync).
    func writeFile(_ path: String, _ data: Data) throws(FileSystemError)
    /// Atomically moves a file or directory, replacing a file (or empty directory) at `to`.
    func rename(_ from: String, _ to: String) throws(FileSystemError)
    /// Removes a file, or a directory with everything in it. Missing is not an error.
    func removeItem(_ path: String) throws(FileSystemError)
    /// Entry names (not paths) of a directory, sorted.
    func contentsOfDirectory(_ path: String) throws(FileSystemError) -> [String]
    /// Creates a directory; with `intermediates`, its parents too, and an existing
    /// directory is not an error.
    func createDirectory(_ path: String, intermediates: Bool) throws(FileSystemError)
    /// What is at `path`, or nil.
    func itemKind(_ path: String) -> FileSystemItemKind?
    /// Makes a directory's entries (creations, renames) durable. A no-op in memory.
    func syncDirectory(_ path: String) throws(FileSystemError)
}

/// The kind of a file system entry.
public enum FileSystemItemKind: Sendable, Equatable {
    case file
    case directory
}

/// A failed file system operation: what, where, and why.
public struct FileSystemError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The operation, such as `write` or `rename`.
    public var operation: String
    public var path: String
    /// `strerror` text or an explanation.
    public var reason: String
    /// The errno value when the error came from the OS.
    public var code: Int32?

    public init(_ operation: String, _ path: String, _ reason: String, code: Int32? = nil) {
        self.operation = operation
        self.path = path
        self.reason = reason
        self.code = code
    }

    public var description: String { "\(operation) \(path): \(reason)" }
}

extension FileSystem {
    /// True when a regular file exists at `path`.
    public func fileExists(_ path: String) -> Bool { itemKind(path) == .file }

    /// True when a directory exists at `path`.
    public func directoryExists(_ path: String) -> Bool { itemKind(path) == .directory }

    /// Writes `data` to a temporary sibling and renames it over `path`, so readers see
    /// either the old or the new content, never a mix.
    public func writeFileAtomically(_ path: String, _ data: Data) throws(FileSystemError) {
        let dir = PathUtil.dirname(path)
        let temp = PathUtil.join(dir, ".\(PathUtil.basename(path)).ssbuild-tmp")
        do {
            try writeFile(temp, data)
            try rename(temp, path)
        } catch {
            try? removeItem(temp)
            throw error
        }
    }
}
