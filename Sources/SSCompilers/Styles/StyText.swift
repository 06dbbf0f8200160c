/// Small string helpers for hot paths (Foundation's `trimmingCharacters` and
/// `range(of:)` bridge through NSString and dominate profiles otherwise).
enum StyText {
    @inline(__always) static func isSpace(_ c: UInt8) -> Bool {
        c == 32 || c == 9 || c == 10 || c == 13 || c == 11 || c == 12
    }

    /// JavaScript-like `trim()` of ASCII whitespace.
    static func trim(_ s: String) -> String {
        let u = s.utf8
        guard let f = u.first, let l = u.last, isSpace(f) || isSpace(l) else { return s }
        var start = u.startIndex
        var end = u.endIndex
        while start < end && isSpace(u[start]) { start = u.index(after: start) }
        while end > start && isSpace(u[u.index(before: end)]) { end = u.index(before: end) }
        return String(s[start..<end])
    }

    /// Trailing ASCII whitespace removed (`trimRight()`).
    static func trimEnd(_ s: String) -> String {
        let u = s.utf8
        guard let l = u.last, isSpace(l) else { return s }
        var end = u.endIndex
        while end > u.startIndex && isSpace(u[u.index(before: end)]) { end = u.index(before: end) }
        return String(s[s.startIndex..<end])
    }

    /// Byte offset of the first occurrence of `needle`, or nil.
    static func find(_ haystack: String, _ needle: String) -> Int? {
        // Native strings are contiguous UTF-8: search their bytes in place, no copies.
        let found = haystack.utf8.withContiguousStorageIfAvailable { h in
            needle.utf8.withContiguousStorageIfAvailable { n in find(h, n) }
        }
        if let found, let inPlace = found { return inPlace }
        let h = Array(haystack.utf8)
        let n = Array(needle.utf8)
        return h.withUnsafeBufferPointer { hb in n.withUnsafeBufferPointer { nb in find(hb, nb) } }
    }

    private static func find(_ h: UnsafeBufferPointer<UInt8>, _ n: UnsafeBufferPointer<UInt8>) -> Int? {
        guard !n.isEmpty, h.count >= n.count else { return n.isEmpty ? 0 : nil }
        let first = n[0]
        var i = 0
        while i <= h.count - n.count {
            if h[i] == first {
                var j = 1
                while j < n.count && h[i + j] == n[j] { j += 1 }
                if j == n.count { return i }
            }
            i += 1
        }
        return nil
    }

    /// `s` with the first occurrence of `needle` replaced.
    static func replaceFirst(_ s: String, _ needle: String, _ with: String) -> String {
        guard let i = find(s, needle) else { return s }
        let b = Array(s.utf8)
        return String(decoding: b[0..<i], as: UTF8.self) + with
            + String(decoding: b[(i + needle.utf8.count)...], as: UTF8.self)
    }

    static func contains(_ s: String, _ byte: UInt8) -> Bool {
        if let found = s.utf8.withContiguousStorageIfAvailable({ bytes in
            for b in bytes where b == byte { return true }
            return false
        }) {
            return found
        }
        return s.utf8.contains(byte)
    }
}
