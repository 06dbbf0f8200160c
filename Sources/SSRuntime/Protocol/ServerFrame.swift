import SSActions

/// A server-to-browser message (docs/protocol.md, "Server messages"). Frames are built as
/// text directly, splicing already-encoded payloads, so a broadcast payload is serialised once.
enum ServerFrame: Equatable, Sendable {
    case initial(InitInfo)
    case result(id: JSONValue, result: RawJSON)
    case failure(id: JSONValue, error: WireError)
    case event(name: String, payload: RawJSON, channel: String?)
    case error(WireError)
    case pong
    /// The server is going away: send no more calls here, reconnect within `within`.
    case reconnect(reason: String, within: Duration)

    var text: String {
        var out = ""
        switch self {
        case .initial(let info):
            out = info.text
        case .result(let id, let result):
            out.reserveCapacity(40 + result.text.utf8.count)
            out += #"{"type":"reply","id":"#
            out += id.jsonText
            out += #","result":"#
            out += result.text
            out += "}"
        case .failure(let id, let error):
            out += #"{"type":"reply","id":"#
            out += id.jsonText
            out += #","error":"#
            error.write(into: &out)
            out += "}"
        case .event(let name, let payload, let channel):
            out.reserveCapacity(48 + name.utf8.count + payload.text.utf8.count)
            out += #"{"type":"event","name":"#
            JSONValue.write(string: name, into: &out)
            out += #","payload":"#
            out += payload.text
            if let channel {
                out += #","channel":"#
                JSONValue.write(string: channel, into: &out)
            }
            out += "}"
        case .error(let error):
            out += #"{"type":"error","error":"#
            error.write(into: &out)
            out += "}"
        case .pong:
            out = #"{"type":"pong"}"#
        case .reconnect(let reason, let within):
            out += #"{"type":"reconnect","reason":"#
            JSONValue.write(string: reason, into: &out)
            out += #","within":"#
            out += String(within.milliseconds)
            out += "}"
        }
        return out
    }
}

/// The `error` object of a failed reply.
struct WireError: Equatable, Sendable {
    var code: ActionErrorCode
    var message: String
    /// Only sent in development.
    var detail: String?
    /// For `rate_limited`: when a call can succeed again (sent as `retryAfter`, in ms).
    var retryAfter: Duration?

    init(_ code: ActionErrorCode, _ message: String, detail: String? = nil, retryAfter: Duration? = nil) {
        self.code = code
        self.message = message
        self.detail = detail
        self.retryAfter = retryAfter
    }

    func write(into out: inout String) {
        out += #"{"code":"#
        JSONValue.write(string: code.rawValue, into: &out)
        out += #","message":"#
        JSONValue.write(string: message, into: &out)
        if let detail {
            out += #","detail":"#
            JSONValue.write(string: detail, into: &out)
        }
        if let retryAfter {
            out += #","retryAfter":"#
            out += String(Self.roundedUpMilliseconds(retryAfter))
        }
        out += "}"
    }

    /// Whole milliseconds, rounded up (a client that waits this long finds a token), but
    /// not past float noise: 0.9000000001 s is 900 ms.
    static func roundedUpMilliseconds(_ d: Duration) -> Int64 {
        max(0, Int64((d.seconds * 1000 - 1e-6).rounded(.up)))
    }

    var json: JSONValue {
        var o: [String: JSONValue] = ["code": .string(code.rawValue), "message": .string(message)]
        if let detail { o["detail"] = .string(detail) }
        if let retryAfter { o["retryAfter"] = .number(Double(Self.roundedUpMilliseconds(retryAfter))) }
        return .object(o)
    }
}

/// The `init` message, sent once per connection when the session is ready.
struct InitInfo: Equatable, Sendable {
    var env: String
    var api: JSONValue
    var userId: String?
    var channels: [String]
    var heartbeatInterval: Duration
    var heartbeatTimeout: Duration
    var newSession: Bool

    var text: String {
        let value: JSONValue = [
            "type": "init",
            "version": .number(Double(RuntimeInfo.protocolVersion)),
            "env": .string(env),
            "api": api,
            "user": userId.map(JSONValue.string) ?? .null,
            "channels": .array(channels.map(JSONValue.string)),
            "heartbeat": [
                "interval": .number(Double(heartbeatInterval.milliseconds)),
                "timeout": .number(Double(heartbeatTimeout.milliseconds)),
            ],
            "session": .string(newSession ? "new" : "resumed"),
        ]
        return value.jsonText
    }
}

extension Duration {
    /// Whole milliseconds (truncated).
    public var milliseconds: Int64 {
        let (s, atto) = components
        return s * 1000 + atto / 1_000_000_000_000_000
    }

    /// Seconds as a floating-point number.
    public var seconds: Double {
        let (s, atto) = components
        return Double(s) + Double(atto) / 1e18
    }
}
