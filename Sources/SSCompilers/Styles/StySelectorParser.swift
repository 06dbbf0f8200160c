import Foundation

/// Resolves parent references in one selector: `&`, `^[N]`, `^[N..M]`, `~/`, `../`
/// and a leading `/` (root), against the stack of enclosing selectors.
struct StySelectorParser {
    /// The selector's UTF-8 bytes: every character the grammar looks at is ASCII, and
    /// other bytes are copied through unchanged.
    var str: [UInt8]
    var pos = 0
    var stack: [String]
    var parts: [String]
    var level = 2
    var nested = true
    var ignore = false
    var raw = false
    /// Nesting of `^[N..M]` parsing its own parts; a part that names itself again would
    /// recurse forever (the reference overflows its stack), so past the limit it resolves
    /// to nothing.
    var depth = 0
    static let maxDepth = 32

    init(_ s: String, stack: [String] = [], parts: [String] = []) {
        self.str = Array(s.utf8)
        self.stack = stack
        self.parts = parts
    }

    func at(_ i: Int) -> UInt8? { pos + i < str.count ? str[pos + i] : nil }
    func startsWith(_ s: StaticString) -> Bool {
        let n = s.utf8CodeUnitCount
        guard pos + n <= str.count else { return false }
        let p = s.utf8Start
        for i in 0..<n where str[pos + i] != p[i] { return false }
        return true
    }
    mutating func skip(_ n: Int) { pos = min(str.count, pos + n) }

    /// Selectors without `&`, `^`, `/`, `\\` or a leading `~/` resolve to themselves.
    static func isPlain(_ s: String) -> Bool {
        // In place for native strings (the view's iterator costs several times more a byte).
        s.utf8.withContiguousStorageIfAvailable { isPlain(bytes: $0) } ?? isPlain(bytes: s.utf8)
    }

    private static func isPlain(bytes: some Sequence<UInt8>) -> Bool {
        var first = true
        for b in bytes {
            switch b {
            case UInt8(ascii: "&"), UInt8(ascii: "^"), UInt8(ascii: "/"), UInt8(ascii: "\\"): return false
            case UInt8(ascii: "~") where first: return false
            default: break
            }
            first = false
        }
        return true
    }

    /// `&` followed by text no rule starts with (`&__title`, `&:hover`, `&.active`).
    static func isParentSuffix(_ s: String) -> Bool {
        s.utf8.withContiguousStorageIfAvailable { isParentSuffix(bytes: $0) } ?? isParentSuffix(bytes: s.utf8)
    }

    private static func isParentSuffix(bytes: some Sequence<UInt8>) -> Bool {
        var first = true
        for b in bytes {
            if first {
                if b != UInt8(ascii: "&") { return false }
                first = false
            } else if b == UInt8(ascii: "&") || b == UInt8(ascii: "^") || b == UInt8(ascii: "\\") {
                return false
            }
        }
        return !first
    }

    static func isSpecial(_ c: UInt8) -> Bool {
        c == UInt8(ascii: "&") || c == UInt8(ascii: "^") || c == UInt8(ascii: "\\") || c == UInt8(ascii: "/")
            || c == UInt8(ascii: ".") || c == UInt8(ascii: "~")
    }

    mutating func parse() -> (val: String, nested: Bool) {
        if pos == 0 && !raw {
            let s = String(decoding: str, as: UTF8.self)
            if StySelectorParser.isPlain(s) { return (StyText.trimEnd(s), true) }
        }
        var val: [UInt8] = []
        val.reserveCapacity(str.count + 32)
        while pos < str.count {
            // Runs of bytes no rule starts with are copied at once.
            if pos > 0 && !StySelectorParser.isSpecial(str[pos]) {
                val.append(str[pos])
                pos += 1
                continue
            }
            if let piece = advance() { val.append(contentsOf: piece.utf8) }
            if ignore {
                val = []
                break
            }
        }
        return (StyText.trimEnd(String(decoding: val, as: UTF8.self)), nested)
    }

    mutating func advance() -> String? {
        if let r = root() { return r }
        if let r = relative(multi: false) { return r }
        if let r = initial() { return r }
        if let r = escaped() { return r }
        if let r = parent() { return r }
        if let r = partial() { return r }
        guard pos < str.count else { return nil }
        let start = pos
        // One whole character (a multi-byte one is never split).
        var end = pos + 1
        while end < str.count && str[end] & 0xC0 == 0x80 { end += 1 }
        pos = end
        return String(decoding: str[start..<end], as: UTF8.self)
    }

    mutating func root() -> String? {
        if pos == 0 && at(0) == UInt8(ascii: "/") && !startsWith("/deep") {
            nested = false
            skip(1)
        }
        return nil
    }

    mutating func relative(multi: Bool) -> String? {
        if (pos == 0 || multi) && startsWith("../") {
            nested = false
            skip(3)
            while relativeMore() { level += 1 }
            if !raw {
                let idx = stack.count - level
                if idx >= 0 && idx < stack.count { return stack[idx] }
                ignore = true
            }
        }
        return nil
    }

    mutating func relativeMore() -> Bool {
        if startsWith("../") {
            skip(3)
            return true
        }
        return false
    }

    mutating func initial() -> String? {
        if pos == 0 && at(0) == UInt8(ascii: "~") && at(1) == UInt8(ascii: "/") {
            nested = false
            skip(2)
            return stack.first
        }
        return nil
    }

    mutating func escaped() -> String? {
        if at(0) == UInt8(ascii: "\\"), let c = at(1), c == UInt8(ascii: "&") || c == UInt8(ascii: "^") {
            skip(2)
            return String(UnicodeScalar(c))
        }
        return nil
    }

    mutating func parent() -> String? {
        guard at(0) == UInt8(ascii: "&") else { return nil }
        nested = false
        if pos == 0 && (stack.isEmpty || raw) {
            var i = 1
            while at(i) == UInt8(ascii: " ") { i += 1 }
            if let c = at(i), c == UInt8(ascii: ">") || c == UInt8(ascii: "+") || c == UInt8(ascii: "~") {
                skip(i + 1)
                return nil
            }
        }
        skip(1)
        if !raw { return stack.last }
        return nil
    }

    mutating func partial() -> String? {
        guard at(0) == UInt8(ascii: "^") && at(1) == UInt8(ascii: "[") else { return nil }
        skip(2)
        while at(0) == UInt8(ascii: " ") { skip(1) }
        let ret = range()
        while at(0) == UInt8(ascii: " ") { skip(1) }
        if at(0) != UInt8(ascii: "]") { return "^[" }
        nested = false
        skip(1)
        if let ret { return ret }
        ignore = true
        return nil
    }

    mutating func number() -> Int? {
        var i = 0
        var s = ""
        if at(0) == UInt8(ascii: "-") {
            s.append("-")
            i += 1
        }
        while let c = at(i), StyLexer.isDigit(c) {
            s.unicodeScalars.append(UnicodeScalar(c))
            i += 1
        }
        guard !s.isEmpty else { return nil }
        skip(i)
        return Int(s)
    }

    mutating func range() -> String? {
        let start = number()
        var ret: String?
        if startsWith("..") {
            skip(2)
            let end = number()
            let len = parts.count
            var s = start ?? 0
            var e = end ?? 0
            if s < 0 { s = len + s - 1 }
            if e < 0 { e = len + e - 1 }
            if s > e { swap(&s, &e) }
            if e < len - 1 && s >= 0 && depth < StySelectorParser.maxDepth {
                ret = parts[s...e].map { part -> String in
                    var p = StySelectorParser(part, stack: stack, parts: parts)
                    p.raw = true
                    p.depth = depth + 1
                    let r = p.parse()
                    return (r.nested ? " " : "") + r.val
                }.joined().trimmingCharacters(in: .whitespacesAndNewlines)
            }
        } else if let st = start {
            let idx = st < 0 ? stack.count + st - 1 : st
            if idx >= 0 && idx < stack.count { ret = stack[idx] }
        }
        if let ret, !ret.isEmpty { return ret }
        ignore = true
        return nil
    }
}

extension StySelectorParser {
    /// Parses `s` without a parent stack.
    static func parse(_ s: String) -> (val: String, nested: Bool) {
        var p = StySelectorParser(s)
        return p.parse()
    }
}

/// Joins nested selector groups into full selectors (`utils.compileSelectors`).
enum StySelectorCompiler {
    /// `selector` followed by the selectors of the rules nested in it (`buf`, outermost
    /// first), resolved into one selector.
    static func resolve(_ selector: StySelector, _ buf: [String]) -> String {
        let own = selector.val ?? ""
        // Plain and `&suffix` steps need neither the parser nor its stacks (the loop
        // below gives the same text for them).
        if StySelectorParser.isPlain(own) {
            var str = StyText.trimEnd(own)
            var simple = true
            for b in buf {
                if StySelectorParser.isPlain(b) {
                    str += " "
                    str += StyText.trimEnd(b)
                } else if StySelectorParser.isParentSuffix(b) {
                    str = StyText.trimEnd(str + String(decoding: b.utf8.dropFirst(), as: UTF8.self))
                } else {
                    simple = false
                    break
                }
            }
            if simple { return StyText.trim(str) }
        }
        var parts = [own]
        var parents: [String] = []
        var str: String
        if StySelectorParser.isPlain(parts[0]) {
            str = StyText.trimEnd(parts[0])
        } else {
            var p0 = StySelectorParser(parts[0], stack: parents, parts: parts)
            str = p0.parse().val
        }
        for b in buf {
            parts.append(b)
            parents.append(str)
            if StySelectorParser.isPlain(b) {
                str += " " + StyText.trimEnd(b)
                continue
            }
            if StySelectorParser.isParentSuffix(b) {
                // `&suffix`: the parser would give the parent (`str`) followed by the suffix.
                str = StyText.trimEnd(str + String(decoding: b.utf8.dropFirst(), as: UTF8.self))
                continue
            }
            var child = StySelectorParser(b, stack: parents, parts: parts)
            let r = child.parse()
            if r.nested { str += " " + r.val } else { str = r.val }
        }
        return StyText.trim(str)
    }

    static func compile(_ arr: [[StySelector]], leaveHidden: Bool, indent: String) -> [String] {
        var selectors: [String] = []
        var buf: [String] = []

        func compile(_ i: Int) {
            if i > 0 {
                for selector in arr[i] {
                    if !leaveHidden && selector.isPlaceholder { continue }
                    if selector.inherits {
                        buf.insert(selector.val ?? "", at: 0)
                        compile(i - 1)
                        buf.removeFirst()
                    } else {
                        selectors.append(indent + resolve(selector, buf))
                    }
                }
            } else if !arr.isEmpty {
                for selector in arr[0] {
                    if !leaveHidden && selector.isPlaceholder { continue }
                    let str = resolve(selector, buf)
                    if !str.isEmpty { selectors.append(indent + str) }
                }
            }
        }
        compile(arr.count - 1)
        if selectors.count < 2 { return selectors }
        var seen = Set<String>()
        return selectors.filter { seen.insert($0).inserted }
    }
}
