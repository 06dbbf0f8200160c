import SSActions

/// Splits a console line into words (see `ConsoleWord` for the quoting rules).
///
///     try ConsoleTokenizer.words(in: #"publish broadcast flash {"m": "hi"}"#).map(\.text)
///     // ["publish", "broadcast", "flash", "{\"m\": \"hi\"}"]
enum ConsoleTokenizer {
    static func words(in line: String) throws(ConsoleParseError) -> [ConsoleWord] {
        let chars = Array(line)
        var words: [ConsoleWord] = []
        var i = 0
        while i < chars.count {
            // Every branch below consumes at least one character.
            let c = chars[i]
            if c.isWhitespace {
                i += 1
                continue
            }
            let start = i
            switch c {
            case "\"":
                let end = try closingQuote(in: chars, from: i)
                let literal = String(chars[start...end])
                do throws(JSONParser.Failure) {
                    let text = try JSONParser.parse(literal).stringValue ?? ""
                    words.append(ConsoleWord(text, column: start + 1, kind: .doubleQuoted))
                } catch {
                    let at = start + 1 + ConsoleWord.characterColumn(of: error.offset, in: literal)
                    throw ConsoleParseError("invalid string: \(error.message)", column: at)
                }
                i = end + 1
            case "'":
                guard let end = chars[(i + 1)...].firstIndex(of: "'") else {
                    throw ConsoleParseError("unterminated '...' (missing the closing quote)", column: start + 1)
                }
                words.append(ConsoleWord(String(chars[(i + 1)..<end]), column: start + 1, kind: .singleQuoted))
                i = end + 1
            case "{", "[":
                i = try endOfJSON(in: chars, from: i)
                i = endOfBare(in: chars, from: i)
                words.append(ConsoleWord(String(chars[start..<i]), column: start + 1))
            default:
                i = endOfBare(in: chars, from: i + 1)
                words.append(ConsoleWord(String(chars[start..<i]), column: start + 1))
            }
        }
        return words
    }

    private static func endOfBare(in chars: [Character], from index: Int) -> Int {
        var i = index
        while i < chars.count, !chars[i].isWhitespace { i += 1 }
        return i
    }

    /// The index of the `"` closing the string that opens at `index`.
    private static func closingQuote(in chars: [Character], from index: Int) throws(ConsoleParseError) -> Int {
        var i = index + 1
        while i < chars.count {
            switch chars[i] {
            case "\\": i += 2
            case "\"": return i
            default: i += 1
            }
        }
        throw ConsoleParseError("unterminated string (missing the closing \")", column: index + 1)
    }

    /// The index just past the object or array opening at `index`; brackets inside JSON
    /// strings do not count.
    private static func endOfJSON(in chars: [Character], from index: Int) throws(ConsoleParseError) -> Int {
        var stack: [Character] = []
        var i = index
        while i < chars.count {
            switch chars[i] {
            case "{": stack.append("}")
            case "[": stack.append("]")
            case "}", "]":
                guard stack.last == chars[i] else {
                    throw ConsoleParseError("unexpected '\(chars[i])'", column: i + 1)
                }
                stack.removeLast()
                if stack.isEmpty { return i + 1 }
            case "\"":
                i = try closingQuote(in: chars, from: i)
            default: break
            }
            i += 1
        }
        let what = chars[index] == "{" ? "object" : "array"
        throw ConsoleParseError("unterminated \(what) (missing '\(stack.last ?? "}")')", column: index + 1)
    }
}
