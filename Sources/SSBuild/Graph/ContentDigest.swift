import Foundation

/// A fast 64-bit content digest (FNV-1a) for the in-memory build cache. It only
/// decides whether cached work can be reused within one process, so it needs speed,
/// not collision resistance against an attacker; release file names use SHA-256.
public struct ContentDigest: Hashable, Sendable, CustomStringConvertible {
    public let value: UInt64

    public init(_ data: Data) {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        data.withUnsafeBytes { raw in
            for byte in raw { hash = (hash ^ UInt64(byte)) &* 0x0000_0100_0000_01b3 }
        }
        value = hash
    }

    public init(_ text: String) { self.init(Data(text.utf8)) }

    /// Combines digests in order (a node's own source plus its options).
    public static func combine(_ parts: [ContentDigest]) -> ContentDigest {
        var data = Data(capacity: parts.count * 8)
        for part in parts { withUnsafeBytes(of: part.value.littleEndian) { data.append(contentsOf: $0) } }
        return ContentDigest(data)
    }

    public var description: String { String(value, radix: 16) }
}
