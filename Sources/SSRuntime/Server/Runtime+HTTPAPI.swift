import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdWebSocket
import NIOCore
import SSActions

extension Runtime {
    func registerAPI<Context: RequestContext>(on router: Router<Context>) {
        let prefix = configuration.apiPrefix.trimmingCharacters(in: CharacterSet(charactersIn: "/"))
        let path = RouterPath("/\(prefix)/**")
        router.get(path) { [self] request, context in await self.api(request, context: context) }
        router.post(path) { [self] request, context in await self.api(request, context: context) }
    }

    /// `GET /api/ns/method?25`, `?x=1&y=2`, `POST` with a JSON body, optional `.json` suffix.
    func api<Context: RequestContext>(_ request: Request, context: Context) async -> Response {
        var segments = context.parameters.getCatchAll().map(String.init)
        if var last = segments.popLast() {
            if last.hasSuffix(".json") { last.removeLast(5) }
            segments.append(last)
        }
        guard segments.count >= 2, !segments.contains(where: \.isEmpty) else {
            return apiError(WireError(.notFound, "use /\(configuration.apiPrefix)/<namespace>/<action>"))
        }
        let method = segments.joined(separator: ".")
        let ip = clientAddress(request, peer: context as? any RemoteAddressRequestContext)
        let now = clock.now
        for limiter in [apiLimiter, ip == nil ? nil : addressLimiter].compactMap({ $0 }) {
            if case .refused(let retryAfter) = limiter.take(ip ?? "-", now: now) {
                var response = apiError(WireError(.rateLimited, "too many requests; slow down", retryAfter: retryAfter))
                if let retryAfter {
                    let seconds = max(1, Int(retryAfter.seconds.rounded(.up)))
                    response.headers[.retryAfter] = String(seconds)
                }
                return response
            }
        }
        let arguments: ActionArguments
        do {
            arguments = try await apiArguments(request)
        } catch let e as WireError {
            return apiError(e)
        } catch {
            return apiError(WireError(.badMessage, "could not read the request body"))
        }

        let backend = TransientSessionBackend(runtime: self)
        let session = ActionSession(id: SessionID.generate(), userId: nil, backend: backend)
        let guarded =
            worker.map { $0.requiresAuthentication(method) }
            ?? (actions.lookup(method)?.requiresAuthentication ?? false)
        if guarded {
            guard let (user, password) = Self.basicCredentials(request.headers[.authorization]) else {
                return unauthorized("'\(method)' requires authentication")
            }
            guard let authenticator = actions.authenticator(named: nil),
                let result = try? await authenticator.authenticate([
                    "username": .string(user), "password": .string(password),
                ]),
                result.success, let uid = result.userId
            else {
                return unauthorized("invalid username or password")
            }
            try? await session.setUserId(uid)
        }
        let result = await trackingCall {
            await perform(
                method: method, arguments: arguments, session: session, backend: backend, connection: 0,
                transport: .http, ip: ip, origin: request.headers[.origin], silent: false)
        }
        await backend.runHandlers()
        switch result {
        case .success(let raw): return json(raw.text, status: .ok)
        case .failure(let error): return apiError(error)
        }
    }

    /// Query forms: none -> no argument; `a=1&b=2` -> one object (values are text, decoded
    /// leniently); anything else -> one value, JSON if it parses, else the decoded text.
    /// A POST body is one JSON value.
    func apiArguments(_ request: Request) async throws -> ActionArguments {
        if request.method == .post {
            let buffer = try await request.body.collect(upTo: configuration.maxMessageSize)
            let text = String(buffer: buffer)
            if text.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty { return ActionArguments() }
            do {
                return ActionArguments([try JSONParser.parse(text)])
            } catch {
                throw WireError(.badMessage, "malformed JSON body: \(error)")
            }
        }
        guard let query = request.uri.query, !query.isEmpty else { return ActionArguments() }
        if query.contains("=") {
            var object: [String: JSONValue] = [:]
            for pair in query.split(separator: "&") where !pair.isEmpty {
                let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
                let key = Self.formDecode(parts[0])
                let value = JSONValue.string(parts.count > 1 ? Self.formDecode(parts[1]) : "")
                switch object[key] {
                case nil: object[key] = value
                case .array(let items)?: object[key] = .array(items + [value])
                case let existing?: object[key] = .array([existing, value])
                }
            }
            return ActionArguments([.object(object)], lenient: true)
        }
        let raw = Self.formDecode(Substring(query))
        if let value = try? JSONParser.parse(raw) { return ActionArguments([value]) }
        return ActionArguments([.string(raw)], lenient: true)
    }

    static func formDecode(_ s: Substring) -> String {
        let plus = s.replacingOccurrences(of: "+", with: " ")
        return plus.removingPercentEncoding ?? plus
    }

    static func basicCredentials(_ header: String?) -> (String, String)? {
        guard let header, header.lowercased().hasPrefix("basic "),
            let data = Data(base64Encoded: String(header.dropFirst(6)).trimmingCharacters(in: .whitespaces)),
            let text = String(data: data, encoding: .utf8), let colon = text.firstIndex(of: ":")
        else { return nil }
        return (String(text[..<colon]), String(text[text.index(after: colon)...]))
    }

    func apiError(_ error: WireError) -> Response {
        var detail = error
        if !configuration.isDevelopment { detail.detail = nil }
        var out = #"{"error":"#
        detail.write(into: &out)
        out += "}"
        return json(out, status: HTTPResponse.Status(code: error.code.httpStatus))
    }

    func unauthorized(_ message: String) -> Response {
        var response = apiError(WireError(.unauthenticated, message))
        response.headers[.wwwAuthenticate] = #"Basic realm="ssbuild""#
        return response
    }

    func json(_ text: String, status: HTTPResponse.Status) -> Response {
        Response(
            status: status, headers: [.contentType: "application/json; charset=utf-8", .cacheControl: "no-store"],
            body: ResponseBody(byteBuffer: ByteBuffer(string: text)))
    }
}

extension WireError: Error {}
