// Only when the package links HummingbirdTLS (swift-nio-ssl, BoringSSL): without it this
// file is empty and the runtime serves plain HTTP.
#if canImport(HummingbirdTLS)
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdCore
import HummingbirdTLS
import HummingbirdWebSocket
import Logging
import NIOCore
import NIOSSL

/// HTTPS for the runtime's server (the app config's `ssl` section): a PEM certificate chain
/// and its private key. The public API has no NIOSSL types, so hosts need no extra import.
///
///     let tls = RuntimeTLSConfiguration(certificatePath: "config/ssl/cert.pem",
///                                       privateKeyPath: "config/ssl/key.pem")
///     try tls.validate()                                    // clear errors at start-up
///     let app = Application(router: router, server: try runtime.server(router: router, tls: tls), ...)
public struct RuntimeTLSConfiguration: Sendable, Equatable {
    /// PEM file with the certificate, then any intermediates.
    public var certificatePath: String
    /// PEM file with the private key (unencrypted).
    public var privateKeyPath: String

    public init(certificatePath: String, privateKeyPath: String) {
        self.certificatePath = certificatePath
        self.privateKeyPath = privateKeyPath
    }

    /// Reads both files and checks that the key belongs to the certificate.
    public func validate() throws {
        _ = try NIOSSLContext(configuration: serverConfiguration())
    }

    /// TLS 1.2 and later, with the chain and key from the files.
    func serverConfiguration() throws -> TLSConfiguration {
        let chain: [NIOSSLCertificate]
        do {
            chain = try NIOSSLCertificate.fromPEMFile(certificatePath)
        } catch {
            throw RuntimeTLSError("cannot read the certificate '\(certificatePath)': \(error)")
        }
        guard !chain.isEmpty else { throw RuntimeTLSError("no PEM certificate in '\(certificatePath)'") }
        let key: NIOSSLPrivateKey
        do {
            key = try NIOSSLPrivateKey(file: privateKeyPath, format: .pem)
        } catch {
            throw RuntimeTLSError("cannot read the private key '\(privateKeyPath)': \(error)")
        }
        var configuration = TLSConfiguration.makeServerConfiguration(
            certificateChain: chain.map { .certificate($0) }, privateKey: .privateKey(key))
        configuration.minimumTLSVersion = .tlsv12
        do {
            _ = try NIOSSLContext(configuration: configuration)
        } catch {
            throw RuntimeTLSError(
                "the key '\(privateKeyPath)' does not fit the certificate '\(certificatePath)': \(error)")
        }
        return configuration
    }
}

/// A certificate or key that cannot be used; the message names the file.
public struct RuntimeTLSError: Error, CustomStringConvertible, Equatable {
    public let description: String
    init(_ description: String) { self.description = description }
}

extension Runtime {
    /// The server for `Application(router:server:)`: HTTP/1.1 with the WebSocket upgrade and
    /// the runtime's frame limits, over TLS when `tls` is set (then the session cookie is
    /// `Secure`, and browsers connect with `wss://`).
    ///
    ///     let app = Application(router: router, server: try runtime.server(router: router, tls: tls))
    public func server<Context: WebSocketRequestContext>(
        router: Router<Context>, tls: RuntimeTLSConfiguration? = nil
    ) throws -> HTTPServerBuilder {
        let plain = HTTPServerBuilder.http1WebSocketUpgrade(
            webSocketRouter: router, configuration: upgradeConfiguration)
        guard let tls else { return plain }
        tlsEnabled.withLock { $0 = true }
        return try .tls(plain, tlsConfiguration: tls.serverConfiguration())
    }
}

/// The optional plain-HTTP listener (`ssl.redirectPort`) that sends every request to the
/// same host and path over HTTPS: 301 for GET and HEAD, 308 (method kept) for the rest.
///
///     let redirect = HTTPSRedirect.application(port: 80, httpsPort: 443)
///     let group = ServiceGroup(services: [app, redirect, ...], ...)
public enum HTTPSRedirect {
    public static func application(
        host: String = "0.0.0.0", port: Int, httpsPort: Int, logger: Logger? = nil,
        onServerRunning: @escaping @Sendable (any Channel) async -> Void = { _ in }
    ) -> some ApplicationProtocol {
        let responder = CallbackResponder<BasicRequestContext> { request, _ in
            guard let target = location(for: request, httpsPort: httpsPort) else {
                return Response(status: .badRequest)
            }
            let keepsMethod = ![.get, .head].contains(request.method)
            let status: HTTPResponse.Status = keepsMethod ? .permanentRedirect : .movedPermanently
            return Response(status: status, headers: [.location: target, .contentLength: "0"])
        }
        return Application(
            responder: responder, configuration: .init(address: .hostname(host, port: port)),
            onServerRunning: onServerRunning, logger: logger)
    }

    /// `https://<host from the request>[:httpsPort]<path and query>`; nil without a usable Host.
    static func location(for request: Request, httpsPort: Int) -> String? {
        guard let authority = request.head.authority, !authority.isEmpty else { return nil }
        let host: Substring
        if authority.hasPrefix("[") {
            guard let end = authority.firstIndex(of: "]") else { return nil }
            host = authority[...end]
        } else {
            host = authority.split(separator: ":", maxSplits: 1, omittingEmptySubsequences: false)[0]
        }
        guard !host.isEmpty, !host.contains(where: { " /\\@".contains($0) }) else { return nil }
        let port = httpsPort == 443 ? "" : ":\(httpsPort)"
        let path = request.uri.description.hasPrefix("/") ? request.uri.description : "/"
        return "https://\(host)\(port)\(path)"
    }
}
#endif
