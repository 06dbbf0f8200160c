/// The console's command history: the last `limit` lines, oldest first, with no blank
/// lines and no line repeated twice in a row. Stored one line per entry in
/// `.ssbuild/console_history`.
///
///     var history = LineHistory(limit: 500)
///     history.add("app.square 25")
///     history.fileText   // "app.square 25\n"
struct LineHistory: Equatable, Sendable {
    private(set) var entries: [String] = []
    let limit: Int

    init(limit: Int = 500) {
        self.limit = max(1, limit)
    }

    /// Reads a history file's text (the last `limit` usable lines).
    init(fileText: String, limit: Int = 500) {
        self.init(limit: limit)
        for line in fileText.split(omittingEmptySubsequences: true, whereSeparator: \.isNewline) {
            add(String(line))
        }
    }

    mutating func add(_ line: String) {
        guard !line.allSatisfy(\.isWhitespace), !line.contains(where: \.isNewline) else { return }
        if entries.last == line { return }
        entries.append(line)
        if entries.count > limit { entries.removeFirst(entries.count - limit) }
    }

    var fileText: String { entries.map { $0 + "\n" }.joined() }
}
