import Foundation

/// A one-shot HTTP/1.1 client on `RawSocket` (`Connection: close`), for API tests.
struct TestHTTPResponse {
    var status: Int
    var headers: [(String, String)]
    var body: String

    func header(_ name: String) -> String? {
        headers.first { $0.0.lowercased() == name.lowercased() }?.1
    }
}

func testHTTP(
    port: Int, _ method: String, _ path: String, headers: [String: String] = [:], body: String? = nil,
    source: String? = nil, tls: RawSocket.ClientTLS? = nil
) async throws -> TestHTTPResponse {
    let socket = try await RawSocket.connect(port: port, source: source, tls: tls)
    defer { socket.close() }
    var request = "\(method) \(path) HTTP/1.1\r\nHost: 127.0.0.1:\(port)\r\nConnection: close\r\n"
    for (k, v) in headers { request += "\(k): \(v)\r\n" }
    if let body {
        request += "Content-Type: application/json\r\nContent-Length: \(body.utf8.count)\r\n"
    }
    request += "\r\n" + (body ?? "")
    try await socket.write(request)
    _ = await socket.waitForEOF()
    let raw = try await socket.read(timeout: .seconds(1)) { buffer -> String? in
        let s = buffer.readString(length: buffer.readableBytes)
        return s
    }
    guard let end = raw.range(of: "\r\n\r\n") else { return TestHTTPResponse(status: 0, headers: [], body: raw) }
    let lines = raw[..<end.lowerBound].components(separatedBy: "\r\n")
    let status = Int(lines[0].split(separator: " ")[1]) ?? 0
    let headers = lines.dropFirst().compactMap { line -> (String, String)? in
        guard let colon = line.firstIndex(of: ":") else { return nil }
        return (String(line[..<colon]), line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces))
    }
    var body = String(raw[end.upperBound...])
    if headers.contains(where: { $0.0.lowercased() == "transfer-encoding" && $0.1.lowercased() == "chunked" }) {
        body = dechunk(body)
    }
    return TestHTTPResponse(status: status, headers: headers, body: body)
}

private func dechunk(_ s: String) -> String {
    var out = ""
    var rest = Substring(s)
    while let lineEnd = rest.range(of: "\r\n") {
        guard let size = Int(rest[..<lineEnd.lowerBound], radix: 16), size > 0 else { break }
        let start = lineEnd.upperBound
        let bytes = Array(rest[start...].utf8)
        guard bytes.count >= size else { break }
        out += String(decoding: bytes[0..<size], as: UTF8.self)
        rest = Substring(String(decoding: bytes[size...], as: UTF8.self)).dropFirst(2)
    }
    return out
}
