import CZlib
import Foundation

/// Deterministic gzip (RFC 1952) through the system zlib.
///
/// The header is written here rather than by zlib so that every byte of it is fixed:
/// no file name, modification time 0, `XFL` derived from the level only, and OS byte 255
/// ("unknown") on every platform. The body is a raw deflate stream and the trailer is the
/// CRC-32 and length. The same input, level and zlib version therefore always give the
/// same bytes, which is what a reproducible release needs.
///
/// ```swift
/// let gz = try Gzip.compress(Data("hello".utf8))
/// try Gzip.decompress(gz) == Data("hello".utf8)   // true
/// ```
public enum Gzip {
    /// A zlib failure, with zlib's return code.
    public struct Error: Swift.Error, Sendable, Equatable, CustomStringConvertible {
        public var code: Int32
        public var message: String
        public var description: String { "gzip: \(message) (zlib \(code))" }
    }

    /// Compresses `data` at `level` (1 fastest ... 9 smallest).
    public static func compress(_ data: Data, level: Int = 9) throws(Gzip.Error) -> Data {
        let level = Int32(max(1, min(9, level)))
        var stream = z_stream()
        // windowBits -15: raw deflate; memLevel 8 is zlib's default, fixed for determinism.
        let status = deflateInit2_(
            &stream, level, Z_DEFLATED, -15, 8, Z_DEFAULT_STRATEGY, zlibVersion(),
            Int32(MemoryLayout<z_stream>.size))
        guard status == Z_OK else { throw Gzip.Error(code: status, message: "deflateInit2 failed") }
        defer { deflateEnd(&stream) }

        var out = Data(capacity: data.count / 3 + 64)
        let xfl: UInt8 = level == 9 ? 2 : (level == 1 ? 4 : 0)
        out.append(contentsOf: [0x1f, 0x8b, 0x08, 0x00, 0, 0, 0, 0, xfl, 0xff])

        let bound = Int(deflateBound(&stream, uLong(data.count)))
        var body = [UInt8](repeating: 0, count: bound)
        var crc: uLong = crc32(0, nil, 0)
        let result: Int32 = data.withUnsafeBytes { input in
            body.withUnsafeMutableBytes { output in
                let inBase = input.bindMemory(to: Bytef.self).baseAddress
                stream.next_in = UnsafeMutablePointer(mutating: inBase)
                stream.avail_in = uInt(input.count)
                stream.next_out = output.bindMemory(to: Bytef.self).baseAddress
                stream.avail_out = uInt(output.count)
                crc = Gzip.crc(crc, input)
                return deflate(&stream, Z_FINISH)
            }
        }
        guard result == Z_STREAM_END else { throw Gzip.Error(code: result, message: "deflate did not finish") }
        out.append(contentsOf: body[0..<Int(stream.total_out)])
        appendLittleEndian(UInt32(truncatingIfNeeded: crc), to: &out)
        appendLittleEndian(UInt32(truncatingIfNeeded: data.count), to: &out)
        return out
    }

    /// Decompresses a gzip stream (one member). Used by tests and by the dev server to
    /// check precompressed files; not on the release hot path.
    public static func decompress(_ data: Data) throws(Gzip.Error) -> Data {
        var stream = z_stream()
        let status = inflateInit2_(&stream, 31, zlibVersion(), Int32(MemoryLayout<z_stream>.size))
        guard status == Z_OK else { throw Gzip.Error(code: status, message: "inflateInit2 failed") }
        defer { inflateEnd(&stream) }
        var out = Data()
        var chunk = [UInt8](repeating: 0, count: 64 * 1024)
        var result: Int32 = Z_OK
        data.withUnsafeBytes { input in
            stream.next_in = UnsafeMutablePointer(mutating: input.bindMemory(to: Bytef.self).baseAddress)
            stream.avail_in = uInt(input.count)
            repeat {
                let produced: Int = chunk.withUnsafeMutableBytes { output in
                    stream.next_out = output.bindMemory(to: Bytef.self).baseAddress
                    stream.avail_out = uInt(output.count)
                    result = inflate(&stream, Z_NO_FLUSH)
                    return output.count - Int(stream.avail_out)
                }
                out.append(contentsOf: chunk[0..<produced])
            } while result == Z_OK && (stream.avail_in > 0 || stream.avail_out == 0)
        }
        guard result == Z_STREAM_END else {
            throw Gzip.Error(code: result, message: "corrupt or truncated gzip data")
        }
        return out
    }

    /// CRC-32 over a buffer of any size (zlib's length argument is 32-bit).
    private static func crc(_ start: uLong, _ buffer: UnsafeRawBufferPointer) -> uLong {
        guard let base = buffer.bindMemory(to: Bytef.self).baseAddress else { return start }
        var crc = start
        var offset = 0
        while offset < buffer.count {
            let n = min(buffer.count - offset, 1 << 30)
            crc = crc32(crc, base + offset, uInt(n))
            offset += n
        }
        return crc
    }

    private static func appendLittleEndian(_ value: UInt32, to data: inout Data) {
        data.append(contentsOf: [
            UInt8(truncatingIfNeeded: value), UInt8(truncatingIfNeeded: value >> 8),
            UInt8(truncatingIfNeeded: value >> 16), UInt8(truncatingIfNeeded: value >> 24),
        ])
    }
}
