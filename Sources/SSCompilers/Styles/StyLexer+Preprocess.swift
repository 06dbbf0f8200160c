import Foundation

extension StyLexer {
    /// The reference lexer's source normalisation: BOM, trailing whitespace, CRLF,
    /// escaped newlines, and joining of lines that end in `,`/`(`/`:` or start with
    /// `,`/`)`. Joined line breaks become `\r`, which the lexer counts as a line.
    static func preprocess(_ text: String) -> [UInt8] {
        var b = Array(text.utf8)
        if b.starts(with: [0xEF, 0xBB, 0xBF]) { b.removeFirst(3) }
        // /\s+$/ -> '\n'
        var end = b.count
        while end > 0 && isSpace(b[end - 1]) { end -= 1 }
        if end < b.count {
            b.removeSubrange(end..<b.count)
            b.append(10)
        }
        // \r\n? -> \n
        if containsByte(b, 13) {
            var out: [UInt8] = []
            out.reserveCapacity(b.count)
            var i = 0
            while i < b.count {
                if b[i] == 13 {
                    out.append(10)
                    if i + 1 < b.count && b[i + 1] == 10 { i += 1 }
                } else {
                    out.append(b[i])
                }
                i += 1
            }
            b = out
        }
        // \\ *\n -> \r
        if containsByte(b, 92) {
            var out: [UInt8] = []
            out.reserveCapacity(b.count)
            var i = 0
            while i < b.count {
                if b[i] == 92 {
                    var j = i + 1
                    while j < b.count && b[j] == 32 { j += 1 }
                    if j < b.count && b[j] == 10 {
                        out.append(13)
                        i = j + 1
                        continue
                    }
                }
                out.append(b[i])
                i += 1
            }
            b = out
        }
        b = joinAfterOpeners(b)
        b = joinBeforeClosers(b)
        return b
    }

    static func isSpace(_ c: UInt8) -> Bool { c == 32 || c == 9 || c == 10 || c == 13 || c == 11 || c == 12 }

    /// Whether `b` holds `byte` (`memchr`: most files hold no `\r` or `\\`, and a scan
    /// of every byte was a visible part of the lexer).
    static func containsByte(_ b: [UInt8], _ byte: UInt8) -> Bool {
        b.withUnsafeBufferPointer { p in
            guard let base = p.baseAddress, !p.isEmpty else { return false }
            return memchr(base, Int32(byte), p.count) != nil
        }
    }

    /// `([,(:](?!//[^ ])) *(?://[^\n]*|/\*.*?\*/)?\n\s*` -> `X\r`
    static func joinAfterOpeners(_ b: [UInt8]) -> [UInt8] {
        if !mayJoinAfterOpeners(b) { return b }
        var marks: CommentMarks?  // built on the first join: most files have few
        var out: [UInt8] = []
        out.reserveCapacity(b.count)
        var i = 0
        while i < b.count {
            let c = b[i]
            if c == 44 || c == 40 || c == 58 {
                let forbidden = i + 3 < b.count && b[i + 1] == 47 && b[i + 2] == 47 && b[i + 3] != 32
                if !forbidden {
                    var j = i + 1
                    while j < b.count && b[j] == 32 { j += 1 }
                    if j + 1 < b.count && b[j] == 47 && b[j + 1] == 47 {
                        while j < b.count && b[j] != 10 { j += 1 }
                    } else if j + 1 < b.count && b[j] == 47 && b[j + 1] == 42 {
                        var k = j + 2
                        var closed = false
                        while k + 1 < b.count && b[k] != 10 && b[k] != 13 {
                            if b[k] == 42 && b[k + 1] == 47 {
                                closed = true
                                break
                            }
                            k += 1
                        }
                        if closed { j = k + 2 }
                    }
                    if j < b.count && b[j] == 10 {
                        var k = j + 1
                        while k < b.count && isSpace(b[k]) { k += 1 }
                        if marks == nil { marks = CommentMarks(b) }
                        if let m = marks, inComment(b, i, m) {
                            out.append(contentsOf: b[i..<k])
                        } else {
                            out.append(c)
                            out.append(13)
                        }
                        i = k
                        continue
                    }
                }
            }
            // Bytes no rule starts at are copied in runs.
            var j = i + 1
            while j < b.count && b[j] != 44 && b[j] != 40 && b[j] != 58 { j += 1 }
            out.append(contentsOf: b[i..<j])
            i = j
        }
        return out
    }

    /// `\s*\n[ \t]*([,)])` -> `X\r`
    static func joinBeforeClosers(_ b: [UInt8]) -> [UInt8] {
        if !mayJoinBeforeClosers(b) { return b }
        var marks: CommentMarks?  // built on the first join: most files have few
        var out: [UInt8] = []
        out.reserveCapacity(b.count)
        var i = 0
        while i < b.count {
            if isSpace(b[i]) {
                var q = i
                while q < b.count && isSpace(b[q]) { q += 1 }
                if q < b.count && (b[q] == 44 || b[q] == 41) {
                    // need a \n in the run followed only by [ \t]
                    var lastNL = -1
                    for k in i..<q where b[k] == 10 { lastNL = k }
                    var ok = lastNL >= 0
                    if ok {
                        for k in (lastNL + 1)..<q where b[k] != 32 && b[k] != 9 {
                            ok = false
                            break
                        }
                    }
                    if ok {
                        if marks == nil { marks = CommentMarks(b) }
                        if let m = marks, inComment(b, i, m) {
                            out.append(contentsOf: b[i...q])
                        } else {
                            out.append(b[q])
                            out.append(13)
                        }
                        i = q + 1
                        continue
                    }
                }
                out.append(contentsOf: b[i..<q])
                i = q
                continue
            }
            var j = i + 1
            while j < b.count && !isSpace(b[j]) { j += 1 }
            out.append(contentsOf: b[i..<j])
            i = j
        }
        return out
    }

    /// False when no `,`, `(` or `:` is followed by spaces and then a newline or a `/`:
    /// `joinAfterOpeners` would copy the text unchanged (most files).
    static func mayJoinAfterOpeners(_ b: [UInt8]) -> Bool {
        b.withUnsafeBufferPointer { p in
            var i = 0
            while i < p.count {
                let c = p[i]
                i += 1
                guard c == 44 || c == 40 || c == 58 else { continue }
                var j = i
                while j < p.count && p[j] == 32 { j += 1 }
                if j < p.count && (p[j] == 10 || p[j] == 47) { return true }
            }
            return false
        }
    }

    /// False when no newline is followed by white space and then `,` or `)`:
    /// `joinBeforeClosers` would copy the text unchanged (most files).
    static func mayJoinBeforeClosers(_ b: [UInt8]) -> Bool {
        b.withUnsafeBufferPointer { p in
            guard let base = p.baseAddress else { return false }
            var i = 0
            while i < p.count {
                // The next newline, found by `memchr` (a byte loop was most of this scan).
                guard let nl = memchr(base + i, 10, p.count - i) else { return false }
                i = UnsafeRawPointer(base).distance(to: UnsafeRawPointer(nl))
                var q = i + 1
                while q < p.count && isSpace(p[q]) { q += 1 }
                if q < p.count && (p[q] == 44 || p[q] == 41) { return true }
                i = q
            }
            return false
        }
    }

    /// For each offset, the last `/*`, `*/`, `//` and newline at or before it (the
    /// reference's `lastIndexOf` calls, precomputed so long files stay linear).
    struct CommentMarks {
        var open: [Int32]
        var close: [Int32]
        var slashes: [Int32]
        var newline: [Int32]

        init(_ s: [UInt8]) {
            let n = s.count
            open = Array(repeating: -1, count: n)
            close = Array(repeating: -1, count: n)
            slashes = Array(repeating: -1, count: n)
            newline = Array(repeating: -1, count: n)
            var o: Int32 = -1, c: Int32 = -1, sl: Int32 = -1, nl: Int32 = -1
            for i in 0..<n {
                if i + 1 < n {
                    if s[i] == 47 && s[i + 1] == 42 { o = Int32(i) }
                    if s[i] == 42 && s[i + 1] == 47 { c = Int32(i) }
                    if s[i] == 47 && s[i + 1] == 47 { sl = Int32(i) }
                }
                if s[i] == 10 { nl = Int32(i) }
                open[i] = o
                close[i] = c
                slashes[i] = sl
                newline[i] = nl
            }
        }
    }

    /// Whether `offset` lies inside a block comment or after a `//` on its line.
    static func inComment(_ s: [UInt8], _ offset: Int, _ marks: CommentMarks) -> Bool {
        guard offset >= 0 && offset < s.count else { return false }
        var result = marks.open[offset] > marks.close[offset]
        let commentIdx = Int(marks.slashes[offset])
        let i = Int(marks.newline[offset])
        if commentIdx >= 0 && commentIdx > i {
            var single = 0, double = 0
            var k = max(i, 0)
            while k != offset && k < s.count {
                if s[k] == 39 { single = single > 0 ? single - 1 : single + 1 }
                if s[k] == 34 { double = double > 0 ? double - 1 : double + 1 }
                if s[k] == 47 && k + 1 < s.count && s[k + 1] == 47 {
                    result = single == 0 && double == 0
                    break
                }
                k += 1
            }
        }
        return result
    }
}
