import SSActions

/// The server's answer to one console request, decoded from its `reply` frame.
///
///     ConsoleReply(text: #"{"type":"reply","id":1,"result":625}"#)   // .result(625)
///     ConsoleReply(text: #"{"type":"reply","id":2,"error":{"code":"not_found","message":"no"}}"#)
///     // .failure(code: "not_found", message: "no")
enum ConsoleReply: Equatable, Sendable {
    case result(JSONValue)
    case failure(code: String, message: String)

    init(text: String) {
        guard let frame = try? JSONValue(parsing: text) else {
            self = .failure(code: "bad_reply", message: "the server sent something that is not JSON")
            return
        }
        self.init(frame: frame)
    }

    init(frame: JSONValue) {
        if let error = frame["error"], error != .null {
            self = .failure(
                code: error["code"]?.stringValue ?? "internal",
                message: error["message"]?.stringValue ?? error.jsonText)
        } else if let result = frame["result"] {
            self = .result(result)
        } else {
            self = .failure(code: "bad_reply", message: "unexpected frame \(frame.jsonText)")
        }
    }

    var isError: Bool {
        if case .failure = self { return true }
        return false
    }

    /// How the console prints it: pretty JSON, the API tree as a tree, or
    /// `error <code>: <message>`.
    func rendered(for request: ConsoleRequest) -> String {
        switch self {
        case .failure(let code, let message):
            return "error \(code): \(message)"
        case .result(let value):
            switch request {
            case .tree: return Self.renderTree(value)
            default: return PrettyJSON.format(value)
            }
        }
    }

    /// The API tree (`{"app": {"square": 1}}`) drawn as `SS.server` with its branches.
    ///
    ///     SS.server
    ///     └── app
    ///         └── square
    static func renderTree(_ tree: JSONValue) -> String {
        guard let root = tree.objectValue, !root.isEmpty else { return "SS.server (no actions)" }
        var lines = ["SS.server"]
        drawBranches(root, prefix: "", depth: 0, into: &lines)
        return lines.joined(separator: "\n")
    }

    private static func drawBranches(
        _ node: [String: JSONValue], prefix: String, depth: Int, into lines: inout [String]
    ) {
        // The wire caps nesting already; this keeps a hostile reply from recursing deeply.
        guard depth < 64 else { return }
        let keys = node.keys.sorted()
        for (i, key) in keys.enumerated() {
            let last = i + 1 == keys.count
            lines.append(prefix + (last ? "└── " : "├── ") + key)
            if let child = node[key]?.objectValue {
                drawBranches(child, prefix: prefix + (last ? "    " : "│   "), depth: depth + 1, into: &lines)
            }
        }
    }
}
