import Foundation
import Hummingbird
import HummingbirdWebSocket
import NIOCore
import SSBuild
import SSCompilers
import SSRuntime

/// `ssbuild watch`: serves the in-memory development build, public/ static files and the
/// live-reload channel, and rebuilds on every burst of file changes.
public final class DevServer: @unchecked Sendable {
    public let root: String
    public let host: String
    public let port: Int
    public let session: DevBuildSession
    /// The real-time runtime served on the same port (`/_ss/ws`, the HTTP API), if any.
    public let runtime: Runtime?
    public let hub = LiveReloadHub()
    /// Builds and supervises the app's server code (`app/server/**.swift`), if any.
    public let worker: AppWorkerController?
    /// Errors shown in the overlay: the last asset build's and the last server build's.
    private let shownErrors = Locked((assets: [Diagnostic](), server: [Diagnostic]()))
    /// Where each asset of the served build sits in its list, by logical name: a page load
    /// asks for thousands of assets, which a linear search would make quadratic.
    private let assetPositions = Locked([String: Int]())
    /// Where rebuild lines go; the default prints them.
    public var log: @Sendable (String) -> Void = { line in FileHandle.standardOutput.write(Data((line + "\n").utf8)) }

    private var watcher: InotifyWatcher?
    private var loop: WatchLoop?

    public init(root: String, host: String, port: Int, session: DevBuildSession, runtime: Runtime? = nil,
                worker: AppWorkerController? = nil) {
        self.root = (root as NSString).standardizingPath
        self.host = host
        self.port = port
        self.session = session
        self.runtime = runtime
        self.worker = worker
    }

    /// Builds, starts watching, and serves until cancelled.
    public func run(onListening: @escaping @Sendable (Int) -> Void) async throws {
        let first = session.start()
        publish(first)
        report(first)
        if let worker {
            // The page serves at once; the worker joins when its build is done.
            Task { self.publishServer(await worker.start()) }
        }

        // An edit of a file the build has read ends its burst after 0.5 ms, not the full quiet.
        let snapshot = session.builder.snapshot
        let coalescer = ChangeCoalescer(isKnown: { snapshot.isListed($0) })
        let loop = WatchLoop(coalescer: coalescer) { [weak self] changes in
            guard let self else { return }
            if let worker = self.worker, changes.contains(where: { AppWorkerController.isServerSource($0.path) }) {
                Task { self.publishServer(await worker.rebuild()) }
            }
            if let worker = self.worker, let shared = worker.sharedCodeChanged(changes.map(\.path)), !shared.isEmpty {
                // The browser build reports the same files' errors; the terminal gets the server's view.
                self.log(shared.map { $0.rendered() }.joined(separator: "\n\n"))
            }
            let rebuild = self.session.rebuild(after: changes)
            // The browser first, the terminal line after: the message is what the latency is.
            self.publish(rebuild)
            self.report(rebuild)
        }
        let watcher = try InotifyWatcher(root: root, folders: ProjectLayout.watchedRoots.filter {
            FileManager.default.fileExists(atPath: root + "/" + $0)
        }, ignore: { !DevBuildSession.isRelevant($0) })
        loop.start()
        watcher.start { changes in loop.push(changes) }
        self.loop = loop
        self.watcher = watcher
        defer {
            watcher.stop()
            loop.stop()
        }

        let router = Router(context: RuntimeRequestContext.self)
        let server = self
        router.get(RouterPath(LiveReloadClient.path)) { _, _ in
            Response(status: .ok, headers: [.contentType: "text/javascript; charset=utf-8", .cacheControl: "no-cache"],
                     body: .init(byteBuffer: ByteBuffer(string: LiveReloadClient.source)))
        }
        router.ws(RouterPath(LiveReloadClient.socketPath)) { inbound, outbound, _ in
            let (id, stream) = server.hub.subscribe()
            defer { server.hub.unsubscribe(id) }
            try await withThrowingTaskGroup(of: Void.self) { group in
                group.addTask { for await message in stream { try await outbound.writeTextMessage(message) } }
                group.addTask { for try await _ in inbound {} }
                _ = try await group.next()
                group.cancelAll()
            }
        }
        runtime?.register(on: router)
        router.get("/") { request, _ in server.respond(to: request) }
        router.get("**") { request, _ in server.respond(to: request) }
        let app = Application(
            router: router,
            server: .http1WebSocketUpgrade(webSocketRouter: router,
                                           configuration: runtime?.upgradeConfiguration ?? .init()),
            configuration: .init(
                address: .hostname(host, port: port), serverName: "ssbuild-dev",
                availableConnectionsDelegate: OpenFileLimit.serverConnectionGate()),
            onServerRunning: { channel in onListening(channel.localAddress?.port ?? server.port) }
        )
        try await app.runService(gracefulShutdownSignals: [.sigterm, .sigint])
    }

    private func report(_ rebuild: DevBuildSession.Rebuild) {
        log(rebuild.terminalLine)
        if case .errors(let diagnostics) = rebuild.update {
            log(diagnostics.map { $0.rendered() }.joined(separator: "\n\n"))
        }
    }

    /// The id of a build: it changes whenever anything the browser loads changes.
    static func buildID(_ result: BuildResult?) -> String {
        guard let result else { return "" }
        if let assets = result.assetsDigest {
            return ContentDigest.combine([result.pageDigest ?? ContentDigest(result.page ?? ""), assets]).description
        }
        var parts = [result.pageDigest ?? ContentDigest(result.page ?? "")]
        for asset in result.assets { parts.append(asset.digest) }
        return ContentDigest.combine(parts).description
    }

    private func publish(_ rebuild: DevBuildSession.Rebuild) {
        let id = Self.buildID(session.currentBuild)
        var assetErrors: [Diagnostic] = []
        if case .errors(let diagnostics) = rebuild.update { assetErrors = diagnostics }
        let serverErrors = shownErrors.withLock { shown -> [Diagnostic] in
            shown.assets = assetErrors
            return shown.server
        }
        if !serverErrors.isEmpty {
            // Server code that does not compile stays on screen whatever the assets do.
            let message = LiveReloadMessage.errors(assetErrors + serverErrors)
            hub.broadcast(message, greeting: message)
            return
        }
        switch rebuild.update {
        case .none:
            hub.broadcast(LiveReloadMessage.hello(build: id), greeting: LiveReloadMessage.hello(build: id))
        case .css(let names):
            hub.broadcast(LiveReloadMessage.css(urls: names.map { "/assets/" + $0 }, build: id),
                                greeting: LiveReloadMessage.hello(build: id))
        case .reload:
            hub.broadcast(LiveReloadMessage.reload(build: id), greeting: LiveReloadMessage.hello(build: id))
        case .errors(let diagnostics):
            let message = LiveReloadMessage.errors(diagnostics)
            hub.broadcast(message, greeting: message)
        }
    }

    /// Shows a server build's errors in the overlay, or takes them away once it builds.
    /// A good server build changes no asset, so pages stay: the runtime hands them the new
    /// API tree over their open connections.
    private func publishServer(_ diagnostics: [Diagnostic]) {
        let (assetErrors, hadServerErrors) = shownErrors.withLock { shown -> ([Diagnostic], Bool) in
            let had = !shown.server.isEmpty
            shown.server = diagnostics
            return (shown.assets, had)
        }
        if !diagnostics.isEmpty || !assetErrors.isEmpty {
            let message = LiveReloadMessage.errors(assetErrors + diagnostics)
            hub.broadcast(message, greeting: message)
        } else if hadServerErrors {
            let id = Self.buildID(session.currentBuild)
            hub.broadcast(LiveReloadMessage.hello(build: id), greeting: LiveReloadMessage.hello(build: id))
        }
    }

    // MARK: HTTP

    func respond(to request: Request) -> Response {
        let path = request.uri.path
        if path.hasPrefix("/assets/dev/") { return asset(String(path.dropFirst("/assets/".count)), request: request) }
        let publicDir = root + "/" + ProjectLayout.publicDir
        let resolver = StaticPathResolver(virtualPage: true) { relative in
            // The release's own files are not part of development.
            if relative == "index.html" || relative.hasPrefix("assets/") { return nil }
            var isDirectory: ObjCBool = false
            guard FileManager.default.fileExists(atPath: publicDir + "/" + relative, isDirectory: &isDirectory) else {
                return nil
            }
            return isDirectory.boolValue ? .directory : .file
        }
        switch resolver.resolve(path) {
        case .file(let relative):
            guard let data = FileManager.default.contents(atPath: publicDir + "/" + relative) else {
                return text(.notFound, "Not Found\n")
            }
            return bytes(data, type: MediaTypes.contentType(forExtension: (relative as NSString).pathExtension),
                         request: request)
        case .page: return page(request: request)
        case .notFound: return text(.notFound, "Not Found\n")
        case .forbidden: return text(.forbidden, "Forbidden\n")
        }
    }

    private func asset(_ logicalName: String, request: Request) -> Response {
        guard let build = session.currentBuild, let asset = Self.find(logicalName, in: build.assets, assetPositions)
        else { return text(.notFound, "Not Found\n") }
        return bytes(asset.contents, type: asset.contentType, request: request, digest: asset.digest)
    }

    /// The asset named `logicalName`. Positions stay valid across rebuilds until the list
    /// is laid out again; a lookup that misses indexes the list once more.
    static func find(_ logicalName: String, in assets: [BuiltAsset],
                     _ positions: Locked<[String: Int]>) -> BuiltAsset? {
        if let position = positions.withLock({ $0[logicalName] }), position < assets.count,
           assets[position].logicalName == logicalName {
            return assets[position]
        }
        var fresh = [String: Int](minimumCapacity: assets.count)
        for (position, asset) in assets.enumerated() where fresh[asset.logicalName] == nil {
            fresh[asset.logicalName] = position
        }
        positions.withLock { $0 = fresh }
        return fresh[logicalName].map { assets[$0] }
    }

    private func page(request: Request) -> Response {
        let build = session.currentBuild
        // The page names its build: a save that lands before the live-reload socket is
        // open is then seen in the greeting (another build), and the page reloads.
        let tag = "<script src=\"\(LiveReloadClient.path)\" data-build=\"\(Self.buildID(build))\"></script>"
        guard let html = build?.page else {
            // No good build yet: a bare page whose live-reload script shows the errors.
            let body = "<!DOCTYPE html><html><head><meta charset=\"utf-8\"><title>ssbuild</title>\(tag)</head>"
                + "<body></body></html>"
            return bytes(Data(body.utf8), type: "text/html; charset=utf-8", request: request)
        }
        var out = html
        if let head = out.range(of: "</head>") {
            out.insert(contentsOf: tag, at: head.lowerBound)
        } else {
            out = tag + out
        }
        return bytes(Data(out.utf8), type: "text/html; charset=utf-8", request: request)
    }

    /// `digest`, when known, saves hashing the body again (templates.js is megabytes).
    private func bytes(_ data: Data, type: String, request: Request, digest: ContentDigest? = nil) -> Response {
        let etag = "\"" + (digest ?? ContentDigest(data)).description + "\""
        let headers: HTTPFields = [.contentType: type, .cacheControl: "no-cache", .eTag: etag]
        if request.headers[.ifNoneMatch] == etag { return Response(status: .notModified, headers: headers) }
        return Response(status: .ok, headers: headers, body: .init(byteBuffer: ByteBuffer(bytes: data)))
    }

    private func text(_ status: HTTPResponse.Status, _ message: String) -> Response {
        Response(status: status, headers: [.contentType: "text/plain; charset=utf-8"],
                 body: .init(byteBuffer: ByteBuffer(string: message)))
    }
}
