import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdWebSocket
import SSActions

/// The attach point of `ssbuild console`: a WebSocket at `/_ss/console?token=...`, enabled
/// when `RuntimeConfiguration.consoleToken` is set (the host writes the token to a file
/// only the user can read, e.g. with `ConsoleToken.write(_:port:to:)`). Browsers cannot use
/// it: requests with an `Origin` header are refused.
///
/// Messages (one JSON object per text frame; every request gets one `reply`):
///
///     {"type":"call","id":1,"method":"app.square","params":[25],"user":"ann"}   -> result
///     {"type":"publish","id":2,"target":"broadcast","event":"flash","payload":{"m":"hi"}}
///     {"type":"publish","id":3,"target":"user","to":["ann"],"event":"note","payload":"x"}
///     {"type":"publish","id":4,"target":"channel","to":["kids"],"event":"e","payload":1}
///     {"type":"online","id":5}                                                  -> ["ann"]
///     {"type":"tree","id":6}                                                    -> API tree
extension Runtime {
    func registerConsole<Context: RequestContext & WebSocketRequestContext>(on router: Router<Context>) {
        guard let token = configuration.consoleToken, !token.isEmpty else { return }
        router.ws(
            RouterPath("/_ss/console"),
            shouldUpgrade: { request, _ in
                guard request.headers[.origin] == nil else { throw HTTPError(.forbidden, message: "not for browsers") }
                let given = request.uri.queryParameters["token"].map(String.init) ?? ""
                guard ConsoleToken.equal(given, token) else { throw HTTPError(.unauthorized, message: "bad token") }
                return .upgrade([:])
            },
            onUpgrade: { [self] inbound, outbound, _ in
                for try await message in inbound.messages(maxSize: configuration.maxMessageSize) {
                    guard case .text(let text) = message else { continue }
                    let reply = await consoleReply(to: text)
                    try await outbound.write(.text(reply))
                }
            })
    }

    func consoleReply(to text: String) async -> String {
        guard let m = try? JSONParser.parse(text), case .string(let type)? = m["type"] else {
            return ServerFrame.error(WireError(.badMessage, "malformed console message")).text
        }
        let id = m["id"] ?? .null
        func reply(_ result: Result<RawJSON, WireError>) -> String {
            switch result {
            case .success(let raw): return ServerFrame.result(id: id, result: raw).text
            case .failure(let e): return ServerFrame.failure(id: id, error: e).text
            }
        }
        switch type {
        case "call":
            guard case .string(let method)? = m["method"] else {
                return reply(.failure(WireError(.badMessage, "no method")))
            }
            let backend = TransientSessionBackend(runtime: self)
            let session = ActionSession(id: "console", userId: m["user"]?.stringValue, backend: backend)
            let params: [JSONValue]
            switch m["params"] {
            case .array(let items)?: params = items
            case nil, .null?: params = []
            case let v?: params = [v]
            }
            return reply(
                await perform(
                    method: method, arguments: ActionArguments(params), session: session, backend: backend,
                    connection: 0,
                    transport: .test, ip: "console", origin: nil, silent: false))
        case "publish":
            let to = m["to"]?.arrayValue?.compactMap(\.stringValue) ?? []
            let target: PublishTarget
            switch m["target"]?.stringValue {
            case "broadcast": target = .broadcast
            case "user", "users": target = .users(to)
            case "channel", "channels": target = .channels(to)
            default: return reply(.failure(WireError(.badParams, "target must be broadcast, user or channel")))
            }
            do {
                try await publish.send(
                    PublishMessage(
                        target: target, event: m["event"]?.stringValue ?? "",
                        payload: RawJSON(encoding: m["payload"] ?? .null)))
                return reply(.success(RawJSON(unchecked: "true")))
            } catch let e as ActionError {
                return reply(.failure(WireError(e.code, e.message)))
            } catch {
                return reply(.failure(WireError(.internal, String(describing: error))))
            }
        case "online":
            let users = (try? await usersOnline()) ?? []
            return reply(.success(RawJSON(unchecked: JSONValue.array(users.map(JSONValue.string)).jsonText)))
        case "tree":
            return reply(.success(RawJSON(unchecked: currentAPITree.jsonText)))
        default:
            return reply(.failure(WireError(.badMessage, "unknown console message type '\(type)'")))
        }
    }
}

/// The console's shared secret.
public enum ConsoleToken {
    /// 32 characters from the CSPRNG.
    public static func generate() -> String { SessionID.generate() }

    /// Writes `{"port": P, "token": T}` to `path` readable by the owner only (0600).
    public static func write(_ token: String, port: Int, to path: String) throws {
        let text = JSONValue.object(["port": .number(Double(port)), "token": .string(token)]).jsonText
        FileManager.default.createFile(atPath: path, contents: nil, attributes: [.posixPermissions: 0o600])
        try Data(text.utf8).write(to: URL(fileURLWithPath: path))
        try FileManager.default.setAttributes([.posixPermissions: 0o600], ofItemAtPath: path)
    }

    /// Constant-time comparison.
    static func equal(_ a: String, _ b: String) -> Bool {
        let x = Array(a.utf8)
        let y = Array(b.utf8)
        guard x.count == y.count else { return false }
        var diff: UInt8 = 0
        for i in 0..<x.count { diff |= x[i] ^ y[i] }
        return diff == 0
    }
}
