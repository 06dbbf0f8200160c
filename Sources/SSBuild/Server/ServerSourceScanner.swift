import Foundation

/// Finds the declarations an app's worker must register, in the text of one
/// `app/server/**.swift` file: top-level types conforming to `ActionNamespace` (the file's
/// actions) and to `Authenticator` (login checks). Comments and string literals are blanked
/// first, so an example in a comment never registers anything.
///
///     ServerSourceScanner.scan("enum App: ActionNamespace { ... }")
///     // [ServerDeclaration(kind: .namespace, typeName: "App", line: 1, column: 6)]
public enum ServerSourceScanner {
    public static func scan(_ text: String) -> [ServerDeclaration] {
        let code = blankCommentsAndStrings(Array(text.utf8))
        var found: [ServerDeclaration] = []
        var depth = 0
        var line = 1
        var lineStart = 0
        var i = 0
        while i < code.count {
            let c = code[i]
            switch c {
            case UInt8(ascii: "\n"):
                line += 1
                lineStart = i + 1
            case UInt8(ascii: "{"): depth += 1
            case UInt8(ascii: "}"): depth = max(0, depth - 1)
            default:
                if depth == 0, isWordStart(code, i), let decl = declaration(in: code, at: i) {
                    for kind in decl.kinds {
                        found.append(ServerDeclaration(kind: kind, typeName: decl.name, line: line,
                                                       column: decl.nameOffset - lineStart + 1))
                    }
                    // Continue at the `{`, so the body's depth is counted.
                    i = decl.bodyStart
                    continue
                }
            }
            i += 1
        }
        return found
    }

    private static let typeKeywords: Set<String> = ["enum", "struct", "class", "actor", "extension"]

    private struct Found {
        var name: String
        var nameOffset: Int
        var kinds: [ServerDeclaration.Kind]
        var bodyStart: Int
    }

    /// `enum App: ActionNamespace {` starting at a keyword; nil for anything else.
    private static func declaration(in code: [UInt8], at start: Int) -> Found? {
        let (keyword, afterKeyword) = word(code, start)
        guard typeKeywords.contains(keyword) else { return nil }
        var i = skipSpaces(code, afterKeyword)
        let nameOffset = i
        // An extension may name a qualified type (`extension SSActions.Foo`).
        var name = ""
        while i < code.count, isIdentifierByte(code[i]) || (keyword == "extension" && code[i] == UInt8(ascii: ".")) {
            name.append(Character(UnicodeScalar(code[i])))
            i += 1
        }
        guard !name.isEmpty else { return nil }
        guard let brace = code[i...].firstIndex(of: UInt8(ascii: "{")) else { return nil }
        let header = String(decoding: code[i..<brace], as: UTF8.self)
        var kinds: [ServerDeclaration.Kind] = []
        if let colon = conformanceColon(header) {
            var list = String(header[header.index(after: colon)...])
            if let whereRange = list.range(of: #"\bwhere\b"#, options: .regularExpression) {
                list = String(list[..<whereRange.lowerBound])
            }
            let names = list.split(separator: ",").map {
                $0.trimmingCharacters(in: .whitespacesAndNewlines).replacingOccurrences(of: "SSActions.", with: "")
            }
            if names.contains("ActionNamespace") { kinds.append(.namespace) }
            if names.contains("Authenticator") { kinds.append(.authenticator) }
        }
        return Found(name: name, nameOffset: nameOffset, kinds: kinds, bodyStart: brace)
    }

    /// The `:` that starts a conformance list, after any generic parameter clause.
    private static func conformanceColon(_ header: String) -> String.Index? {
        var angle = 0
        for index in header.indices {
            switch header[index] {
            case "<": angle += 1
            case ">": angle -= 1
            case ":" where angle == 0: return index
            default: continue
            }
        }
        return nil
    }

    private static func word(_ code: [UInt8], _ start: Int) -> (String, Int) {
        var i = start
        while i < code.count, isIdentifierByte(code[i]) { i += 1 }
        return (String(decoding: code[start..<i], as: UTF8.self), i)
    }

    private static func skipSpaces(_ code: [UInt8], _ start: Int) -> Int {
        var i = start
        while i < code.count, code[i] == UInt8(ascii: " ") || code[i] == UInt8(ascii: "\t") { i += 1 }
        return i
    }

    private static func isIdentifierByte(_ c: UInt8) -> Bool {
        (c >= UInt8(ascii: "a") && c <= UInt8(ascii: "z")) || (c >= UInt8(ascii: "A") && c <= UInt8(ascii: "Z"))
            || (c >= UInt8(ascii: "0") && c <= UInt8(ascii: "9")) || c == UInt8(ascii: "_") || c >= 0x80
    }

    private static func isWordStart(_ code: [UInt8], _ i: Int) -> Bool {
        isIdentifierByte(code[i]) && (i == 0 || !isIdentifierByte(code[i - 1]))
            && !(code[i] >= UInt8(ascii: "0") && code[i] <= UInt8(ascii: "9"))
    }

    /// Replaces comments and string literals with spaces, keeping newlines (so lines and
    /// columns stay true). Handles nested block comments, multi-line and raw strings.
    static func blankCommentsAndStrings(_ bytes: [UInt8]) -> [UInt8] {
        var out = bytes
        var i = 0
        func blank(_ from: Int, _ to: Int) {
            for k in from..<min(to, out.count) where out[k] != UInt8(ascii: "\n") { out[k] = UInt8(ascii: " ") }
        }
        while i < bytes.count {
            let c = bytes[i]
            let next = i + 1 < bytes.count ? bytes[i + 1] : 0
            if c == UInt8(ascii: "/"), next == UInt8(ascii: "/") {
                var end = i
                while end < bytes.count, bytes[end] != UInt8(ascii: "\n") { end += 1 }
                blank(i, end)
                i = end
            } else if c == UInt8(ascii: "/"), next == UInt8(ascii: "*") {
                var depth = 0
                var end = i
                while end < bytes.count {
                    if bytes[end] == UInt8(ascii: "/"), end + 1 < bytes.count, bytes[end + 1] == UInt8(ascii: "*") {
                        depth += 1
                        end += 2
                    } else if bytes[end] == UInt8(ascii: "*"), end + 1 < bytes.count, bytes[end + 1] == UInt8(ascii: "/") {
                        depth -= 1
                        end += 2
                        if depth == 0 { break }
                    } else {
                        end += 1
                    }
                }
                blank(i, end)
                i = end
            } else if c == UInt8(ascii: "\"") || (c == UInt8(ascii: "#") && (next == UInt8(ascii: "\"") || next == UInt8(ascii: "#"))) {
                let end = stringEnd(bytes, i)
                blank(i, end)
                i = max(end, i + 1)
            } else {
                i += 1
            }
        }
        return out
    }

    /// The offset just past the string literal starting at `start` (`"`, `"""` or `#"`).
    private static func stringEnd(_ b: [UInt8], _ start: Int) -> Int {
        var i = start
        var hashes = 0
        while i < b.count, b[i] == UInt8(ascii: "#") {
            hashes += 1
            i += 1
        }
        guard i < b.count, b[i] == UInt8(ascii: "\"") else { return i }
        let multiline = i + 2 < b.count && b[i + 1] == UInt8(ascii: "\"") && b[i + 2] == UInt8(ascii: "\"")
        let quotes = multiline ? 3 : 1
        i += quotes
        while i < b.count {
            if hashes == 0, b[i] == UInt8(ascii: "\\") {
                i += 2
                continue
            }
            if !multiline, b[i] == UInt8(ascii: "\n") { return i }
            if b[i] == UInt8(ascii: "\""), closes(b, i, quotes: quotes, hashes: hashes) { return i + quotes + hashes }
            i += 1
        }
        return b.count
    }

    private static func closes(_ b: [UInt8], _ i: Int, quotes: Int, hashes: Int) -> Bool {
        guard i + quotes + hashes <= b.count else { return false }
        for k in 0..<quotes where b[i + k] != UInt8(ascii: "\"") { return false }
        for k in 0..<hashes where b[i + quotes + k] != UInt8(ascii: "#") { return false }
        return true
    }
}

/// A type in a server file that the worker registers.
public struct ServerDeclaration: Sendable, Hashable {
    public enum Kind: String, Sendable {
        /// Conforms to `ActionNamespace`: the file's actions.
        case namespace
        /// Conforms to `Authenticator`: registered under its type name (and as `default` when it is the only one).
        case authenticator
    }

    public var kind: Kind
    public var typeName: String
    public var line: Int
    public var column: Int
}
