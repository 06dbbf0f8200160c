import SSActions

/// Something the console asks the server: one message of the runtime's `/_ss/console`
/// endpoint (documented in SSRuntime's `Runtime+Console.swift`), answered by one reply.
///
///     ConsoleRequest.call(method: "app.square", params: [25], user: nil).message(id: 1)
///     // {"type":"call","id":1,"method":"app.square","params":[25]}
enum ConsoleRequest: Equatable, Sendable {
    case call(method: String, params: [JSONValue], user: String?)
    case publish(target: PublishTarget, event: String, payload: JSONValue)
    case online
    case tree

    /// Who a published event goes to.
    enum PublishTarget: Equatable, Sendable {
        case broadcast
        case users([String])
        case channels([String])
    }

    /// The JSON message for the wire.
    func message(id: Int) -> JSONValue {
        var m: [String: JSONValue] = ["id": .number(Double(id))]
        switch self {
        case .call(let method, let params, let user):
            m["type"] = "call"
            m["method"] = .string(method)
            m["params"] = .array(params)
            if let user { m["user"] = .string(user) }
        case .publish(let target, let event, let payload):
            m["type"] = "publish"
            switch target {
            case .broadcast:
                m["target"] = "broadcast"
            case .users(let ids):
                m["target"] = "user"
                m["to"] = .array(ids.map(JSONValue.string))
            case .channels(let names):
                m["target"] = "channel"
                m["to"] = .array(names.map(JSONValue.string))
            }
            m["event"] = .string(event)
            m["payload"] = payload
        case .online:
            m["type"] = "online"
        case .tree:
            m["type"] = "tree"
        }
        return .object(m)
    }

    /// A call without `--as` made as the console's current user (`user NAME`).
    func defaultingUser(to user: String?) -> ConsoleRequest {
        if case .call(let method, let params, nil) = self, let user {
            return .call(method: method, params: params, user: user)
        }
        return self
    }
}

/// What one console line asks for.
enum ConsoleLine: Equatable, Sendable {
    /// A blank line: nothing to do.
    case empty
    case help
    case exit
    /// `user`: show who calls are made as.
    case showUser
    /// `user NAME` (or `user -` for nobody): make later calls as that user.
    case setUser(String?)
    case request(ConsoleRequest)
}
