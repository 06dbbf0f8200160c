import SSActions

/// The console's transport for the CLI: connects on first use from the app's
/// `.ssbuild/console.json`, and after the server closed the connection (a restarted
/// `ssbuild watch` has a new port and token) connects afresh on the next request. A
/// request whose connection dies in flight is not resent: it may have run.
actor ConsoleLink: ConsoleTransport {
    let root: String
    let timeout: Duration
    private var connection: ConsoleConnection?
    private(set) var port: Int?

    init(root: String, timeout: Duration = .seconds(30)) {
        self.root = root
        self.timeout = timeout
    }

    /// Opens the connection now (so a missing server is reported before any input).
    func connect() async throws(ConsoleConnectionError) {
        _ = try await current()
    }

    func request(_ message: JSONValue) async throws(ConsoleConnectionError) -> String {
        let connection = try await current()
        do throws(ConsoleConnectionError) {
            return try await connection.request(message)
        } catch {
            if error == .closed { self.connection = nil }
            throw error
        }
    }

    /// Ctrl-C: stop waiting for the request in flight.
    func interrupt() {
        connection?.interrupt()
    }

    func close() async {
        await connection?.close()
        connection = nil
    }

    private func current() async throws(ConsoleConnectionError) -> ConsoleConnection {
        if let connection, !connection.isClosed { return connection }
        let endpoint = try ConsoleEndpointFile.load(root: root)
        let opened = try await ConsoleConnection.open(endpoint, root: root, timeout: timeout)
        connection = opened
        port = endpoint.port
        return opened
    }
}
