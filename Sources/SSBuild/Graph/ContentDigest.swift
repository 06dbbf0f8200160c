import Foundation

/// A fast 64-bit content digest for the in-memory build cache. It only decides whether
/// cached work can be reused within one process, so it needs speed, not collision
/// resistance against an attacker; release file names use SHA-256.
///
/// It reads eight bytes per step (a rebuild digests whole stylesheets and templates.js,
/// hundreds of kilobytes). Each step, `(h ^ word) * odd` then `h ^= h >> 32`, is a
/// bijection of the state, so two inputs of one length that differ in a single word
/// never collide; the length is mixed in last.
///
/// ```swift
/// ContentDigest("a") == ContentDigest(Data("a".utf8))   // true
/// ```
public struct ContentDigest: Hashable, Sendable, CustomStringConvertible {
    public let value: UInt64

    private static let seed: UInt64 = 0xcbf2_9ce4_8422_2325
    private static let prime: UInt64 = 0x0000_0100_0000_01b3 | 0x9e37_79b9_0000_0000

    public init(_ data: Data) {
        value = data.withUnsafeBytes { Self.digest($0) }
    }

    public init(_ text: String) {
        var text = text
        value = text.withUTF8 { Self.digest(UnsafeRawBufferPointer($0)) }
    }

    init(value: UInt64) { self.value = value }

    static func digest(_ raw: UnsafeRawBufferPointer) -> UInt64 {
        var hash = seed
        let count = raw.count
        var offset = 0
        while offset + 8 <= count {
            let word = UInt64(littleEndian: raw.loadUnaligned(fromByteOffset: offset, as: UInt64.self))
            hash = (hash ^ word) &* prime
            hash ^= hash >> 32
            offset += 8
        }
        if offset < count {
            var tail: UInt64 = 0
            var shift: UInt64 = 0
            while offset < count {
                tail |= UInt64(raw[offset]) << shift
                shift += 8
                offset += 1
            }
            hash = (hash ^ tail) &* prime
            hash ^= hash >> 32
        }
        return finish(hash, length: UInt64(count))
    }

    private static func finish(_ state: UInt64, length: UInt64) -> UInt64 {
        var hash = (state ^ length) &* prime
        hash ^= hash >> 29
        hash = hash &* 0xbf58_476d_1ce4_e5b9
        return hash ^ (hash >> 32)
    }

    /// Combines digests in order (a node's own source plus its options).
    public static func combine(_ parts: [ContentDigest]) -> ContentDigest {
        var hash = seed
        for part in parts {
            hash = (hash ^ part.value) &* prime
            hash ^= hash >> 32
        }
        return ContentDigest(value: finish(hash, length: UInt64(parts.count)))
    }

    /// A term of an order-dependent sum of digests (`DevelopmentAssets.listDigest`): a
    /// sum changes in O(1) when one term does, where `combine` hashes every part again.
    static func term(_ position: Int, _ digest: ContentDigest) -> UInt64 {
        var hash = (seed ^ UInt64(truncatingIfNeeded: position)) &* prime
        hash ^= hash >> 32
        return finish(hash ^ digest.value, length: 2)
    }

    public var description: String { String(value, radix: 16) }
}
