import Foundation
import NIOCore
import SSActions

/// A minimal RFC 6455 client for tests, on `RawSocket`: handshake, masked frames out,
/// frames in, close codes visible.
final class TestWebSocket: @unchecked Sendable {
    struct Frame: Equatable {
        var opcode: UInt8
        var payload: [UInt8]
        var fin = true
        var text: String { String(decoding: payload, as: UTF8.self) }
        /// The close code of a close frame.
        var closeCode: UInt16? {
            guard opcode == 8, payload.count >= 2 else { return nil }
            return UInt16(payload[0]) << 8 | UInt16(payload[1])
        }
    }

    struct HandshakeResponse {
        var status: Int
        var headers: [(String, String)]
        func header(_ name: String) -> String? {
            headers.first { $0.0.lowercased() == name.lowercased() }?.1
        }
    }

    let socket: RawSocket
    let handshake: HandshakeResponse

    private init(socket: RawSocket, handshake: HandshakeResponse) {
        self.socket = socket
        self.handshake = handshake
    }

    /// Opens a WebSocket. Throws `Refused` (with the HTTP status) if the server does not
    /// switch protocols.
    static func connect(
        port: Int, path: String = "/_ss/ws", origin: String? = nil, cookie: String? = nil,
        smallReceiveBuffer: Bool = false, source: String? = nil, tls: RawSocket.ClientTLS? = nil
    ) async throws -> TestWebSocket {
        let socket = try await RawSocket.connect(
            port: port, smallReceiveBuffer: smallReceiveBuffer, source: source, tls: tls)
        var request = "GET \(path) HTTP/1.1\r\nHost: 127.0.0.1:\(port)\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
        request += "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n"
        if let origin { request += "Origin: \(origin)\r\n" }
        if let cookie { request += "Cookie: \(cookie)\r\n" }
        request += "\r\n"
        try await socket.write(request)
        let head = try await socket.read { buffer -> String? in
            guard let text = buffer.getString(at: buffer.readerIndex, length: buffer.readableBytes),
                let end = text.range(of: "\r\n\r\n")
            else { return nil }
            let headText = String(text[..<end.lowerBound])
            buffer.moveReaderIndex(forwardBy: headText.utf8.count + 4)
            return headText
        }
        let lines = head.components(separatedBy: "\r\n")
        let status = Int(lines[0].split(separator: " ")[1]) ?? 0
        let headers = lines.dropFirst().compactMap { line -> (String, String)? in
            guard let colon = line.firstIndex(of: ":") else { return nil }
            return (String(line[..<colon]), line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces))
        }
        let response = HandshakeResponse(status: status, headers: headers)
        guard status == 101 else {
            socket.close()
            throw Refused(status: status)
        }
        return TestWebSocket(socket: socket, handshake: response)
    }

    struct Refused: Error, Equatable { var status: Int }

    /// The `name=value` part of the handshake's Set-Cookie, for reconnecting with it.
    var sessionCookie: String? {
        handshake.header("Set-Cookie")?.split(separator: ";").first.map(String.init)
    }

    func send(frame opcode: UInt8, _ payload: [UInt8], fin: Bool = true) async throws {
        var bytes: [UInt8] = [(fin ? 0x80 : 0) | opcode]
        let mask: [UInt8] = [1, 2, 3, 4]
        if payload.count < 126 {
            bytes.append(0x80 | UInt8(payload.count))
        } else if payload.count <= 0xFFFF {
            bytes.append(0x80 | 126)
            bytes += [UInt8(payload.count >> 8), UInt8(payload.count & 0xFF)]
        } else {
            bytes.append(0x80 | 127)
            for shift in stride(from: 56, through: 0, by: -8) { bytes.append(UInt8((payload.count >> shift) & 0xFF)) }
        }
        bytes += mask
        for (i, b) in payload.enumerated() { bytes.append(b ^ mask[i % 4]) }
        try await socket.write(bytes)
    }

    func send(_ text: String) async throws {
        try await send(frame: 1, Array(text.utf8))
    }

    func send(_ value: JSONValue) async throws {
        try await send(value.jsonText)
    }

    /// The next frame of any kind.
    func nextFrame(timeout: Duration = .seconds(5)) async throws -> Frame {
        try await socket.read(timeout: timeout) { buffer -> Frame? in
            let start = buffer.readerIndex
            guard let b0 = buffer.getInteger(at: start, as: UInt8.self),
                let b1 = buffer.getInteger(at: start + 1, as: UInt8.self)
            else { return nil }
            var length = Int(b1 & 0x7F)
            var offset = 2
            if length == 126 {
                guard let l = buffer.getInteger(at: start + 2, as: UInt16.self) else { return nil }
                length = Int(l)
                offset = 4
            } else if length == 127 {
                guard let l = buffer.getInteger(at: start + 2, as: UInt64.self) else { return nil }
                length = Int(l)
                offset = 10
            }
            guard buffer.readableBytes >= offset + length,
                let payload = buffer.getBytes(at: start + offset, length: length)
            else { return nil }
            buffer.moveReaderIndex(forwardBy: offset + length)
            return Frame(opcode: b0 & 0x0F, payload: payload, fin: b0 & 0x80 != 0)
        }
    }

    /// The next text message as JSON, skipping pings.
    func next(timeout: Duration = .seconds(5)) async throws -> JSONValue {
        while true {
            let frame = try await nextFrame(timeout: timeout)
            switch frame.opcode {
            case 1: return try JSONValue(parsing: frame.text)
            case 9, 10: continue
            default: throw Unexpected(frame: frame)
            }
        }
    }

    /// Messages read while looking for another type, kept for later `next(type:)` calls.
    private var stash: [JSONValue] = []

    /// The next message of the given type. Messages of other types met on the way are kept
    /// for later, except pongs (an event may arrive before the reply of the call that
    /// published it).
    func next(type: String, timeout: Duration = .seconds(5)) async throws -> JSONValue {
        if let i = stash.firstIndex(where: { $0["type"] == .string(type) }) {
            return stash.remove(at: i)
        }
        while true {
            let m = try await next(timeout: timeout)
            if m["type"] == .string(type) { return m }
            if m["type"] != "pong" { stash.append(m) }
        }
    }

    /// Calls a method and waits for its reply.
    func call(_ method: String, _ params: [JSONValue] = [], id: JSONValue? = nil) async throws -> JSONValue {
        let callId = id ?? .string(UUID().uuidString.prefix(8).description)
        try await send(["type": "call", "id": callId, "method": .string(method), "params": .array(params)])
        while true {
            let m = try await next(type: "reply")
            if m["id"] == callId { return m }
        }
    }

    /// Waits for the server's close frame and returns its code.
    func closeCode(timeout: Duration = .seconds(5)) async throws -> UInt16? {
        while true {
            let f = try await nextFrame(timeout: timeout)
            if f.opcode == 8 { return f.closeCode }
        }
    }

    func close() {
        socket.close()
    }

    struct Unexpected: Error { var frame: Frame }
}
