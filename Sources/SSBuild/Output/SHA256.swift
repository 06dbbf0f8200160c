import Foundation

/// SHA-256 (FIPS 180-4) in pure Swift, for content-hashed file names and SRI integrity
/// values. No CryptoKit or OpenSSL dependency, so ssbuild builds anywhere Foundation does.
///
/// ```swift
/// SHA256.hash(Data("abc".utf8)).hex
/// // "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"
///
/// var hasher = SHA256()
/// hasher.update(Data("ab".utf8))
/// hasher.update(Data("c".utf8))
/// hasher.finalize().base64   // "ungWv48Bz+pBQUDeXa4iI7ADYaOWF3qctBD/YfIAFa0="
/// ```
///
/// Performance: whole 64-byte blocks are read straight out of the caller's buffer with
/// unaligned big-endian loads and the 64 rounds run on locals, so the optimiser keeps the
/// working state in registers (see `Output/SHA256+Compress.swift`).
public struct SHA256: Sendable {
    /// The eight 32-bit words of the running hash.
    var state: (UInt32, UInt32, UInt32, UInt32, UInt32, UInt32, UInt32, UInt32) = (
        0x6a09_e667, 0xbb67_ae85, 0x3c6e_f372, 0xa54f_f53a, 0x510e_527f, 0x9b05_688c, 0x1f83_d9ab, 0x5be0_cd19
    )
    /// Bytes of an incomplete block carried between `update` calls (always < 64).
    var pending: [UInt8] = []
    /// Total message length in bytes.
    var length: UInt64 = 0

    public init() {}

    /// Hashes `data` in one call.
    public static func hash(_ data: Data) -> Digest {
        var hasher = SHA256()
        hasher.update(data)
        return hasher.finalize()
    }

    /// Hashes the UTF-8 bytes of `text`.
    public static func hash(_ text: String) -> Digest {
        var hasher = SHA256()
        var copy = text
        copy.withUTF8 { hasher.update(UnsafeRawBufferPointer($0)) }
        return hasher.finalize()
    }

    /// Feeds more message bytes.
    public mutating func update(_ data: Data) {
        data.withUnsafeBytes { update($0) }
    }

    /// Feeds more message bytes from a raw buffer (no copy for whole blocks).
    public mutating func update(_ bytes: UnsafeRawBufferPointer) {
        guard bytes.count > 0, let base = bytes.baseAddress else { return }
        length &+= UInt64(bytes.count)
        var offset = 0
        if !pending.isEmpty {
            let take = min(64 - pending.count, bytes.count)
            pending.append(contentsOf: UnsafeRawBufferPointer(start: base, count: take))
            offset = take
            if pending.count < 64 { return }
            pending.withUnsafeBytes { compress(blocks: $0.baseAddress!, count: 1) }
            pending.removeAll(keepingCapacity: true)
        }
        let blocks = (bytes.count - offset) / 64
        if blocks > 0 {
            compress(blocks: base + offset, count: blocks)
            offset += blocks * 64
        }
        if offset < bytes.count {
            pending.append(contentsOf: UnsafeRawBufferPointer(start: base + offset, count: bytes.count - offset))
        }
    }

    /// Pads the message and returns the digest. The hasher should not be used afterwards.
    public mutating func finalize() -> Digest {
        let bitLength = length &* 8
        var tail = pending
        tail.append(0x80)
        while tail.count % 64 != 56 { tail.append(0) }
        for shift in stride(from: 56, through: 0, by: -8) {
            tail.append(UInt8(truncatingIfNeeded: bitLength >> UInt64(shift)))
        }
        tail.withUnsafeBytes { compress(blocks: $0.baseAddress!, count: tail.count / 64) }
        pending.removeAll()
        var out = [UInt8]()
        out.reserveCapacity(32)
        for word in [state.0, state.1, state.2, state.3, state.4, state.5, state.6, state.7] {
            out.append(UInt8(truncatingIfNeeded: word >> 24))
            out.append(UInt8(truncatingIfNeeded: word >> 16))
            out.append(UInt8(truncatingIfNeeded: word >> 8))
            out.append(UInt8(truncatingIfNeeded: word))
        }
        return Digest(bytes: out)
    }
}

extension SHA256 {
    /// A 32-byte SHA-256 digest with the encodings ssbuild needs.
    ///
    /// ```swift
    /// let d = SHA256.hash(Data())
    /// d.hex.prefix(8)   // "e3b0c442"
    /// ```
    public struct Digest: Sendable, Hashable, CustomStringConvertible {
        /// The 32 digest bytes.
        public let bytes: [UInt8]

        /// Lowercase hexadecimal, 64 characters.
        public var hex: String {
            let digits = Array("0123456789abcdef".utf8)
            var out = [UInt8]()
            out.reserveCapacity(bytes.count * 2)
            for byte in bytes {
                out.append(digits[Int(byte >> 4)])
                out.append(digits[Int(byte & 0x0f)])
            }
            return String(decoding: out, as: UTF8.self)
        }

        /// Standard base64 with padding, as used by Subresource Integrity.
        public var base64: String { Data(bytes).base64EncodedString() }

        public var description: String { hex }
    }
}
