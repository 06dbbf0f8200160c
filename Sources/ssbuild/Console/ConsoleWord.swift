import SSActions

/// One word of a console line, with the 1-based column it starts at.
///
/// A console line reads like a shell command line: words are separated by spaces, except
/// inside `"..."` (a JSON string), `'...'` (taken literally, as a shell would) and JSON
/// objects and arrays (`{"m": "hi"}` stays one word even with spaces inside).
struct ConsoleWord: Equatable, Sendable {
    enum Kind: Equatable, Sendable {
        /// Typed as is: a JSON value when it parses as one, else a string.
        case bare
        /// `"..."`: always a string (JSON escapes apply).
        case doubleQuoted
        /// `'...'`: the text between the quotes, then read as a bare word.
        case singleQuoted
    }

    /// The word's text without its quotes (escapes of a `"..."` word already decoded).
    var text: String
    var column: Int
    var kind: Kind

    init(_ text: String, column: Int, kind: Kind = .bare) {
        self.text = text
        self.column = column
        self.kind = kind
    }

    /// A word that may be an option (`--as`): only unquoted words are.
    var isOption: Bool { kind == .bare && text.hasPrefix("--") }

    /// The word as an action argument or payload: `25` is a number, `true` a boolean,
    /// `{"m":"hi"}` an object, `hello` and `"25"` strings. A word that starts with `{` or
    /// `[` must be valid JSON (a typo there is an error, not a silent string).
    ///
    ///     ConsoleWord("25", column: 1).value()        // .number(25)
    ///     ConsoleWord("hi", column: 1).value()        // .string("hi")
    func value() throws(ConsoleParseError) -> JSONValue {
        if kind == .doubleQuoted { return .string(text) }
        guard let first = text.first else { return .string("") }
        do throws(JSONParser.Failure) {
            return try JSONParser.parse(text)
        } catch {
            if first == "{" || first == "[" {
                let offset = column + (kind == .singleQuoted ? 1 : 0) + Self.characterColumn(of: error.offset, in: text)
                throw ConsoleParseError("invalid JSON: \(error.message)", column: offset)
            }
            return .string(text)
        }
    }

    /// The character index of a UTF-8 byte offset (the JSON parser reports bytes).
    static func characterColumn(of byteOffset: Int, in text: String) -> Int {
        var bytes = 0
        var characters = 0
        for c in text {
            if bytes >= byteOffset { break }
            bytes += c.utf8.count
            characters += 1
        }
        return characters
    }
}

/// A console line that could not be understood: a message and the 1-based column.
///
///     ConsoleParseError("expected an event name", column: 18)
struct ConsoleParseError: Error, Equatable, Sendable {
    var message: String
    var column: Int

    init(_ message: String, column: Int) {
        self.message = message
        self.column = column
    }

    /// The line with a caret under the column, then the message:
    ///
    ///     publish broadcast
    ///                      ^ expected an event name
    func rendered(line: String, indent: Int = 0) -> String {
        let pad = String(repeating: " ", count: indent)
        let caretPad = String(repeating: " ", count: indent + LineRenderer.width(of: line.prefix(max(0, column - 1))))
        return "\(pad)\(line)\n\(caretPad)^ \(message) (column \(column))"
    }
}
