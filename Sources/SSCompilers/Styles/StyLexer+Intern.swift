/// The long identifiers of one source, each made into a `String` once.
///
/// An identifier of more than 15 UTF-8 bytes is a heap string (shorter ones are stored
/// inline and cost nothing to make), and a stylesheet repeats its long names
/// (`banner-post-color`, `background-color`): each repeat then shares the first one's
/// storage (a retain) instead of allocating and copying its own. The table is an open
/// addressing hash over byte ranges of the source, so a repeat is found without making
/// a string first.
///
///     var table = StyInternTable()
///     let bytes = Array("banner-post-color banner-post-color".utf8)
///     let a = table.string(bytes, 0, 17)
///     let b = table.string(bytes, 18, 17)  // the same storage as `a`
struct StyInternTable {
    /// Byte ranges shorter than this are not interned (they are inline strings).
    static let minimumLength = 16

    private struct Entry {
        let start: Int
        let count: Int
        let hash: UInt32
        let string: String
    }

    /// Entry index + 1 per slot (0: empty); the count is a power of two, at most half full.
    private var slots: [Int32] = []
    private var entries: [Entry] = []

    var count: Int { entries.count }

    /// `String(decoding: bytes[start..<start + count], as: UTF8.self)`, shared with every
    /// earlier call for the same text when `count >= minimumLength`. The range must lie
    /// within `bytes`, and `bytes` must be the same source on every call.
    mutating func string(_ bytes: [UInt8], _ start: Int, _ count: Int) -> String {
        guard count >= StyInternTable.minimumLength else {
            return String(decoding: bytes[start..<(start + count)], as: UTF8.self)
        }
        return bytes.withUnsafeBufferPointer { source in
            let hash = StyInternTable.hash(source, start, count)
            if slots.isEmpty {
                slots = Array(repeating: 0, count: 64)
                entries.reserveCapacity(32)
            }
            let mask = slots.count - 1
            var i = Int(hash) & mask
            while slots[i] != 0 {
                let e = entries[Int(slots[i]) - 1]
                if e.hash == hash && e.count == count && StyInternTable.equal(source, e.start, start, count) {
                    return e.string
                }
                i = (i + 1) & mask
            }
            let string = String(decoding: UnsafeBufferPointer(rebasing: source[start..<(start + count)]), as: UTF8.self)
            entries.append(Entry(start: start, count: count, hash: hash, string: string))
            slots[i] = Int32(truncatingIfNeeded: entries.count)
            if entries.count * 2 > slots.count { grow() }
            return string
        }
    }

    private mutating func grow() {
        var bigger = [Int32](repeating: 0, count: slots.count * 2)
        let mask = bigger.count - 1
        for (k, e) in entries.enumerated() {
            var i = Int(e.hash) & mask
            while bigger[i] != 0 { i = (i + 1) & mask }
            bigger[i] = Int32(truncatingIfNeeded: k + 1)
        }
        slots = bigger
    }

    /// FNV-1a over the bytes.
    private static func hash(_ source: UnsafeBufferPointer<UInt8>, _ start: Int, _ count: Int) -> UInt32 {
        var h: UInt32 = 2_166_136_261
        for k in start..<(start + count) { h = (h ^ UInt32(source[k])) &* 16_777_619 }
        return h
    }

    private static func equal(_ source: UnsafeBufferPointer<UInt8>, _ a: Int, _ b: Int, _ count: Int) -> Bool {
        var k = 0
        while k < count && source[a + k] == source[b + k] { k += 1 }
        return k == count
    }
}
