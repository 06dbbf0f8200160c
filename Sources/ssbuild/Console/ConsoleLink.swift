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
    private var endpoint: ConsoleEndpointFile?

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
        // Read the endpoint every time: a restarted server writes a new port and token,
        // and the old socket's close may not have been noticed yet (a request sent on it
        // would be lost, though it never reached a server).
        let endpoint = try ConsoleEndpointFile.load(root: root)
        if let connection, !connection.isClosed, endpoint == self.endpoint { return connection }
        await connection?.close()
        connection = nil
        let opened = try await ConsoleConnection.open(endpoint, root: root, timeout: timeout)
        connection = opened
        self.endpoint = endpoint
        port = endpoint.port
        return opened
    }
}
