/// One observed change below the watched root, by project-relative path.
public struct FileChange: Hashable, Sendable {
    public enum Kind: String, Hashable, Sendable {
        /// Created, written, or moved into place (an editor's atomic save ends here).
        case modified
        /// Deleted or moved away.
        case removed
        /// A new directory: its whole content is new.
        case directoryCreated
        /// The kernel queue overflowed or a watch failed: everything must be rescanned.
        case rescan
    }

    public var path: String
    public var kind: Kind

    public init(path: String, kind: Kind) {
        self.path = path
        self.kind = kind
    }
}
