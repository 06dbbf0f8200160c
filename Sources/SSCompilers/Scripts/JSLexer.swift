/// The JavaScript lexer: turns UTF-8 bytes into tokens one at a time.
///
/// Whether `/` starts a regular expression depends on the grammar, so the caller says
/// (`scan(regexAllowed:)`); a parser knows, and `JSTokenStream` guesses from the previous
/// token. A `}` that closes a template substitution is rescanned with
/// `scanTemplateContinuation()`. Errors become diagnostics; the lexer always advances.
///
/// ```swift
/// var lexer = JSLexer(file: SourceFile(path: "a.js", text: "x = /a/g"))
/// let token = lexer.scan(regexAllowed: true)   // identifier `x`
/// ```
public struct JSLexer {
    public let file: SourceFile
    public let bytes: [UInt8]
    public var position: Int = 0
    public private(set) var diagnostics: [Diagnostic] = []
    /// Comments the minifier must keep, in source order.
    public private(set) var keptComments: [JSComment] = []
    /// Byte length of a `#!` line at the start, or 0.
    public private(set) var hashbangLength: Int = 0
    private var sawNewline = false

    public init(file: SourceFile) {
        self.file = file
        self.bytes = Array(file.text.utf8)
        if bytes.count >= 2, bytes[0] == UInt8(ascii: "#"), bytes[1] == UInt8(ascii: "!") {
            var end = 2
            while end < bytes.count, !isLineTerminator(at: end) { end += 1 }
            hashbangLength = end
            position = end
        }
    }

    /// The source text of a token.
    public func text(_ token: JSToken) -> String {
        String(decoding: bytes[token.start..<token.end], as: UTF8.self)
    }

    mutating func error(_ id: DiagnosticID, _ message: String, at offset: Int) {
        guard diagnostics.count < 100 else { return }
        diagnostics.append(.error(id, message, in: file, at: file.location(ofOffset: offset)))
    }

    func byte(_ offset: Int) -> UInt8 { offset < bytes.count ? bytes[offset] : 0 }

    /// Length of a line terminator at `offset` (LF, CR, U+2028, U+2029), or 0.
    func lineTerminatorLength(at offset: Int) -> Int {
        let b = byte(offset)
        if b == 0x0A || b == 0x0D { return 1 }
        if b == 0xE2, byte(offset + 1) == 0x80, byte(offset + 2) == 0xA8 || byte(offset + 2) == 0xA9 { return 3 }
        return 0
    }

    func isLineTerminator(at offset: Int) -> Bool { lineTerminatorLength(at: offset) > 0 }

    /// Length of a non-ASCII whitespace character at `offset`, or 0.
    func unicodeSpaceLength(at offset: Int) -> Int {
        let b0 = byte(offset), b1 = byte(offset + 1), b2 = byte(offset + 2)
        switch b0 {
        case 0xC2: return b1 == 0xA0 ? 2 : 0
        case 0xEF: return b1 == 0xBB && b2 == 0xBF ? 3 : 0
        case 0xE1: return b1 == 0x9A && b2 == 0x80 ? 3 : 0
        case 0xE2:
            if b1 == 0x80, (b2 >= 0x80 && b2 <= 0x8A) || b2 == 0xAF { return 3 }
            if b1 == 0x81, b2 == 0x9F { return 3 }
            return 0
        case 0xE3: return b1 == 0x80 && b2 == 0x80 ? 3 : 0
        default: return 0
        }
    }

    /// Skips whitespace and comments, recording line terminators and kept comments.
    mutating func skipTrivia() {
        // Fast path: plain spaces, tabs and newlines, without per-byte bounds checks.
        var newline = false
        position = bytes.withUnsafeBufferPointer { bytes in
            var p = position
            while p < bytes.count {
                let b = bytes[p]
                if b == 0x20 || b == 0x09 {
                    p += 1
                } else if b == 0x0A || b == 0x0D {
                    newline = true
                    p += 1
                } else {
                    break
                }
            }
            return p
        }
        if newline { sawNewline = true }
        while position < bytes.count {
            let b = bytes[position]
            switch b {
            case 0x20, 0x09, 0x0B, 0x0C:
                position += 1
            case 0x0A, 0x0D:
                sawNewline = true
                position += 1
            case UInt8(ascii: "/"):
                let next = byte(position + 1)
                if next == UInt8(ascii: "/") {
                    skipLineComment(from: position, contentStart: position + 2)
                } else if next == UInt8(ascii: "*") {
                    skipBlockComment()
                } else {
                    return
                }
            case UInt8(ascii: "<"):
                // `<!--` starts a single-line comment in scripts (Annex B).
                if byte(position + 1) == UInt8(ascii: "!"), byte(position + 2) == UInt8(ascii: "-"),
                    byte(position + 3) == UInt8(ascii: "-")
                {
                    skipLineComment(from: position, contentStart: position + 4, keep: false)
                } else {
                    return
                }
            case UInt8(ascii: "-"):
                // `-->` at the start of a line is a single-line comment (Annex B).
                if (sawNewline || position == hashbangLength), byte(position + 1) == UInt8(ascii: "-"),
                    byte(position + 2) == UInt8(ascii: ">")
                {
                    skipLineComment(from: position, contentStart: position + 3, keep: false)
                } else {
                    return
                }
            case 0x80...:
                let lt = lineTerminatorLength(at: position)
                if lt > 0 {
                    sawNewline = true
                    position += lt
                } else {
                    let ws = unicodeSpaceLength(at: position)
                    if ws == 0 { return }
                    position += ws
                }
            default:
                return
            }
        }
    }

    private mutating func skipLineComment(from start: Int, contentStart: Int, keep: Bool = true) {
        position = bytes.withUnsafeBufferPointer { bytes in
            var p = contentStart
            while p < bytes.count {
                let b = bytes[p]
                if b == 0x0A || b == 0x0D { break }
                if b == 0xE2, p + 2 < bytes.count, bytes[p + 1] == 0x80, bytes[p + 2] == 0xA8 || bytes[p + 2] == 0xA9 {
                    break
                }
                p += 1
            }
            return p
        }
        if keep, isLegalComment(start, position) {
            keptComments.append(JSComment(start: start, end: position, isLine: true))
        }
    }

    private mutating func skipBlockComment() {
        let start = position
        position += 2
        var closed = false
        var newline = false
        position = bytes.withUnsafeBufferPointer { bytes in
            var p = position
            // Until the first line terminator: look for both it and the end.
            while p < bytes.count, !newline {
                let b = bytes[p]
                if b == UInt8(ascii: "*"), p + 1 < bytes.count, bytes[p + 1] == UInt8(ascii: "/") {
                    closed = true
                    return p + 2
                }
                if b == 0x0A || b == 0x0D
                    || (b == 0xE2 && p + 2 < bytes.count && bytes[p + 1] == 0x80
                        && (bytes[p + 2] == 0xA8 || bytes[p + 2] == 0xA9))
                {
                    newline = true
                }
                p += 1
            }
            // Then only for the end (long doc comments are most of some files).
            while p < bytes.count {
                if bytes[p] == UInt8(ascii: "*"), p + 1 < bytes.count, bytes[p + 1] == UInt8(ascii: "/") {
                    closed = true
                    return p + 2
                }
                p += 1
            }
            return p
        }
        if newline { sawNewline = true }
        if !closed {
            error(.jsUnterminatedComment, "unterminated comment", at: start)
            return
        }
        if byte(start + 2) == UInt8(ascii: "!") || isLegalComment(start, position) {
            keptComments.append(JSComment(start: start, end: position, isLine: false))
        }
    }

    /// True for comments that mention `@license` or `@preserve`.
    private func isLegalComment(_ start: Int, _ end: Int) -> Bool {
        var i = start
        while i + 8 < end + 1 {
            // Find the next `@` without bounds checks (comments are a large part of some files).
            i = bytes.withUnsafeBufferPointer { bytes in
                var p = i
                while p + 8 < end + 1, bytes[p] != UInt8(ascii: "@") { p += 1 }
                return p
            }
            guard i + 8 < end + 1 else { break }
            if matches(i + 1, "license") || matches(i + 1, "preserve") { return true }
            i += 1
        }
        return false
    }

    @inline(__always)
    func matches(_ offset: Int, _ word: StaticString) -> Bool {
        let count = word.utf8CodeUnitCount
        guard offset >= 0, offset + count <= bytes.count else { return false }
        guard word.hasPointerRepresentation else {
            return word.withUTF8Buffer { buffer in bytes[offset..<(offset + count)].elementsEqual(buffer) }
        }
        let expected = word.utf8Start
        return bytes.withUnsafeBufferPointer { bytes in
            for k in 0..<count where bytes[offset + k] != expected[k] { return false }
            return true
        }
    }

    /// Scans the next token. `regexAllowed` decides what a `/` starts.
    public mutating func scan(regexAllowed: Bool) -> JSToken {
        sawNewline = false
        skipTrivia()
        let nl = sawNewline
        let start = position
        guard position < bytes.count else {
            return JSToken(kind: .eof, newlineBefore: nl, start: start, end: start)
        }
        let b = bytes[position]
        switch b {
        case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"),
            UInt8(ascii: "$"), UInt8(ascii: "_"), UInt8(ascii: "\\"), 0x80...:
            scanIdentifierRest()
            if position == start {
                // A stray non-ASCII byte sequence that is no identifier character.
                position += 1
                error(.jsUnexpectedCharacter, "unexpected character", at: start)
                return scan(regexAllowed: regexAllowed)
            }
            return JSToken(kind: .identifier, flags: JSKeywords.flags(bytes, start, position),
                           newlineBefore: nl, start: start, end: position)
        case UInt8(ascii: "0")...UInt8(ascii: "9"):
            scanNumber()
            return JSToken(kind: .number, newlineBefore: nl, start: start, end: position)
        case UInt8(ascii: "."):
            if jsIsDigit(byte(position + 1)) {
                scanNumber()
                return JSToken(kind: .number, newlineBefore: nl, start: start, end: position)
            }
        case UInt8(ascii: "\""), UInt8(ascii: "'"):
            scanString(quote: b)
            return JSToken(kind: .string, newlineBefore: nl, start: start, end: position)
        case UInt8(ascii: "`"):
            position += 1
            let kind = scanTemplateBody(head: true)
            return JSToken(kind: kind, newlineBefore: nl, start: start, end: position)
        case UInt8(ascii: "#"):
            position += 1
            scanIdentifierRest()
            if position > start + 1 {
                return JSToken(kind: .privateName, newlineBefore: nl, start: start, end: position)
            }
            return JSToken(kind: .punctuator, punct: .hash, newlineBefore: nl, start: start, end: position)
        case UInt8(ascii: "/"):
            if regexAllowed {
                scanRegex()
                return JSToken(kind: .regex, newlineBefore: nl, start: start, end: position)
            }
        default:
            break
        }
        let (punct, length) = JSLexer.punctuator(bytes, at: position)
        if length == 0 {
            position += 1
            error(.jsUnexpectedCharacter, "unexpected character", at: start)
            return scan(regexAllowed: regexAllowed)
        }
        position += length
        return JSToken(kind: .punctuator, punct: punct, newlineBefore: nl, start: start, end: position)
    }

    /// Rescans after a `}` that closes a template substitution (`position` is just past it).
    public mutating func scanTemplateContinuation(from brace: JSToken) -> JSToken {
        position = brace.start + 1
        let kind = scanTemplateBody(head: false)
        return JSToken(kind: kind, newlineBefore: brace.newlineBefore, start: brace.start, end: position)
    }
}

func jsIsDigit(_ b: UInt8) -> Bool { b >= UInt8(ascii: "0") && b <= UInt8(ascii: "9") }

func jsIsIdentifierByte(_ b: UInt8) -> Bool {
    switch b {
    case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"),
        UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "$"), UInt8(ascii: "_"), UInt8(ascii: "\\"), 0x80...:
        return true
    default:
        return false
    }
}

extension JSLexer {
    /// Rescans a `/` or `/=` token as a regular expression (the parser knows it is one).
    public mutating func rescanRegex(from token: JSToken) -> JSToken {
        position = token.start
        scanRegex()
        return JSToken(kind: .regex, newlineBefore: token.newlineBefore, start: token.start, end: position)
    }
}
