#if canImport(CHiredis)
/// One RESP2 reply, copied out of hiredis's reply tree into Swift values.
///
///     let reply = try await client.send("GET", "ss:k")
///     let text = reply.string   // nil for a null bulk
public enum RESPValue: Sendable, Hashable {
    /// `+OK`: a status line.
    case status(String)
    /// `-ERR ...`: an error reply (inside an array; top-level errors are thrown).
    case error(String)
    case integer(Int64)
    /// A bulk string; binary-safe.
    case bulk([UInt8])
    /// `$-1` or `*-1`.
    case null
    case array([RESPValue])

    /// The text of a bulk or status reply.
    public var string: String? {
        switch self {
        case .bulk(let bytes): return String(decoding: bytes, as: UTF8.self)
        case .status(let s): return s
        default: return nil
        }
    }

    /// The integer of an integer reply, or of a bulk holding a decimal number.
    public var integer: Int64? {
        switch self {
        case .integer(let i): return i
        case .bulk: return string.flatMap { Int64($0) }
        default: return nil
        }
    }

    public var array: [RESPValue]? {
        if case .array(let items) = self { return items }
        return nil
    }

    public var isNull: Bool { self == .null }
}

/// Why a Redis call failed.
public enum RedisError: Error, Sendable, Equatable, CustomStringConvertible {
    /// No connection right now (Redis down or reconnecting); the call was not sent.
    case unavailable(String)
    /// The connection closed before the reply arrived; the command may or may not have run.
    case connectionClosed
    /// No reply within the command timeout; the connection was closed.
    case timeout
    /// The server answered with an error reply.
    case server(String)
    /// The bytes from the server were not RESP.
    case protocolError(String)
    /// A reply of an unexpected shape.
    case unexpectedReply(String)
    /// A bad `redis://` URL.
    case badURL(String)
    /// The client was shut down.
    case shutdown

    public var description: String {
        switch self {
        case .unavailable(let why): return "redis unavailable: \(why)"
        case .connectionClosed: return "redis connection closed"
        case .timeout: return "redis command timed out"
        case .server(let m): return "redis error: \(m)"
        case .protocolError(let m): return "redis protocol error: \(m)"
        case .unexpectedReply(let m): return "unexpected redis reply: \(m)"
        case .badURL(let m): return "bad redis url: \(m)"
        case .shutdown: return "redis client shut down"
        }
    }
}
extension RedisError: TransientStoreError {
    /// Redis unreachable, restarting or too slow: worth retrying later.
    public var isTransient: Bool {
        switch self {
        case .unavailable, .connectionClosed, .timeout, .shutdown: return true
        default: return false
        }
    }
}
#endif
