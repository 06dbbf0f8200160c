#if canImport(CHiredis)
import CHiredis

// Every hiredis call of the project lives in this file, so a move to hiredis 1.x (Debian 13:
// `redisFormatCommandArgv` returns `long long`, `redisReply` gains fields) touches one place.
// hiredis is used only as the RESP formatter and parser; the sockets belong to SwiftNIO.

/// RESP command formatting through `redisFormatCommandArgv` (binary-safe).
///
///     RESPFormatter.format([Array("PING".utf8)]) { bytes in buffer.writeBytes(bytes) }
enum RESPFormatter {
    /// Formats one command and hands the wire bytes to `body` (valid only during the call).
    static func format(_ args: [[UInt8]], _ body: (UnsafeRawBufferPointer) -> Void) {
        // One contiguous copy of every argument so all argv pointers are valid at once.
        var storage = [UInt8]()
        storage.reserveCapacity(args.reduce(0) { $0 + $1.count } + 1)
        var offsets = [Int]()
        var lengths = [Int]()
        for a in args {
            offsets.append(storage.count)
            lengths.append(a.count)
            storage.append(contentsOf: a)
        }
        storage.append(0)  // keeps the base pointer non-nil when every argument is empty
        storage.withUnsafeBufferPointer { raw in
            let base = UnsafeRawPointer(raw.baseAddress!).assumingMemoryBound(to: CChar.self)
            var argv: [UnsafePointer<CChar>?] = offsets.map { base + $0 }
            var out: UnsafeMutablePointer<CChar>? = nil
            let n = argv.withUnsafeMutableBufferPointer { argvPtr in
                lengths.withUnsafeBufferPointer { lens in
                    redisFormatCommandArgv(&out, Int32(args.count), argvPtr.baseAddress, lens.baseAddress)
                }
            }
            guard n > 0, let out else { return }
            // The buffer is malloc'd by hiredis and must go back through redisFreeCommand.
            defer { redisFreeCommand(out) }
            body(UnsafeRawBufferPointer(start: out, count: Int(n)))
        }
    }
}

/// A streaming RESP2 parser over hiredis's `redisReader`. Feed bytes as they arrive, then
/// call `next()` until it returns nil: one read may hold zero, one or many replies.
/// After an error the reader is unusable; make a new one with the new connection.
/// Not thread-safe: touch it only from one event loop.
///
///     let reader = RESPReader()
///     try reader.feed(bytes)
///     while let reply = try reader.next() { handle(reply) }
final class RESPReader {
    private let reader: UnsafeMutablePointer<redisReader>

    init() {
        // redisReaderCreate only fails when out of memory.
        reader = redisReaderCreate()!
    }

    deinit {
        // Also frees a reply still half-built inside the reader.
        redisReaderFree(reader)
    }

    /// Appends bytes (hiredis copies them).
    func feed(_ bytes: UnsafeRawBufferPointer) throws(RedisError) {
        guard let base = bytes.baseAddress, bytes.count > 0 else { return }
        let rc = redisReaderFeed(reader, base.assumingMemoryBound(to: CChar.self), bytes.count)
        if rc != REDIS_OK { throw RedisError.protocolError(errorText) }
    }

    /// The next complete reply, or nil when more bytes are needed.
    func next() throws(RedisError) -> RESPValue? {
        var raw: UnsafeMutableRawPointer? = nil
        let rc = redisReaderGetReply(reader, &raw)
        if rc != REDIS_OK { throw RedisError.protocolError(errorText) }
        guard let raw else { return nil }
        let reply = raw.assumingMemoryBound(to: redisReply.self)
        // The caller owns the whole tree: copy it, then free the top level exactly once.
        defer { freeReplyObject(raw) }
        return Self.copy(reply)
    }

    private var errorText: String {
        withUnsafeBytes(of: reader.pointee.errstr) { bytes in
            let end = bytes.firstIndex(of: 0) ?? bytes.count
            return String(decoding: bytes[..<end], as: UTF8.self)
        }
    }

    private static func copy(_ r: UnsafeMutablePointer<redisReply>) -> RESPValue {
        let reply = r.pointee
        switch reply.type {
        case REDIS_REPLY_STRING: return .bulk(bytes(reply.str, reply.len))
        case REDIS_REPLY_STATUS: return .status(String(decoding: bytes(reply.str, reply.len), as: UTF8.self))
        case REDIS_REPLY_ERROR: return .error(String(decoding: bytes(reply.str, reply.len), as: UTF8.self))
        case REDIS_REPLY_INTEGER: return .integer(Int64(reply.integer))
        case REDIS_REPLY_ARRAY:
            var items = [RESPValue]()
            items.reserveCapacity(reply.elements)
            for i in 0..<reply.elements {
                if let e = reply.element[i] { items.append(copy(e)) } else { items.append(.null) }
            }
            return .array(items)
        default: return .null
        }
    }

    /// Copies with the length, never as a C string: bulk strings may hold NUL bytes.
    private static func bytes(_ p: UnsafeMutablePointer<CChar>?, _ n: Int) -> [UInt8] {
        guard let p, n > 0 else { return [] }
        return Array(UnsafeRawBufferPointer(start: p, count: n))
    }
}
#endif
