/// Splits CSS into tokens after CSS Syntax Level 3 (section 4), with positions.
///
/// Errors (an unterminated string or comment) become diagnostics; tokenizing always
/// reaches the end of the input.
///
/// ```swift
/// let tokens = CSSTokenizer(file: SourceFile(path: "a.css", text: "a{color:red}")).tokenize()
/// ```
struct CSSTokenizer {
    let file: SourceFile
    let bytes: [UInt8]
    var position = 0
    var diagnostics: [Diagnostic] = []

    init(file: SourceFile) {
        self.file = file
        self.bytes = Array(file.text.utf8)
    }

    private func byte(_ offset: Int) -> UInt8 { offset < bytes.count ? bytes[offset] : 0 }

    private func isNameStart(_ b: UInt8) -> Bool {
        (b | 0x20 >= UInt8(ascii: "a") && b | 0x20 <= UInt8(ascii: "z")) || b == UInt8(ascii: "_") || b >= 0x80
    }

    private func isName(_ b: UInt8) -> Bool { isNameStart(b) || cssIsDigit(b) || b == UInt8(ascii: "-") }

    private func isValidEscape(_ offset: Int) -> Bool {
        byte(offset) == UInt8(ascii: "\\") && offset + 1 < bytes.count && byte(offset + 1) != 0x0A
    }

    /// Would an identifier start at `offset`? (§4.3.9)
    private func startsIdentifier(_ offset: Int) -> Bool {
        let b = byte(offset)
        if b == UInt8(ascii: "-") {
            let n = byte(offset + 1)
            return isNameStart(n) || n == UInt8(ascii: "-") || isValidEscape(offset + 1)
        }
        return isNameStart(b) || isValidEscape(offset)
    }

    private func startsNumber(_ offset: Int) -> Bool {
        let b = byte(offset)
        if b == UInt8(ascii: "+") || b == UInt8(ascii: "-") {
            return cssIsDigit(byte(offset + 1)) || (byte(offset + 1) == UInt8(ascii: ".") && cssIsDigit(byte(offset + 2)))
        }
        if b == UInt8(ascii: ".") { return cssIsDigit(byte(offset + 1)) }
        return cssIsDigit(b)
    }

    private mutating func consumeName() {
        while position < bytes.count {
            if isName(bytes[position]) {
                position += 1
            } else if isValidEscape(position) {
                position += 2
                if cssIsHexDigit(byte(position - 1)) {
                    var n = 1
                    while n < 6, cssIsHexDigit(byte(position)) { position += 1; n += 1 }
                    if byte(position) == 0x20 || byte(position) == 0x09 || byte(position) == 0x0A { position += 1 }
                }
            } else {
                return
            }
        }
    }

    private mutating func consumeNumber() {
        if byte(position) == UInt8(ascii: "+") || byte(position) == UInt8(ascii: "-") { position += 1 }
        while cssIsDigit(byte(position)) { position += 1 }
        if byte(position) == UInt8(ascii: "."), cssIsDigit(byte(position + 1)) {
            position += 1
            while cssIsDigit(byte(position)) { position += 1 }
        }
        if byte(position) | 0x20 == UInt8(ascii: "e") {
            let s = byte(position + 1)
            let digitAt = s == UInt8(ascii: "+") || s == UInt8(ascii: "-") ? position + 2 : position + 1
            if cssIsDigit(byte(digitAt)) {
                position = digitAt
                while cssIsDigit(byte(position)) { position += 1 }
            }
        }
    }

    private mutating func consumeString(_ quote: UInt8) {
        let start = position
        position += 1
        while position < bytes.count {
            let b = bytes[position]
            if b == quote { position += 1; return }
            if b == 0x0A { break }
            position += b == UInt8(ascii: "\\") ? 2 : 1
        }
        position = min(position, bytes.count)
        diagnostics.append(.error(.cssUnterminatedString, "unterminated string", in: file,
                                  at: file.location(ofOffset: start)))
    }

    /// After `url(` with an unquoted argument: up to and including `)`.
    private mutating func consumeURLRest() {
        while position < bytes.count {
            let b = bytes[position]
            if b == UInt8(ascii: ")") { position += 1; return }
            position += b == UInt8(ascii: "\\") ? 2 : 1
        }
        position = min(position, bytes.count)
    }

    mutating func tokenize() -> [CSSToken] {
        var tokens: [CSSToken] = []
        tokens.reserveCapacity(bytes.count / 3)
        var progress = LoopProgress()
        while position < bytes.count, progress.advanced(to: position) {
            tokens.append(next())
        }
        return tokens
    }

    private mutating func next() -> CSSToken {
        let start = position
        let b = bytes[position]
        func token(_ kind: CSSTokenKind, _ length: Int) -> CSSToken {
            position = start + length
            return CSSToken(kind: kind, start: start, end: position)
        }
        switch b {
        case 0x20, 0x09, 0x0A, 0x0D, 0x0C:
            while position < bytes.count, [0x20, 0x09, 0x0A, 0x0D, 0x0C].contains(bytes[position]) { position += 1 }
            return CSSToken(kind: .whitespace, start: start, end: position)
        case UInt8(ascii: "/") where byte(position + 1) == UInt8(ascii: "*"):
            position += 2
            while position < bytes.count, !(bytes[position] == UInt8(ascii: "*") && byte(position + 1) == UInt8(ascii: "/")) {
                position += 1
            }
            if position >= bytes.count {
                diagnostics.append(.error(.cssUnterminatedComment, "unterminated comment", in: file,
                                          at: file.location(ofOffset: start)))
                position = bytes.count
            } else {
                position += 2
            }
            return CSSToken(kind: .comment, start: start, end: position)
        case UInt8(ascii: "\""), UInt8(ascii: "'"):
            consumeString(b)
            return CSSToken(kind: .string, start: start, end: position)
        case UInt8(ascii: "#") where isName(byte(position + 1)) || isValidEscape(position + 1):
            position += 1
            consumeName()
            return CSSToken(kind: .hash, start: start, end: position)
        case UInt8(ascii: "@") where startsIdentifier(position + 1):
            position += 1
            consumeName()
            return CSSToken(kind: .atKeyword, start: start, end: position)
        case UInt8(ascii: "<") where byte(position + 1) == UInt8(ascii: "!") && byte(position + 2) == UInt8(ascii: "-")
            && byte(position + 3) == UInt8(ascii: "-"):
            return token(.cdo, 4)
        case UInt8(ascii: "-") where byte(position + 1) == UInt8(ascii: "-") && byte(position + 2) == UInt8(ascii: ">"):
            return token(.cdc, 3)
        case UInt8(ascii: ":"): return token(.colon, 1)
        case UInt8(ascii: ";"): return token(.semicolon, 1)
        case UInt8(ascii: ","): return token(.comma, 1)
        case UInt8(ascii: "["): return token(.lbracket, 1)
        case UInt8(ascii: "]"): return token(.rbracket, 1)
        case UInt8(ascii: "("): return token(.lparen, 1)
        case UInt8(ascii: ")"): return token(.rparen, 1)
        case UInt8(ascii: "{"): return token(.lbrace, 1)
        case UInt8(ascii: "}"): return token(.rbrace, 1)
        default:
            break
        }
        if startsNumber(position) {
            consumeNumber()
            if byte(position) == UInt8(ascii: "%") {
                position += 1
                return CSSToken(kind: .percentage, start: start, end: position)
            }
            if startsIdentifier(position) {
                let unitStart = position
                consumeName()
                return CSSToken(kind: .dimension, start: start, end: position, unitStart: unitStart)
            }
            return CSSToken(kind: .number, start: start, end: position)
        }
        if startsIdentifier(position) {
            consumeName()
            if byte(position) == UInt8(ascii: "(") {
                let isURL = position - start == 3 && String(decoding: bytes[start..<position], as: UTF8.self).lowercased() == "url"
                position += 1
                if isURL {
                    var look = position
                    while [0x20, 0x09, 0x0A].contains(byte(look)) { look += 1 }
                    if byte(look) != UInt8(ascii: "\""), byte(look) != UInt8(ascii: "'") {
                        consumeURLRest()
                        return CSSToken(kind: .url, start: start, end: position)
                    }
                }
                return CSSToken(kind: .function, start: start, end: position)
            }
            return CSSToken(kind: .ident, start: start, end: position)
        }
        // Any other code point is a delim token (a whole UTF-8 sequence).
        position += b >= 0xF0 ? 4 : b >= 0xE0 ? 3 : b >= 0xC0 ? 2 : 1
        position = min(position, bytes.count)
        return CSSToken(kind: .delim, start: start, end: position)
    }
}
