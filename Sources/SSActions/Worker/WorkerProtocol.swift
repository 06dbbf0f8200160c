import Foundation

/// The line protocol between the runtime (host) and an app's action worker process:
/// one JSON object per line, `t` naming the message (docs/runtime.md, "Worker processes").
///
/// Host to worker: `call {n, method, args, lenient, session{id,user,attributes,channels},
/// conn, ip, origin, transport}`, `reply {n, result | error}` (to a worker `op`),
/// `disconnect {conn}`.
/// Worker to host: `hello {version, api, methods{name:{auth}}}`, `result {n, result | error}`,
/// `op {n, call, op, ...}` for session changes and publishing, and `op shared {path, args}`
/// to run `SS.shared.<path>` on the host (its `reply` carries the function's result),
/// each answered by `reply`.
public enum WorkerProtocol {
    public static let version = 1

    /// Encodes a message object as one line (no newline inside: JSON escapes them).
    public static func line(_ fields: [String: JSONValue]) -> String {
        JSONValue.object(fields).jsonText
    }

    static func errorObject(_ code: ActionErrorCode, _ message: String, detail: String? = nil) -> JSONValue {
        var o: [String: JSONValue] = ["code": .string(code.rawValue), "message": .string(message)]
        if let detail { o["detail"] = .string(detail) }
        return .object(o)
    }

    /// Reads an `error` object back into an `ActionError`.
    public static func actionError(_ value: JSONValue?) -> ActionError {
        ActionError(
            ActionErrorCode(value?["code"]?.stringValue ?? "internal"), value?["message"]?.stringValue ?? "worker error"
        )
    }

    /// The wire form of a publish target.
    public static func encode(_ target: PublishTarget) -> JSONValue {
        switch target {
        case .broadcast: return ["kind": "broadcast"]
        case .users(let ids): return ["kind": "users", "ids": .array(ids.map(JSONValue.string))]
        case .channels(let names): return ["kind": "channels", "names": .array(names.map(JSONValue.string))]
        }
    }

    public static func decodeTarget(_ value: JSONValue?) -> PublishTarget? {
        let strings = { (key: String) -> [String] in value?[key]?.arrayValue?.compactMap(\.stringValue) ?? [] }
        switch value?["kind"]?.stringValue {
        case "broadcast": return .broadcast
        case "users": return .users(strings("ids"))
        case "channels": return .channels(strings("names"))
        default: return nil
        }
    }
}
