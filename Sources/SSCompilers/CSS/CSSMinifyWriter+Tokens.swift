extension CSSMinifyWriter {
    enum Context: Equatable {
        case selector
        case atPrelude
        case value(property: String)
        /// Custom property values and anything unrecognised: whitespace collapses, nothing else changes.
        case other
    }

    private func isDelim(_ token: CSSToken, _ char: Character) -> Bool {
        token.kind == .delim && token.end - token.start == 1 && bytes[token.start] == char.asciiValue
    }

    /// May the whitespace between `prev` and `next` go?
    private func whitespaceRemovable(_ prev: CSSToken, _ next: CSSToken, _ context: Context, depth: Int) -> Bool {
        if case .other = context { return false }
        switch prev.kind {
        case .comma, .lparen, .function, .lbracket, .colon where context != .selector: return true
        default: break
        }
        switch next.kind {
        case .comma, .rparen, .rbracket: return true
        case .colon where context == .atPrelude && depth > 0: return true
        default: break
        }
        switch context {
        case .selector:
            return [">", "+", "~"].contains { isDelim(prev, $0) || isDelim(next, $0) }
        case .value:
            if isDelim(next, "!") || isDelim(prev, "!") { return true }
            if isDelim(prev, "/") { return bytes[next.start] != UInt8(ascii: "*") }
            return isDelim(next, "/")
        default:
            return false
        }
    }

    mutating func writeTokens(_ items: [Int], context: Context) {
        var depth = 0
        var pendingSpace = false
        var prev: CSSToken? = nil
        let keepsAsIs: Bool
        switch context {
        case .value(let property): keepsAsIs = property == "unicode-range"
        default: keepsAsIs = true
        }
        let soleIdent = items.count == 1 ? items.first.map { tokens[$0] } : nil
        var skipThrough = -1
        for (position, item) in items.enumerated() {
            guard position > skipThrough else { continue }
            guard item >= 0 else {
                pendingSpace = true
                continue
            }
            let token = tokens[item]
            if pendingSpace, let prev, !whitespaceRemovable(prev, token, context, depth: depth) {
                out.append(0x20)
            }
            pendingSpace = false
            if !keepsAsIs, token.kind == .function, let end = transparentColorEnd(items, from: position) {
                // `rgba(0,0,0,0)` -> `transparent`: the same colour, 2 bytes shorter.
                out.append(contentsOf: Array("transparent".utf8))
                skipThrough = end
                prev = tokens[items[end]]
                continue
            }
            switch token.kind {
            case .lparen, .function, .lbracket: depth += 1
            case .rparen, .rbracket: depth = max(0, depth - 1)
            default: break
            }
            if keepsAsIs {
                out.append(contentsOf: bytes[token.start..<token.end])
            } else if case .value(let property) = context {
                writeValueToken(token, property: property, depth: depth, sole: soleIdent != nil)
            }
            prev = token
        }
    }

    /// Where `rgba(0,0,0,0)` (or `hsla`, spaces allowed) that starts at `position` ends.
    private func transparentColorEnd(_ items: [Int], from position: Int) -> Int? {
        let name = bytes[tokens[items[position]].start..<tokens[items[position]].end].map { $0 | 0x20 }
        guard name == Array("rgba(".utf8) || name == Array("hsla(".utf8) else { return nil }
        var expected: [CSSTokenKind] = [.number, .comma, .number, .comma, .number, .comma, .number, .rparen]
        var index = position + 1
        while index < items.count, !expected.isEmpty {
            defer { index += 1 }
            guard items[index] >= 0 else { continue }
            let token = tokens[items[index]]
            guard token.kind == expected.removeFirst() else { return nil }
            if token.kind == .number, CSSNumbers.shorten(bytes[token.start..<token.end]) != [UInt8(ascii: "0")] {
                return nil
            }
            if expected.isEmpty { return index }
        }
        return nil
    }

    private mutating func writeValueToken(_ token: CSSToken, property: String, depth: Int, sole: Bool) {
        switch token.kind {
        case .number:
            out.append(contentsOf: CSSNumbers.shorten(bytes[token.start..<token.end]))
        case .percentage:
            out.append(contentsOf: CSSNumbers.shorten(bytes[token.start..<(token.end - 1)]))
            out.append(UInt8(ascii: "%"))
        case .dimension:
            let number = CSSNumbers.shorten(bytes[token.start..<token.unitStart])
            let unit = String(decoding: bytes[token.unitStart..<token.end], as: UTF8.self).lowercased()
            out.append(contentsOf: number)
            let isZero = number == Array("0".utf8) || number == Array("-0".utf8) || number == Array("+0".utf8)
            if isZero, depth == 0, CSSNumbers.lengthUnits.contains(unit), !CSSNumbers.keepsZeroUnit.contains(property) {
                return
            }
            out.append(contentsOf: bytes[token.unitStart..<token.end])
        case .hash:
            out.append(contentsOf: CSSNumbers.shortenColor(bytes[token.start..<token.end]))
        case .ident where sole && (property == "outline" || property == "background"):
            // A shorthand sets every part to its initial value: `outline:none` draws as `outline:0`,
            // and `background:none` or `transparent` is `background:0 0` (all initial values).
            let word = String(decoding: bytes[token.start..<token.end], as: UTF8.self).lowercased()
            if property == "outline", word == "none" {
                out.append(UInt8(ascii: "0"))
            } else if property == "background", word == "none" || word == "transparent" {
                out.append(contentsOf: Array("0 0".utf8))
            } else {
                out.append(contentsOf: bytes[token.start..<token.end])
            }
        case .ident where sole && property == "font-weight":
            let word = String(decoding: bytes[token.start..<token.end], as: UTF8.self).lowercased()
            out.append(contentsOf: word == "normal" ? Array("400".utf8) : word == "bold" ? Array("700".utf8)
                : Array(bytes[token.start..<token.end]))
        default:
            out.append(contentsOf: bytes[token.start..<token.end])
        }
    }
}

/// Number and colour shortening rules for CSS values.
enum CSSNumbers {
    static let lengthUnits: Set<String> = [
        "px", "em", "rem", "ex", "ch", "vw", "vh", "vmin", "vmax", "cm", "mm", "in", "pt", "pc", "q",
    ]
    /// Properties where `0px` and `0` differ (a unitless flex-basis is a flex factor in old browsers).
    static let keepsZeroUnit: Set<String> = ["flex", "-webkit-flex", "-ms-flex", "flex-basis", "-webkit-flex-basis"]

    /// `0.50` -> `.5`, `10.0` -> `10`, `-0.5` -> `-.5`; exponents are left alone.
    static func shorten(_ number: ArraySlice<UInt8>) -> [UInt8] {
        var sign: [UInt8] = []
        var digits = number
        if let first = digits.first, first == UInt8(ascii: "+") || first == UInt8(ascii: "-") {
            sign = [first]
            digits = digits.dropFirst()
        }
        guard !digits.contains(where: { $0 | 0x20 == UInt8(ascii: "e") }) else { return Array(number) }
        let dot = digits.firstIndex(of: UInt8(ascii: "."))
        var integer = Array(dot.map { digits[..<$0] } ?? digits)
        var fraction = dot.map { Array(digits[digits.index(after: $0)...]) } ?? []
        while integer.first == UInt8(ascii: "0") { integer.removeFirst() }
        while fraction.last == UInt8(ascii: "0") { fraction.removeLast() }
        if fraction.isEmpty {
            return sign + (integer.isEmpty ? [UInt8(ascii: "0")] : integer)
        }
        return sign + integer + [UInt8(ascii: ".")] + fraction
    }

    /// `#AABBCC` -> `#abc`, `#aabbccdd` -> `#abcd`, `#ff0000` -> `red`; other hashes unchanged.
    static func shortenColor(_ hash: ArraySlice<UInt8>) -> [UInt8] {
        let hex = Array(hash.dropFirst())
        guard [3, 4, 6, 8].contains(hex.count), hex.allSatisfy(cssIsHexDigit) else { return Array(hash) }
        var lower = hex.map { $0 >= UInt8(ascii: "A") && $0 <= UInt8(ascii: "Z") ? $0 | 0x20 : $0 }
        if lower.count == 6 || lower.count == 8 {
            let pairs = stride(from: 0, to: lower.count, by: 2).map { (lower[$0], lower[$0 + 1]) }
            if pairs.allSatisfy({ $0.0 == $0.1 }) { lower = pairs.map(\.0) }
        }
        if lower == Array("f00".utf8) { return Array("red".utf8) }
        return [UInt8(ascii: "#")] + lower
    }
}
