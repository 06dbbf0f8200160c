/// Decides whether a WebSocket upgrade's `Origin` may connect, to stop cross-site WebSocket
/// hijacking (a page on another site opening a socket with the user's cookies).
struct OriginPolicy: Sendable, Equatable {
    /// Explicit origins; empty means same origin as `Host`; `"*"` means any.
    var allowed: [String]

    /// `origin` is the request's `Origin` header (absent for non-browser clients, which
    /// cannot carry a victim's cookies and are allowed); `host` its `Host` header.
    func allows(origin: String?, host: String?) -> Bool {
        guard let origin, !origin.isEmpty else { return true }
        if allowed.contains("*") { return true }
        let normalized = Self.normalize(origin)
        if !allowed.isEmpty {
            return allowed.contains { Self.normalize($0) == normalized }
        }
        guard let host, let originHost = Self.hostPart(of: normalized) else { return false }
        return originHost == host.lowercased()
    }

    static func normalize(_ origin: String) -> String {
        var o = origin.lowercased()
        while o.hasSuffix("/") { o.removeLast() }
        if o.hasPrefix("http://"), o.hasSuffix(":80") { o.removeLast(3) }
        if o.hasPrefix("https://"), o.hasSuffix(":443") { o.removeLast(4) }
        return o
    }

    /// `http://a.b:3000` -> `a.b:3000`; nil for `null` or other schemes.
    static func hostPart(of origin: String) -> String? {
        for scheme in ["http://", "https://"] where origin.hasPrefix(scheme) {
            return String(origin.dropFirst(scheme.count))
        }
        return nil
    }
}
