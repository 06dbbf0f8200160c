import Foundation
import SSActions

@testable import SSRuntime

/// Reads everything a `TestWebSocket` receives on a background task, so a test can send on
/// other sockets and then wait, with a time limit, for what arrived here. Only the inbox
/// reads the socket once it exists (sending on it is fine).
///
///     let inbox = WebSocketInbox(ws)
///     try await other.call("app.tell", ["ann", "hi"])
///     #expect(await inbox.wait { $0.contains { $0["name"] == "note" } })
final class WebSocketInbox: Sendable {
    private struct State {
        var messages: [JSONValue] = []
        var closeCode: UInt16?
        var closed = false
    }

    private let state = Locked(State())
    private let task: Task<Void, Never>

    init(_ ws: TestWebSocket) {
        let state = self.state
        task = Task {
            while !Task.isCancelled {
                do {
                    let frame = try await ws.nextFrame(timeout: .seconds(1))
                    switch frame.opcode {
                    case 1:
                        if let m = try? JSONValue(parsing: frame.text) { state.withLock { $0.messages.append(m) } }
                    case 8:
                        state.withLock {
                            $0.closeCode = frame.closeCode
                            $0.closed = true
                        }
                        return
                    default:
                        continue
                    }
                } catch is RawSocket.ReadTimeout {
                    continue
                } catch {
                    state.withLock { $0.closed = true }
                    return
                }
            }
        }
    }

    deinit { task.cancel() }

    var messages: [JSONValue] { state.withLock { $0.messages } }
    /// The `event` messages with this name.
    func events(_ name: String) -> [JSONValue] {
        messages.filter { $0["type"] == "event" && $0["name"] == .string(name) }
    }
    /// The code of the server's close frame, once one arrived.
    var closeCode: UInt16? { state.withLock { $0.closeCode } }
    /// Whether the server closed the socket (close frame or EOF).
    var isClosed: Bool { state.withLock { $0.closed } }

    /// Polls until `condition` holds on the messages so far, or the limit passes.
    func wait(within limit: Duration = .seconds(20), until condition: ([JSONValue]) -> Bool) async -> Bool {
        let deadline = ContinuousClock.now + limit
        while ContinuousClock.now < deadline {
            if condition(messages) { return true }
            try? await Task.sleep(for: .milliseconds(2))
        }
        return condition(messages)
    }

    /// Waits for the server to close the socket; returns its close code (nil for EOF only).
    func waitClosed(within limit: Duration = .seconds(20)) async -> UInt16? {
        let deadline = ContinuousClock.now + limit
        while ContinuousClock.now < deadline, !isClosed {
            try? await Task.sleep(for: .milliseconds(5))
        }
        return closeCode
    }
}
