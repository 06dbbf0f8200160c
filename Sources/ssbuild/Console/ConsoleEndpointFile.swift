import Foundation
import SSActions

/// Where a running `ssbuild watch`/`serve` can be reached: the `.ssbuild/console.json`
/// it writes in the app root once listening (`{"port": P, "token": T}`, mode 0600).
///
///     let endpoint = try ConsoleEndpointFile.load(root: "/apps/chat")
///     endpoint.url   // "ws://127.0.0.1:3000/_ss/console?token=..."
struct ConsoleEndpointFile: Equatable, Sendable {
    var port: Int
    var token: String
    var host = "127.0.0.1"

    static func path(root: String) -> String { root + "/.ssbuild/console.json" }

    /// The history file beside it.
    static func historyPath(root: String) -> String { root + "/.ssbuild/console_history" }

    static func load(root: String) throws(ConsoleConnectionError) -> ConsoleEndpointFile {
        let path = path(root: root)
        guard let data = FileManager.default.contents(atPath: path) else {
            throw .noServer(root: root)
        }
        return try parse(String(decoding: data, as: UTF8.self), path: path)
    }

    static func parse(_ text: String, path: String) throws(ConsoleConnectionError) -> ConsoleEndpointFile {
        guard let json = try? JSONValue(parsing: text) else {
            throw .badEndpointFile(path: path, reason: "not JSON")
        }
        guard let port = json["port"]?.doubleValue, port >= 1, port <= 65535, port == port.rounded() else {
            throw .badEndpointFile(path: path, reason: "no valid \"port\"")
        }
        guard let token = json["token"]?.stringValue, !token.isEmpty else {
            throw .badEndpointFile(path: path, reason: "no \"token\"")
        }
        return ConsoleEndpointFile(port: Int(port), token: token)
    }

    /// The endpoint's path with the token.
    var path: String {
        let allowed = CharacterSet.alphanumerics.union(CharacterSet(charactersIn: "-._~"))
        let escaped = token.addingPercentEncoding(withAllowedCharacters: allowed) ?? token
        return "/_ss/console?token=\(escaped)"
    }

    var url: String { "ws://\(host):\(port)\(path)" }
}
