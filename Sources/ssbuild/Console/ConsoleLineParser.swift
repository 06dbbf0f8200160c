import SSActions

/// Turns a console line into a `ConsoleLine`, or a `ConsoleParseError` naming the column.
///
///     app.square 25                          call app.square with [25]
///     app.add 1 2 --as ann                   call as user ann, with [1, 2]
///     publish broadcast flash {"m":"hi"}     publish to everyone
///     publish user ann,bob note "hello"      to every connection of ann and bob
///     publish channel kids event 1           to the subscribers of kids
///     online | tree | user [NAME|-] | help | exit | quit
///
///     try ConsoleLineParser.parse("app.square 25")
///     // .request(.call(method: "app.square", params: [25], user: nil))
enum ConsoleLineParser {
    static func parse(_ line: String) throws(ConsoleParseError) -> ConsoleLine {
        try parse(words: ConsoleTokenizer.words(in: line), endColumn: line.count + 1)
    }

    /// Parses words already split, e.g. a one-shot command's arguments (which the shell
    /// split and unquoted: each is a bare word).
    ///
    ///     try ConsoleLineParser.parse(arguments: ["publish", "broadcast", "flash", #"{"m": "hi"}"#])
    static func parse(arguments: [String]) throws(ConsoleParseError) -> ConsoleLine {
        var words: [ConsoleWord] = []
        var column = 1
        for argument in arguments {
            words.append(ConsoleWord(argument, column: column))
            column += argument.count + 1
        }
        return try parse(words: words, endColumn: max(1, column - 1))
    }

    /// `endColumn` is where a missing word would have started (for "expected ..." errors).
    static func parse(words: [ConsoleWord], endColumn: Int) throws(ConsoleParseError) -> ConsoleLine {
        guard let head = words.first else { return .empty }
        let rest = Array(words.dropFirst())
        if head.kind == .bare {
            switch head.text {
            case "help", "?":
                try expectEnd(rest)
                return .help
            case "exit", "quit":
                try expectEnd(rest)
                return .exit
            case "online":
                try expectEnd(rest)
                return .request(.online)
            case "tree":
                try expectEnd(rest)
                return .request(.tree)
            case "user":
                guard let name = rest.first else { return .showUser }
                try expectEnd(Array(rest.dropFirst()))
                return .setUser(name.kind == .bare && name.text == "-" ? nil : name.text)
            case "publish":
                return .request(try publish(rest, head: head, endColumn: endColumn))
            default:
                break
            }
        }
        guard head.kind == .bare, isMethodName(head.text) else {
            let hint = head.text.contains(".") ? "not an action name" : "unknown command"
            throw ConsoleParseError(
                "\(hint) '\(head.text)' (call actions as ns.method ARGS...; type help)", column: head.column)
        }
        return .request(try call(method: head.text, rest, endColumn: endColumn))
    }

    private static func call(method: String, _ words: [ConsoleWord], endColumn: Int) throws(ConsoleParseError)
        -> ConsoleRequest
    {
        var params: [JSONValue] = []
        var user: String?
        var i = 0
        while i < words.count {
            let word = words[i]
            if word.isOption {
                if word.text == "--as" {
                    guard i + 1 < words.count else {
                        throw ConsoleParseError("--as needs a user id", column: endColumn)
                    }
                    user = words[i + 1].text
                    i += 2
                    continue
                }
                if word.text.hasPrefix("--as=") {
                    user = String(word.text.dropFirst(5))
                    i += 1
                    continue
                }
                throw ConsoleParseError(
                    "unknown option '\(word.text)' (quote it to pass it as a string)", column: word.column)
            }
            params.append(try word.value())
            i += 1
        }
        if user?.isEmpty == true { throw ConsoleParseError("--as needs a user id", column: endColumn) }
        return .call(method: method, params: params, user: user)
    }

    private static func publish(_ words: [ConsoleWord], head: ConsoleWord, endColumn: Int)
        throws(ConsoleParseError) -> ConsoleRequest
    {
        guard let kind = words.first else {
            throw ConsoleParseError("expected broadcast, user or channel", column: endColumn)
        }
        var rest = words.dropFirst()
        let target: ConsoleRequest.PublishTarget
        switch kind.text {
        case "broadcast", "all":
            target = .broadcast
        case "user", "users", "channel", "channels":
            let what = kind.text.hasPrefix("user") ? "a user id" : "a channel name"
            guard let to = rest.popFirst() else { throw ConsoleParseError("expected \(what)", column: endColumn) }
            let names = to.text.split(separator: ",").map(String.init).filter { !$0.isEmpty }
            guard !names.isEmpty else { throw ConsoleParseError("expected \(what)", column: to.column) }
            target = kind.text.hasPrefix("user") ? .users(names) : .channels(names)
        default:
            throw ConsoleParseError(
                "expected broadcast, user or channel (not '\(kind.text)')", column: kind.column)
        }
        guard let event = rest.popFirst() else {
            throw ConsoleParseError("expected an event name", column: endColumn)
        }
        let payload = try rest.popFirst()?.value() ?? .null
        if let extra = rest.first {
            throw ConsoleParseError(
                "unexpected '\(extra.text)' after the payload (the payload is one word: quote it or use JSON)",
                column: extra.column)
        }
        return .publish(target: target, event: event.text, payload: payload)
    }

    private static func expectEnd(_ words: [ConsoleWord]) throws(ConsoleParseError) {
        if let extra = words.first {
            throw ConsoleParseError("unexpected '\(extra.text)'", column: extra.column)
        }
    }

    /// `ns.method` or deeper (`users.online.list`): identifiers joined by dots.
    static func isMethodName(_ text: String) -> Bool {
        let parts = text.split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count >= 2 else { return false }
        return parts.allSatisfy { part in
            guard let first = part.first, first.isLetter || first == "_" || first == "$" else { return false }
            return part.allSatisfy { $0.isLetter || $0.isNumber || $0 == "_" || $0 == "$" }
        }
    }
}
