#if canImport(HummingbirdTLS)
import Foundation
import Hummingbird
import HummingbirdWebSocket
import Logging
import NIOCore
import NIOSSL
import SSActions
import Testing

@testable import SSRuntime

/// A self-signed certificate for 127.0.0.1 and localhost, made by openssl for one test.
private struct TestCertificate {
    let directory: URL
    var certificate: String { directory.appendingPathComponent("cert.pem").path }
    var key: String { directory.appendingPathComponent("key.pem").path }
    var tls: RuntimeTLSConfiguration { RuntimeTLSConfiguration(certificatePath: certificate, privateKeyPath: key) }

    static func make(name: String = "cert") throws -> TestCertificate {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("ss-tls-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        let made = TestCertificate(directory: dir)
        let status = try runOpenSSL([
            "req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes",
            "-keyout", made.key, "-out", made.certificate, "-days", "1", "-subj", "/CN=localhost",
            "-addext", "subjectAltName=IP:127.0.0.1,DNS:localhost",
        ])
        guard status == 0 else { throw RuntimeTLSError("openssl exited with \(status)") }
        return made
    }

    /// A client that trusts exactly this certificate (no public roots).
    func client() throws -> RawSocket.ClientTLS {
        var config = TLSConfiguration.makeClientConfiguration()
        config.trustRoots = .certificates(try NIOSSLCertificate.fromPEMFile(certificate))
        config.certificateVerification = .fullVerification
        let context = try NIOSSLContext(configuration: config)
        return { try NIOSSLClientHandler(context: context, serverHostname: "localhost") }
    }

    func remove() { try? FileManager.default.removeItem(at: directory) }
}

private let openSSLPath = ["/usr/bin/openssl", "/usr/local/bin/openssl"].first {
    FileManager.default.isExecutableFile(atPath: $0)
}

private func runOpenSSL(_ arguments: [String]) throws -> Int32 {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: openSSLPath ?? "/usr/bin/openssl")
    process.arguments = arguments
    process.standardOutput = FileHandle.nullDevice
    process.standardError = FileHandle.nullDevice
    try process.run()
    process.waitUntilExit()
    return process.terminationStatus
}

/// HTTPS and WSS through `runtime.server(router:tls:)` with a certificate made at test start,
/// the HTTP->HTTPS redirect listener, and clear errors for unusable files.
@Suite(.enabled(if: openSSLPath != nil, "needs openssl"), .timeLimit(.minutes(1)))
struct TLSTests {
    @Test func webSocketAndHTTPAPIWorkOverTLS() async throws {
        let cert = try TestCertificate.make()
        defer { cert.remove() }
        let client = try cert.client()
        let runtime = Runtime(configuration: testConfiguration(), actions: testRegistry())
        let portBox = PortBox()
        let app = try runtimeTestApplication(runtime, context: BasicWebSocketRequestContext.self, portBox: portBox) {
            runtime, router in try runtime.server(router: router, tls: cert.tls)
        }
        let running = Task { try await app.runService(gracefulShutdownSignals: []) }
        defer { running.cancel() }
        let port = await portBox.wait()
        do {
            let ws = try await TestWebSocket.connect(port: port, tls: client)
            defer { ws.close() }
            #expect(try await ws.next(type: "init")["type"] == "init")
            #expect(try await ws.call("app.square", [12])["result"] == 144)
            let cookie = try #require(ws.handshake.header("Set-Cookie"))
            #expect(cookie.contains("; Secure"), "the session cookie is Secure over TLS")

            let api = try await testHTTP(port: port, "GET", "/api/app/square?3", tls: client)
            #expect(api.status == 200)
            #expect(api.body == "9")

            // Plain HTTP on the TLS port gets no answer a client could take for HTTP.
            let plain = try? await testHTTP(port: port, "GET", "/api/app/square?3")
            #expect(plain?.status != 200)
            // A client that does not trust the certificate cannot connect.
            var strict = TLSConfiguration.makeClientConfiguration()
            strict.trustRoots = .certificates([])
            let strictContext = try NIOSSLContext(configuration: strict)
            let untrusted: RawSocket.ClientTLS = {
                try NIOSSLClientHandler(context: strictContext, serverHostname: "localhost")
            }
            await #expect(throws: (any Error).self) {
                _ = try await TestWebSocket.connect(port: port, tls: untrusted)
            }
        }
        await runtime.shutdown()
    }

    @Test func theRedirectPortSendsClientsToHTTPS() async throws {
        let portBox = PortBox()
        var logger = Logger(label: "test")
        logger.logLevel = .critical
        let app = HTTPSRedirect.application(
            host: "127.0.0.1", port: 0, httpsPort: 8443, logger: logger,
            onServerRunning: { channel in await portBox.set(channel.localAddress?.port ?? 0) })
        let running = Task { try await app.runService(gracefulShutdownSignals: []) }
        defer { running.cancel() }
        let port = await portBox.wait()
        let get = try await testHTTP(port: port, "GET", "/api/app/square?3")
        #expect(get.status == 301)
        #expect(get.header("Location") == "https://127.0.0.1:8443/api/app/square?3")
        let post = try await testHTTP(port: port, "POST", "/api/app/add", body: "[1,2]")
        #expect(post.status == 308, "the method and body are kept")
        #expect(post.header("Location") == "https://127.0.0.1:8443/api/app/add")
    }

    @Test func redirectTargets() {
        func target(_ host: String?, _ path: String, https: Int = 443) -> String? {
            let head = HTTPRequest(method: .get, scheme: nil, authority: host, path: path)
            return HTTPSRedirect.location(for: Request(head: head, body: .init(buffer: ByteBuffer())), httpsPort: https)
        }
        #expect(target("example.com", "/a?b=1") == "https://example.com/a?b=1")
        #expect(target("example.com:8080", "/", https: 8443) == "https://example.com:8443/")
        #expect(target("[::1]:80", "/x") == "https://[::1]/x")
        #expect(target(nil, "/") == nil)
        #expect(target("evil.com/@x", "/") == nil)
    }

    @Test func unusableFilesGiveClearErrors() throws {
        let cert = try TestCertificate.make()
        let other = try TestCertificate.make()
        defer {
            cert.remove()
            other.remove()
        }
        try cert.tls.validate()
        let missing = RuntimeTLSConfiguration(certificatePath: "/nonexistent/cert.pem", privateKeyPath: cert.key)
        #expect(throws: RuntimeTLSError.self) { try missing.validate() }
        do {
            try missing.validate()
        } catch {
            #expect("\(error)".contains("/nonexistent/cert.pem"))
        }
        let mismatched = RuntimeTLSConfiguration(certificatePath: cert.certificate, privateKeyPath: other.key)
        do {
            try mismatched.validate()
            Issue.record("a key of another certificate was accepted")
        } catch {
            #expect("\(error)".contains("does not fit"), "\(error)")
        }
        let keyAsCert = RuntimeTLSConfiguration(certificatePath: cert.key, privateKeyPath: cert.key)
        #expect(throws: RuntimeTLSError.self) { try keyAsCert.validate() }
    }
}
#endif
