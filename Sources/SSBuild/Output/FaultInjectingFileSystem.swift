import Foundation

/// Wraps a file system and fails its Nth mutating operation, to prove that release code
/// leaves the previous output intact whatever step fails. Reads never fail.
///
/// ```swift
/// let disk = InMemoryFileSystem()
/// let probe = FaultInjectingFileSystem(wrapping: disk)       // counts, never fails
/// try writer(probe).commit(...)
/// for step in 1...probe.mutationCount {
///     let faulty = FaultInjectingFileSystem(wrapping: copy, failAt: step)
///     #expect(throws: ReleaseError.self) { try writer(faulty).commit(...) }
/// }
/// ```
public final class FaultInjectingFileSystem: FileSystem, @unchecked Sendable {
    /// Whether the failure is a single glitch or a persistent condition such as a full disk.
    public enum Mode: Sendable {
        /// Only the Nth mutation fails; later ones (such as a rollback) succeed.
        case once
        /// The Nth and every later mutation fail.
        case persistent
    }

    private let base: any FileSystem
    private let failAt: Int?
    private let mode: Mode
    private let lock = NSLock()
    private var count = 0
    private var log: [String] = []

    /// `failAt` is 1-based; nil never fails (use it to count the steps of a run).
    public init(wrapping base: any FileSystem, failAt: Int? = nil, mode: Mode = .once) {
        self.base = base
        self.failAt = failAt
        self.mode = mode
    }

    /// How many mutating operations were attempted, failed ones included.
    public var mutationCount: Int { lock.withLock { count } }

    /// One line per attempted mutation (`write /p/a.js`), in order.
    public var operations: [String] { lock.withLock { log } }

    private func step(_ description: String, _ path: String) throws(FileSystemError) {
        let shouldFail: Bool = lock.withLock {
            count += 1
            log.append(description)
            guard let failAt else { return false }
            return mode == .once ? count == failAt : count >= failAt
        }
        if shouldFail { throw FileSystemError(description, path, "injected failure", code: 5) }
    }

    public func readFile(_ path: String) throws(FileSystemError) -> Data { try base.readFile(path) }

    public func writeFile(_ path: String, _ data: Data) throws(FileSystemError) {
        try step("write \(path)", path)
        try base.writeFile(path, data)
    }

    public func rename(_ from: String, _ to: String) throws(FileSystemError) {
        try step("rename \(from) -> \(to)", from)
        try base.rename(from, to)
    }

    public func removeItem(_ path: String) throws(FileSystemError) {
        try step("remove \(path)", path)
        try base.removeItem(path)
    }

    public func contentsOfDirectory(_ path: String) throws(FileSystemError) -> [String] {
        try base.contentsOfDirectory(path)
    }

    public func createDirectory(_ path: String, intermediates: Bool) throws(FileSystemError) {
        try step("mkdir \(path)", path)
        try base.createDirectory(path, intermediates: intermediates)
    }

    public func itemKind(_ path: String) -> FileSystemItemKind? { base.itemKind(path) }

    public func syncDirectory(_ path: String) throws(FileSystemError) {
        try step("fsync \(path)", path)
        try base.syncDirectory(path)
    }
}
