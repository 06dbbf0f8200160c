/// Why a release could not be prepared or committed.
///
/// `description` is one line for the terminal, such as
/// `release failed: rename … -> public/index.html: No space left on device (the previous output was
/// left as it was)`.
public enum ReleaseError: Error, Sendable, Equatable, CustomStringConvertible {
    /// A logical name that is empty, has a path separator or an unsafe character, or
    /// starts with a dot.
    case invalidLogicalName(String)
    /// Two assets with the same logical name.
    case duplicateLogicalName(String)
    /// `keep` below 1.
    case invalidKeep(Int)
    /// `publicDir` exists but is not a directory.
    case notADirectory(String)
    /// Compressing an asset failed.
    case compressionFailed(logicalName: String, reason: String)
    /// A file system step failed before the release was published. `rolledBack` tells
    /// whether the previous tree was fully restored; when false, `rollbackFailures` lists
    /// what could not be undone (the previous index.html and the files it references are
    /// still intact, see `ReleaseWriter`).
    case fileSystem(FileSystemError, rolledBack: Bool, rollbackFailures: [FileSystemError])

    public var description: String {
        switch self {
        case .invalidLogicalName(let name):
            return "release failed: invalid asset name '\(name)' (use letters, digits, '.', '_' and '-')"
        case .duplicateLogicalName(let name):
            return "release failed: two assets are named '\(name)'"
        case .invalidKeep(let keep):
            return "release failed: keepReleases must be at least 1, not \(keep)"
        case .notADirectory(let path):
            return "release failed: \(path) exists and is not a directory"
        case .compressionFailed(let name, let reason):
            return "release failed: cannot compress \(name): \(reason)"
        case .fileSystem(let error, let rolledBack, let failures):
            let outcome =
                rolledBack
                ? "the previous output was left as it was"
                : "the previous release is still live, but cleanup failed: "
                    + failures.map(\.description).joined(separator: "; ")
            return "release failed: \(error) (\(outcome))"
        }
    }
}
