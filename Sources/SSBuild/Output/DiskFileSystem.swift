import Foundation

#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// The real file system: POSIX calls for the steps whose semantics matter (write + fsync,
/// rename(2), directory fsync), Foundation for the rest.
///
/// ```swift
/// let fs = DiskFileSystem()
/// try fs.writeFileAtomically("public/index.html", Data(html.utf8))
/// ```
public struct DiskFileSystem: FileSystem {
    public init() {}

    public func readFile(_ path: String) throws(FileSystemError) -> Data {
        do {
            return try Data(contentsOf: URL(fileURLWithPath: path))
        } catch {
            throw FileSystemError("read", path, "cannot read file")
        }
    }

    public func writeFile(_ path: String, _ data: Data) throws(FileSystemError) {
        let fd = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
        guard fd >= 0 else { throw Self.posixError("write", path) }
        var failure: FileSystemError?
        data.withUnsafeBytes { buffer in
            var offset = 0
            while offset < buffer.count {
                let n = write(fd, buffer.baseAddress! + offset, buffer.count - offset)
                if n < 0 {
                    if errno == EINTR { continue }
                    failure = Self.posixError("write", path)
                    return
                }
                offset += n
            }
        }
        if failure == nil, fsync(fd) != 0 { failure = Self.posixError("fsync", path) }
        if close(fd) != 0, failure == nil { failure = Self.posixError("close", path) }
        if let failure { throw failure }
    }

    public func rename(_ from: String, _ to: String) throws(FileSystemError) {
        #if canImport(Glibc)
        let status = Glibc.rename(from, to)
        #elseif canImport(Musl)
        let status = Musl.rename(from, to)
        #else
        let status = Darwin.rename(from, to)
        #endif
        guard status == 0 else { throw Self.posixError("rename", "\(from) -> \(to)") }
    }

    public func removeItem(_ path: String) throws(FileSystemError) {
        guard itemKind(path) != nil else { return }
        do {
            try FileManager.default.removeItem(atPath: path)
        } catch {
            throw FileSystemError("remove", path, "\(error.localizedDescription)")
        }
    }

    public func contentsOfDirectory(_ path: String) throws(FileSystemError) -> [String] {
        do {
            return try FileManager.default.contentsOfDirectory(atPath: path).sorted()
        } catch {
            throw FileSystemError("list", path, "cannot list directory")
        }
    }

    public func createDirectory(_ path: String, intermediates: Bool) throws(FileSystemError) {
        if intermediates, itemKind(path) == .directory { return }
        do {
            try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: intermediates)
        } catch {
            throw FileSystemError("mkdir", path, "cannot create directory")
        }
    }

    public func itemKind(_ path: String) -> FileSystemItemKind? {
        var info = stat()
        guard stat(path, &info) == 0 else { return nil }
        return (info.st_mode & S_IFMT) == S_IFDIR ? .directory : .file
    }

    public func syncDirectory(_ path: String) throws(FileSystemError) {
        let fd = open(path, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        guard fd >= 0 else { throw Self.posixError("fsync", path) }
        defer { close(fd) }
        // Some file systems refuse fsync on directories (EINVAL); that is not a failure
        // of the release, only a weaker durability promise.
        if fsync(fd) != 0, errno != EINVAL { throw Self.posixError("fsync", path) }
    }

    private static func posixError(_ operation: String, _ path: String) -> FileSystemError {
        let code = errno
        return FileSystemError(operation, path, String(cString: strerror(code)), code: code)
    }
}
