import SSActions

/// Tab completion for the console line: the first word completes to a command or an
/// action name (`app.sq` -> `app.square `), the word after `publish` to a target.
///
///     LineCompletion.complete(Array("app.sq"), cursor: 6, words: ["app.square", "help"])
///     // .replace(start: 0, with: "app.square ")
enum LineCompletion: Equatable, Sendable {
    /// Replace the characters from `start` to the cursor.
    case replace(start: Int, with: String)
    /// Several candidates and no longer common prefix: show them.
    case choices([String])
    case none

    /// The console's own commands, completed like action names.
    static let commands = ["exit", "help", "online", "publish", "quit", "tree", "user"]
    static let publishTargets = ["broadcast", "channel", "user"]

    static func complete(_ buffer: [Character], cursor: Int, words: [String]) -> LineCompletion {
        let cursor = min(max(0, cursor), buffer.count)
        var start = cursor
        while start > 0, !buffer[start - 1].isWhitespace { start -= 1 }
        let before = String(buffer[..<start]).split(whereSeparator: \.isWhitespace)
        let candidates: [String]
        switch before {
        case []: candidates = words
        case ["publish"]: candidates = publishTargets
        default: return .none
        }
        let prefix = String(buffer[start..<cursor])
        let matches = Array(Set(candidates.filter { $0.hasPrefix(prefix) })).sorted()
        guard let first = matches.first else { return .none }
        if matches.count == 1 {
            return .replace(start: start, with: first + (cursor == buffer.count ? " " : ""))
        }
        let common = matches.dropFirst().reduce(first) { $0.sharedPrefix(with: $1) }
        if common.count > prefix.count { return .replace(start: start, with: common) }
        return .choices(matches)
    }

    /// Every `ns.method` of an API tree (`{"app": {"square": 1}}` -> `["app.square"]`).
    static func methods(in tree: JSONValue, prefix: String = "", depth: Int = 0) -> [String] {
        guard depth < 32, let members = tree.objectValue else { return prefix.isEmpty ? [] : [prefix] }
        var out: [String] = []
        for (key, value) in members {
            out += methods(in: value, prefix: prefix.isEmpty ? key : prefix + "." + key, depth: depth + 1)
        }
        return out.sorted()
    }
}

extension String {
    fileprivate func sharedPrefix(with other: String) -> String {
        String(zip(self, other).prefix { $0 == $1 }.map(\.0))
    }
}
