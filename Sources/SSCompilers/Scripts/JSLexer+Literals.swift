extension JSLexer {
    mutating func scanIdentifierRest() {
        // Fast path: a run of plain ASCII identifier characters, without per-byte bounds checks.
        position = bytes.withUnsafeBufferPointer { bytes in
            var p = position
            while p < bytes.count {
                let b = bytes[p]
                let letter = (b | 0x20) &- UInt8(ascii: "a") < 26
                guard letter || b &- UInt8(ascii: "0") < 10 || b == UInt8(ascii: "_") || b == UInt8(ascii: "$") else { break }
                p += 1
            }
            return p
        }
        while position < bytes.count {
            let b = bytes[position]
            if b < 0x80 {
                if b == UInt8(ascii: "\\") {
                    // a `\u` escape: four hex digits, or hex digits in braces
                    let start = position
                    position += 1
                    if byte(position) == UInt8(ascii: "u") {
                        position += 1
                        if byte(position) == UInt8(ascii: "{") {
                            while position < bytes.count, bytes[position] != UInt8(ascii: "}"),
                                jsIsHexDigit(bytes[position]) || bytes[position] == UInt8(ascii: "{")
                            {
                                position += 1
                            }
                            if byte(position) == UInt8(ascii: "}") { position += 1 } else {
                                error(.jsUnexpectedCharacter, "invalid Unicode escape", at: start)
                            }
                        } else {
                            var n = 0
                            while n < 4, jsIsHexDigit(byte(position)) { position += 1; n += 1 }
                            if n < 4 { error(.jsUnexpectedCharacter, "invalid Unicode escape", at: start) }
                        }
                    } else {
                        error(.jsUnexpectedCharacter, "invalid escape in identifier", at: start)
                    }
                    continue
                }
                if jsIsIdentifierByte(b) { position += 1; continue }
                return
            }
            if isLineTerminator(at: position) || unicodeSpaceLength(at: position) > 0 { return }
            position += utf8SequenceLength(b)
        }
    }

    func utf8SequenceLength(_ b: UInt8) -> Int {
        if b >= 0xF0 { return 4 }
        if b >= 0xE0 { return 3 }
        if b >= 0xC0 { return 2 }
        return 1
    }

    mutating func scanNumber() {
        let start = position
        let b = bytes[position]
        let next = byte(position + 1) | 0x20
        if b == UInt8(ascii: "0"), next == UInt8(ascii: "x") || next == UInt8(ascii: "o") || next == UInt8(ascii: "b") {
            position += 2
            let digitsStart = position
            while position < bytes.count, jsIsHexDigit(bytes[position]) || bytes[position] == UInt8(ascii: "_") {
                position += 1
            }
            if position == digitsStart { error(.jsInvalidNumber, "missing digits after '0\(Character(Unicode.Scalar(next)))'", at: start) }
            if byte(position) == UInt8(ascii: "n") { position += 1 }
        } else {
            scanDigits()
            var isInteger = true
            if byte(position) == UInt8(ascii: ".") {
                isInteger = false
                position += 1
                scanDigits()
            }
            if byte(position) | 0x20 == UInt8(ascii: "e") {
                let sign = byte(position + 1)
                let afterSign = sign == UInt8(ascii: "+") || sign == UInt8(ascii: "-") ? position + 2 : position + 1
                if jsIsDigit(byte(afterSign)) {
                    isInteger = false
                    position = afterSign
                    scanDigits()
                }
            }
            if isInteger, byte(position) == UInt8(ascii: "n") { position += 1 }
        }
        if position < bytes.count, jsIsIdentifierByte(bytes[position]), unicodeSpaceLength(at: position) == 0,
            !isLineTerminator(at: position)
        {
            error(.jsInvalidNumber, "an identifier cannot start directly after a number", at: position)
            scanIdentifierRest()
        }
    }

    private mutating func scanDigits() {
        while position < bytes.count, jsIsDigit(bytes[position]) || bytes[position] == UInt8(ascii: "_") {
            position += 1
        }
    }

    mutating func scanString(quote: UInt8) {
        let start = position
        position += 1
        while position < bytes.count {
            let b = bytes[position]
            if b == quote { position += 1; return }
            if b == UInt8(ascii: "\\") {
                position += 1
                // An escaped CR LF is one line continuation.
                if byte(position) == 0x0D, byte(position + 1) == 0x0A { position += 2; continue }
                let lt = lineTerminatorLength(at: position)
                position += lt > 0 ? lt : (position < bytes.count ? utf8SequenceLength(bytes[position]) : 0)
                continue
            }
            if b == 0x0A || b == 0x0D { break }
            position += 1
        }
        error(.jsUnterminatedString, "unterminated string literal", at: start)
    }

    /// Scans template characters after `` ` `` or `}` up to the closing `` ` `` or `${`.
    mutating func scanTemplateBody(head: Bool) -> JSTokenKind {
        let start = position
        while position < bytes.count {
            let b = bytes[position]
            if b == UInt8(ascii: "`") {
                position += 1
                return head ? .template : .templateTail
            }
            if b == UInt8(ascii: "$"), byte(position + 1) == UInt8(ascii: "{") {
                position += 2
                return head ? .templateHead : .templateMiddle
            }
            if b == UInt8(ascii: "\\") { position += 2; continue }
            position += 1
        }
        position = bytes.count
        error(.jsUnterminatedTemplate, "unterminated template literal", at: max(0, start - 1))
        return head ? .template : .templateTail
    }

    mutating func scanRegex() {
        let start = position
        position += 1
        var inClass = false
        while position < bytes.count {
            let b = bytes[position]
            if isLineTerminator(at: position) { break }
            if b == UInt8(ascii: "\\") {
                position += 1
                if position < bytes.count, !isLineTerminator(at: position) {
                    position += utf8SequenceLength(bytes[position])
                }
                continue
            }
            if b == UInt8(ascii: "[") { inClass = true } else if b == UInt8(ascii: "]") { inClass = false } else if b == UInt8(ascii: "/"), !inClass {
                position += 1
                scanIdentifierRest()  // flags
                return
            }
            position += 1
        }
        error(.jsUnterminatedRegex, "unterminated regular expression", at: start)
    }
}

func jsIsHexDigit(_ b: UInt8) -> Bool {
    jsIsDigit(b) || (b | 0x20 >= UInt8(ascii: "a") && b | 0x20 <= UInt8(ascii: "f"))
}
