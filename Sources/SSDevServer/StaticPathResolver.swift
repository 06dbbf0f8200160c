import Foundation

/// Decides what a GET for a URL path means for a folder of static files, without
/// touching the disk (the caller passes a lookup), so the security rules are unit
/// tested: no `..` (plain or percent-encoded), no dot-files, no NUL or backslash.
///
/// ```swift
/// let resolver = StaticPathResolver(fileKind: { $0 == "index.html" ? .file : nil })
/// resolver.resolve("/about")   // .page("index.html"): a pushState route
/// ```
public struct StaticPathResolver: Sendable {
    public enum Kind: Sendable { case file, directory }

    public enum Decision: Equatable, Sendable {
        /// Serve this file (relative to the folder).
        case file(String)
        /// A route without an extension: serve the app page.
        case page(String)
        case notFound
        /// The path tried to leave the folder or reach a hidden file.
        case forbidden
    }

    public let fileKind: @Sendable (String) -> Kind?
    public let pageName: String
    /// The page is made in memory (the dev server), so it always exists.
    public let virtualPage: Bool

    public init(pageName: String = "index.html", virtualPage: Bool = false,
                fileKind: @escaping @Sendable (String) -> Kind?) {
        self.pageName = pageName
        self.virtualPage = virtualPage
        self.fileKind = fileKind
    }

    private var hasPage: Bool { virtualPage || fileKind(pageName) == .file }

    public func resolve(_ rawPath: String) -> Decision {
        let pathOnly = rawPath.split(separator: "?", maxSplits: 1, omittingEmptySubsequences: false).first ?? ""
        guard let decoded = String(pathOnly).removingPercentEncoding else { return .forbidden }
        if decoded.contains("\0") || decoded.contains("\\") { return .forbidden }
        let segments = decoded.split(separator: "/", omittingEmptySubsequences: true).map(String.init)
        for segment in segments where segment == ".." || segment == "." || segment.hasPrefix(".") {
            return .forbidden
        }
        let relative = segments.joined(separator: "/")
        if relative.isEmpty { return hasPage ? .page(pageName) : .notFound }
        switch fileKind(relative) {
        case .file: return .file(relative)
        case .directory:
            let index = relative + "/index.html"
            return fileKind(index) == .file ? .file(index) : .notFound
        case nil:
            // Only paths that look like routes (no extension in the last segment) fall
            // back to the page; a missing /app.js must stay a 404, not HTML.
            let last = segments.last ?? ""
            if !last.contains("."), hasPage { return .page(pageName) }
            return .notFound
        }
    }
}
