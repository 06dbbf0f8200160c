/// String literals straight into the output: `JSStrings.shortest` decodes a literal into
/// code points and encodes it up to three times (with `"`, `'` and a backtick) to keep the
/// shortest; for the common literals (printable ASCII with the escapes `\n`, `\t`, `\\`,
/// `\'` and `\"`) the three lengths follow from a few counts, and the winner is written
/// in one pass. Shader sources in three.js are such strings, a tenth of the library.
///
/// ```swift
/// printer.printString("'a\\nb \"c\"'", allowTemplate: true)   // `a<newline>b "c"`
/// ```
extension JSPrinter {
    /// A string literal (raw, quotes included), in its shortest spelling when shortening.
    mutating func printString(_ text: String, allowTemplate: Bool) {
        guard options.shortenLiterals else { return raw(text) }
        // A quote never merges with the previous token, so no space is needed before it.
        let printed = text.utf8.withContiguousStorageIfAvailable { bytes -> Bool in
            guard bytes.count >= 2 else { return false }
            let inner = bytes[1..<(bytes.count - 1)]
            // Without escapes or quotes inside, only the quote style changes.
            if !inner.contains(where: JSPrinter.needsDecoding) {
                out.append(UInt8(ascii: "\""))
                out.append(contentsOf: inner)
                out.append(UInt8(ascii: "\""))
                return true
            }
            return printSimpleEscapedString(bytes, allowTemplate: allowTemplate)
        }
        if printed != true { raw(JSStrings.shortest(text, allowTemplate: allowTemplate)) }
    }

    private static func needsDecoding(_ b: UInt8) -> Bool {
        b == UInt8(ascii: "\\") || b == UInt8(ascii: "\"") || b == UInt8(ascii: "'") || b == UInt8(ascii: "`")
    }

    /// The character at `index` of a literal's bytes (an escape decoded) and the index after
    /// it; nil outside printable ASCII, tab and the five simple escapes.
    private static func simpleCharacter(_ bytes: UnsafeBufferPointer<UInt8>, _ index: Int, end: Int) -> (UInt8, Int)? {
        let b = bytes[index]
        if b != UInt8(ascii: "\\") {
            return (b >= 0x20 && b < 0x7F) || b == 0x09 ? (b, index + 1) : nil
        }
        guard index + 1 < end else { return nil }
        switch bytes[index + 1] {
        case UInt8(ascii: "n"): return (0x0A, index + 2)
        case UInt8(ascii: "t"): return (0x09, index + 2)
        case UInt8(ascii: "\\"), UInt8(ascii: "'"), UInt8(ascii: "\""): return (bytes[index + 1], index + 2)
        default: return nil
        }
    }

    /// Writes the literal in `JSStrings.shortest`'s spelling when it has only simple
    /// characters (see `simpleCharacter`); false, with nothing written, otherwise.
    private mutating func printSimpleEscapedString(_ bytes: UnsafeBufferPointer<UInt8>, allowTemplate: Bool) -> Bool {
        let end = bytes.count - 1
        var count = 0, doubles = 0, singles = 0, backticks = 0, backslashes = 0, newlines = 0, dollarBraces = 0
        var index = 1
        while index < end {
            guard let (c, next) = JSPrinter.simpleCharacter(bytes, index, end: end) else { return false }
            count += 1
            switch c {
            case UInt8(ascii: "\""): doubles += 1
            case UInt8(ascii: "'"): singles += 1
            case UInt8(ascii: "`"): backticks += 1
            case UInt8(ascii: "\\"): backslashes += 1
            case 0x0A: newlines += 1
            // `{` is never an escape here, so the raw next byte is the next character.
            case UInt8(ascii: "$") where next < end && bytes[next] == UInt8(ascii: "{"): dollarBraces += 1
            default: break
            }
            index = next
        }
        // Lengths of the three spellings, and `shortest`'s choice among them: `"` unless
        // another is strictly shorter; `'` only when the value holds a `"`, a backtick only
        // in templates-allowed positions when it holds a `"` or a newline.
        var quote = UInt8(ascii: "\"")
        var best = 2 + count + doubles + backslashes + newlines
        if doubles > 0, 2 + count + singles + backslashes + newlines < best {
            quote = UInt8(ascii: "'")
            best = 2 + count + singles + backslashes + newlines
        }
        if allowTemplate, doubles > 0 || newlines > 0, 2 + count + backticks + backslashes + dollarBraces < best {
            quote = UInt8(ascii: "`")
        }
        let template = quote == UInt8(ascii: "`")
        out.append(quote)
        index = 1
        while index < end, let (c, next) = JSPrinter.simpleCharacter(bytes, index, end: end) {
            if c == 0x0A {
                if template { out.append(0x0A) } else { out.append(UInt8(ascii: "\\")); out.append(UInt8(ascii: "n")) }
            } else {
                if c == quote || c == UInt8(ascii: "\\")
                    || (template && c == UInt8(ascii: "$") && next < end && bytes[next] == UInt8(ascii: "{"))
                {
                    out.append(UInt8(ascii: "\\"))
                }
                out.append(c)
            }
            index = next
        }
        out.append(quote)
        return true
    }
}
