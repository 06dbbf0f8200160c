/// The undo log of a release commit: each step that changed the tree, so a failure can
/// restore the previous tree exactly.
struct ReleaseJournal {
    private enum Entry {
        case createdDirectory(String)
        case addedFile(String)
        case replacedFile(String, backup: String?)
    }

    let fileSystem: any FileSystem
    private var entries: [Entry] = []

    init(fileSystem: any FileSystem) {
        self.fileSystem = fileSystem
    }

    mutating func created(directory: String) { entries.append(.createdDirectory(directory)) }
    mutating func added(file: String) { entries.append(.addedFile(file)) }
    /// `backup` holds the previous content, or nil when there was no previous file.
    mutating func replaced(file: String, backup: String?) { entries.append(.replacedFile(file, backup: backup)) }

    /// Undoes every step, newest first, and returns what could not be undone. Keeps going
    /// after a failure: each undo step is independent.
    func rollBack() -> [FileSystemError] {
        var failures: [FileSystemError] = []
        for entry in entries.reversed() {
            do {
                switch entry {
                case .replacedFile(let path, let backup?):
                    try fileSystem.rename(backup, path)
                case .replacedFile(let path, nil), .addedFile(let path), .createdDirectory(let path):
                    try fileSystem.removeItem(path)
                }
            } catch {
                failures.append(error)
            }
        }
        return failures
    }
}
