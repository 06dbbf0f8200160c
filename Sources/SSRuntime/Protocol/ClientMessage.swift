import SSActions

/// A decoded browser-to-server message (docs/protocol.md, "Client messages").
enum ClientMessage: Equatable, Sendable {
    /// An RPC call. `id` is echoed verbatim in the reply; `key` is its canonical text, used
    /// for de-duplication.
    case call(CallRequest)
    /// Application heartbeat; answered with `pong`.
    case ping

    /// Why a frame could not be decoded; becomes a `bad_message` error (or a `bad_params`
    /// reply when the id is known).
    struct DecodeError: Error, Equatable {
        var message: String
        /// Set when the frame was a call with a usable id, so the error can be a reply.
        var callId: JSONValue?
    }

    static func decode(_ text: String) throws(DecodeError) -> ClientMessage {
        let value: JSONValue
        do {
            value = try JSONParser.parse(text)
        } catch {
            throw DecodeError(message: "malformed JSON: \(error)")
        }
        guard case .object(let fields) = value else { throw DecodeError(message: "a message must be a JSON object") }
        guard case .string(let type)? = fields["type"] else { throw DecodeError(message: "missing message type") }
        switch type {
        case "ping":
            return .ping
        case "call":
            guard let id = fields["id"], CallRequest.isValidId(id) else {
                throw DecodeError(message: "a call needs an id (a string of 1-64 characters or an integer)")
            }
            guard case .string(let method)? = fields["method"], !method.isEmpty else {
                throw DecodeError(message: "a call needs a method name", callId: id)
            }
            let params: [JSONValue]
            switch fields["params"] {
            case nil, .null?: params = []
            case .array(let items)?: params = items
            case let other?: params = [other]
            }
            let silent = fields["silent"] == .bool(true)
            return .call(CallRequest(id: id, method: method, params: params, silent: silent))
        default:
            throw DecodeError(message: "unknown message type '\(type.prefix(40))'")
        }
    }
}

/// One RPC call as received.
struct CallRequest: Equatable, Sendable {
    let id: JSONValue
    var method: String
    var params: [JSONValue]
    var silent: Bool
    /// The id's canonical text, the key for de-duplication and in-flight tracking. Made
    /// once: a call's path asks for it several times.
    let key: String

    init(id: JSONValue, method: String, params: [JSONValue], silent: Bool) {
        self.id = id
        self.method = method
        self.params = params
        self.silent = silent
        key = id.jsonText
    }

    static func isValidId(_ id: JSONValue) -> Bool {
        switch id {
        case .string(let s): return !s.isEmpty && s.utf8.count <= 64
        case .number(let d): return d == d.rounded() && abs(d) < 9.007_199_254_740_992e15
        default: return false
        }
    }
}
