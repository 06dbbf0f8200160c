import Testing
@testable import SSDevServer

@Suite struct StaticPathResolverTests {
    let resolver = StaticPathResolver { path in
        switch path {
        case "index.html", "assets/app-0123456789ab.js", "docs/index.html", "robots.txt": return .file
        case "assets", "docs": return .directory
        default: return nil
        }
    }

    @Test func servesFilesAndFolderIndexes() {
        #expect(resolver.resolve("/robots.txt") == .file("robots.txt"))
        #expect(resolver.resolve("/assets/app-0123456789ab.js?v=1") == .file("assets/app-0123456789ab.js"))
        #expect(resolver.resolve("/docs/") == .file("docs/index.html"))
        #expect(resolver.resolve("/") == .page("index.html"))
    }

    @Test func routesWithoutExtensionGetThePage() {
        #expect(resolver.resolve("/users/42") == .page("index.html"))
        #expect(resolver.resolve("/missing.js") == .notFound)
        #expect(resolver.resolve("/assets") == .notFound)
    }

    @Test(arguments: ["/../etc/passwd", "/%2e%2e/etc/passwd", "/assets/%2E%2E/%2e%2e/x", "/.git/config",
                      "/a%00b", "/a\\..\\b", "/./index.html", "/%zz"])
    func refusesEscapesAndHiddenFiles(path: String) {
        #expect(resolver.resolve(path) == .forbidden)
    }
}
