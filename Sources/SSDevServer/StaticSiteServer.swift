import Foundation
import Hummingbird
import HummingbirdCore
import HummingbirdWebSocket
import NIOCore
import SSBuild
import Logging
import ServiceLifecycle
import SSRuntime

/// Serves a built `public/` folder: fingerprinted assets with long-lived caching and
/// their precompressed `.br`/`.gz` twins, everything else revalidated, and the page
/// for pushState routes. `ssbuild serve` runs it (the runtime joins it later).
public struct StaticSiteServer: Sendable {
    public let publicDir: String
    public let host: String
    public let port: Int
    /// The real-time runtime served on the same port, if any.
    public let runtime: Runtime?

    /// HTTPS with this certificate and key (nil: plain HTTP).
    public var tls: RuntimeTLSConfiguration?
    /// A plain-HTTP port that redirects every request to HTTPS (with `tls`).
    public var redirectPort: Int?
    /// How long SIGTERM waits for running calls before the process exits.
    public var drainTimeout: Duration = .seconds(10)

    public init(publicDir: String, host: String, port: Int, runtime: Runtime? = nil) {
        self.publicDir = (publicDir as NSString).standardizingPath
        self.host = host
        self.port = port
        self.runtime = runtime
    }

    /// Runs until cancelled; `onListening` gets the bound port (useful with port 0).
    public func run(onListening: @escaping @Sendable (Int) -> Void) async throws {
        let router = Router(context: RuntimeRequestContext.self)
        let site = self
        runtime?.register(on: router)
        router.get("/") { request, _ in site.respond(to: request) }
        router.get("**") { request, _ in site.respond(to: request) }
        let boundPort = Locked<Int?>(nil)
        let server: HTTPServerBuilder
        if let runtime {
            if let tls { try tls.validate() }
            server = try runtime.server(router: router, tls: tls)
        } else {
            server = .http1WebSocketUpgrade(webSocketRouter: router)
        }
        let app = Application(
            router: router, server: server,
            configuration: .init(
                address: .hostname(host, port: port), serverName: "ssbuild",
                availableConnectionsDelegate: OpenFileLimit.serverConnectionGate()),
            onServerRunning: { channel in
                let bound = channel.localAddress?.port ?? site.port
                boundPort.withLock { $0 = bound }
                onListening(bound)
            }
        )
        var services: [any Service] = [app]
        if let redirectPort, tls != nil {
            services.append(RedirectToBoundPort(host: host, port: redirectPort, httpsPort: boundPort))
        }
        // Last, so it is the first to hear SIGTERM (a group stops services in reverse order):
        // pages are told to reconnect elsewhere and calls drain before the listener closes.
        if let runtime { services.append(RuntimeDrain(runtime: runtime, timeout: drainTimeout)) }
        var logger = Logger(label: "ssbuild")
        logger.logLevel = .notice
        let group = ServiceGroup(configuration: .init(
            services: services, gracefulShutdownSignals: [.sigterm, .sigint], logger: logger))
        try await group.run()
    }

    func respond(to request: Request) -> Response {
        let root = publicDir
        let resolver = StaticPathResolver { relative in
            var isDirectory: ObjCBool = false
            guard FileManager.default.fileExists(atPath: root + "/" + relative, isDirectory: &isDirectory) else {
                return nil
            }
            return isDirectory.boolValue ? .directory : .file
        }
        switch resolver.resolve(request.uri.path) {
        case .file(let relative): return serveFile(relative, request: request, revalidate: false)
        case .page(let relative): return serveFile(relative, request: request, revalidate: true)
        case .notFound: return plain(.notFound, "Not Found\n")
        case .forbidden: return plain(.forbidden, "Forbidden\n")
        }
    }

    private func serveFile(_ relative: String, request: Request, revalidate: Bool) -> Response {
        let full = publicDir + "/" + relative
        // A symlink inside public/ must not lead outside it.
        let real = (full as NSString).resolvingSymlinksInPath
        let realRoot = (publicDir as NSString).resolvingSymlinksInPath
        guard real == realRoot || real.hasPrefix(realRoot + "/") else { return plain(.forbidden, "Forbidden\n") }

        let fm = FileManager.default
        var available = Set<ContentNegotiation.Encoding>()
        for encoding in ContentNegotiation.Encoding.allCases where fm.fileExists(atPath: full + encoding.fileSuffix) {
            available.insert(encoding)
        }
        let encoding = ContentNegotiation.choose(
            acceptEncoding: request.headers[.acceptEncoding], available: available)
        guard let data = fm.contents(atPath: full + (encoding?.fileSuffix ?? "")) else {
            return plain(.notFound, "Not Found\n")
        }
        let hashed = relative.hasPrefix("assets/") && ContentHash.looksHashed((relative as NSString).lastPathComponent)
        let etag = "\"" + ContentHash.fingerprint(data) + "\""
        var headers: HTTPFields = [
            .contentType: MediaTypes.contentType(forExtension: (relative as NSString).pathExtension),
            .eTag: etag,
            .cacheControl: hashed && !revalidate ? "public, max-age=31536000, immutable" : "no-cache",
        ]
        if !available.isEmpty { headers[.vary] = "Accept-Encoding" }
        if let encoding { headers[.contentEncoding] = encoding.rawValue }
        if let match = request.headers[.ifNoneMatch], match == etag {
            return Response(status: .notModified, headers: headers)
        }
        return Response(status: .ok, headers: headers, body: .init(byteBuffer: ByteBuffer(bytes: data)))
    }

    private func plain(_ status: HTTPResponse.Status, _ text: String) -> Response {
        Response(status: status, headers: [.contentType: "text/plain; charset=utf-8"],
                 body: .init(byteBuffer: ByteBuffer(string: text)))
    }
}

/// Drains the runtime when the service group shuts down (SIGTERM): tells pages to reconnect
/// elsewhere, lets running calls finish up to `timeout`, then lets the listener close.
struct RuntimeDrain: Service {
    let runtime: Runtime
    let timeout: Duration

    func run() async throws {
        try? await gracefulShutdown()
        let report = await runtime.shutdown(drainTimeout: timeout)
        FileHandle.standardError.write(Data(
            "ssbuild: drained \(report.callsInFlight) call(s) in \(report.duration), \(report.callsCutOff) cut off; \(report.connectionsNotified) connection(s) told to reconnect\n".utf8))
    }
}

/// The HTTP->HTTPS redirect listener, started once the HTTPS port is bound (with
/// `--port 0` it is only known then).
struct RedirectToBoundPort: Service {
    let host: String
    let port: Int
    let httpsPort: Locked<Int?>

    func run() async throws {
        var bound: Int?
        while bound == nil {
            bound = httpsPort.withLock { $0 }
            if bound == nil { try await Task.sleep(for: .milliseconds(10)) }
        }
        guard let bound else { return }
        try await HTTPSRedirect.application(host: host, port: port, httpsPort: bound).run()
    }
}
