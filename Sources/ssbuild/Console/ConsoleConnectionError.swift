/// Why the console could not reach the server or get a reply. Printed like a reply error:
/// `error <code>: <message>`.
enum ConsoleConnectionError: Error, Equatable, Sendable, CustomStringConvertible {
    /// No `.ssbuild/console.json` under the app root.
    case noServer(root: String)
    /// The endpoint file is there but unreadable or malformed.
    case badEndpointFile(path: String, reason: String)
    /// Nothing (or something else) answers on the port now: the server exited without
    /// removing its endpoint file.
    case serverGone(root: String, port: Int)
    /// The server refused the WebSocket upgrade: a wrong token, or not an ssbuild server.
    case refused(port: Int)
    /// The connection closed while the console was using it.
    case closed
    case timeout(seconds: Int)
    /// Ctrl-C while waiting for a reply.
    case interrupted
    case connectFailed(String)

    var code: String {
        switch self {
        case .noServer: "no_server"
        case .badEndpointFile: "bad_endpoint_file"
        case .serverGone: "server_gone"
        case .refused: "refused"
        case .closed: "disconnected"
        case .timeout: "timeout"
        case .interrupted: "interrupted"
        case .connectFailed: "connect_failed"
        }
    }

    var message: String {
        switch self {
        case .noServer(let root):
            "no running ssbuild watch/serve found for \(root) (start one first)"
        case .badEndpointFile(let path, let reason):
            "cannot read \(path): \(reason)"
        case .serverGone(let root, let port):
            "the server for \(root) is gone (port \(port) refused the connection); start `ssbuild watch` or "
                + "`ssbuild serve` again"
        case .refused(let port):
            "the server on port \(port) refused the console (wrong token: is .ssbuild/console.json from "
                + "another run?)"
        case .closed:
            "the server closed the connection"
        case .timeout(let seconds):
            "no reply within \(seconds) s"
        case .interrupted:
            "stopped waiting for the reply (the server may still finish the call)"
        case .connectFailed(let reason):
            "cannot connect: \(reason)"
        }
    }

    var description: String { "error \(code): \(message)" }
}
