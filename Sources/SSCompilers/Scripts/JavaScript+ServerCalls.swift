/// One `SS.server.a.b(...)` call found in client code, for the RPC contract check.
public struct JSServerCall: Sendable, Hashable {
    /// The names after `SS.server`, e.g. `["users", "online", "get"]`; the last is the action.
    public var path: [String]
    /// Where `SS` starts.
    public var location: SourceLocation

    public init(path: [String], location: SourceLocation) {
        self.path = path
        self.location = location
    }
}

extension JavaScript {
    /// Finds the calls `SS.server.<path>.<action>(...)` in a script, in source order, so the
    /// build can check each against the server's actions.
    ///
    /// ```swift
    /// JavaScript.serverCalls(SourceFile(path: "a.js", text: "SS.server.app.square(2, cb)"))
    /// // [JSServerCall(path: ["app", "square"], location: 1:1)]
    /// ```
    ///
    /// Only direct calls of a fixed path are found; computed access (`SS.server[x]`) is not.
    public static func serverCalls(_ file: SourceFile) -> [JSServerCall] {
        let stream = JSTokenStream(file: file)
        let tokens = stream.tokens
        let bytes = stream.bytes
        func isWord(_ t: JSToken, _ word: String) -> Bool {
            t.kind == .identifier && bytes[t.start..<t.end].elementsEqual(word.utf8)
        }
        func isDot(_ t: JSToken) -> Bool { t.kind == .punctuator && t.punct == .dot }
        var calls: [JSServerCall] = []
        var i = 0
        while i + 4 < tokens.count {
            defer { i += 1 }
            guard isWord(tokens[i], "SS"), isDot(tokens[i + 1]), isWord(tokens[i + 2], "server") else { continue }
            if i > 0, isDot(tokens[i - 1]) || tokens[i - 1].punct == .questionDot { continue }
            var path: [String] = []
            var j = i + 3
            while j + 1 < tokens.count, isDot(tokens[j]), tokens[j + 1].kind == .identifier {
                path.append(String(decoding: bytes[tokens[j + 1].start..<tokens[j + 1].end], as: UTF8.self))
                j += 2
            }
            if !path.isEmpty, j < tokens.count, tokens[j].kind == .punctuator, tokens[j].punct == .lparen {
                calls.append(JSServerCall(path: path, location: file.location(ofOffset: tokens[i].start)))
            }
        }
        return calls
    }
}
