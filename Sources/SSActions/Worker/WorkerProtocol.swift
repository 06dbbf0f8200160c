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

    /// The `call` line, written directly: the same text as `line` gives for these fields
    /// (keys sorted), without building and sorting a dictionary per call.
    public static func callLine(
        n: Int, method: String, args: [JSONValue], lenient: Bool, sessionId: String, userId: String?,
        attributes: [String: JSONValue], channels: [String], connection: UInt64, ip: String?, origin: String?,
        transport: String
    ) -> String {
        var out = #"{"args":["#
        for (i, arg) in args.enumerated() {
            if i > 0 { out += "," }
            JSONValue.write(arg, into: &out)
        }
        out += #"],"conn":"#
        out += JSONValue.format(number: Double(connection))
        out += #","ip":"#
        writeOptional(ip, into: &out)
        out += lenient ? #","lenient":true,"method":"# : #","lenient":false,"method":"#
        JSONValue.write(string: method, into: &out)
        out += #","n":"#
        out += JSONValue.format(number: Double(n))
        out += #","origin":"#
        writeOptional(origin, into: &out)
        out += #","session":{"attributes":"#
        JSONValue.write(.object(attributes), into: &out)
        out += #","channels":["#
        for (i, channel) in channels.enumerated() {
            if i > 0 { out += "," }
            JSONValue.write(string: channel, into: &out)
        }
        out += #"],"id":"#
        JSONValue.write(string: sessionId, into: &out)
        out += #","user":"#
        writeOptional(userId, into: &out)
        out += #"},"t":"call","transport":"#
        JSONValue.write(string: transport, into: &out)
        out += "}"
        return out
    }

    /// A successful `result` line with the action's JSON text spliced in as it is (the
    /// same text `line` gives, keys sorted, for canonical JSON); nil when the text holds a
    /// line break, which would end the line early.
    public static func resultLine(n: Int, raw: RawJSON) -> String? {
        guard !raw.text.utf8.contains(0x0A), !raw.text.utf8.contains(0x0D) else { return nil }
        return #"{"n":"# + JSONValue.format(number: Double(n)) + #","result":"# + raw.text + #","t":"result"}"#
    }

    /// Reads a line made by `resultLine` back: the call number and the result's JSON text.
    /// Nil for any other line (errors, other messages), which the caller parses in full.
    public static func parseResultLine(_ line: String) -> (n: Int, result: String)? {
        let prefix = #"{"n":"#
        let suffix = #","t":"result"}"#
        guard line.hasPrefix(prefix), line.hasSuffix(suffix) else { return nil }
        let body = line.utf8.dropFirst(prefix.utf8.count).dropLast(suffix.utf8.count)
        guard let comma = body.firstIndex(of: UInt8(ascii: ",")),
            let n = Int(Substring(body[body.startIndex..<comma]))
        else { return nil }
        let marker = #","result":"#.utf8
        let rest = body[comma...]
        guard rest.starts(with: marker) else { return nil }
        let result = rest.dropFirst(marker.count)
        guard !result.isEmpty else { return nil }
        return (n, String(Substring(result)))
    }

    private static func writeOptional(_ string: String?, into out: inout String) {
        if let string {
            JSONValue.write(string: string, into: &out)
        } else {
            out += "null"
        }
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
