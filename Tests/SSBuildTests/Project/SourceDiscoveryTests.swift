import SSCompilers
import Testing
@testable import SSBuild

@Suite struct SourceDiscoveryTests {
    let resolver = InMemoryResolver(files: [
        "app/client/b.js": "", "app/client/a/z.js": "", "app/client/a.txt": "", "app/client/.hidden.js": "",
        "app/client/_private.js": "", "app/client/c.js~": "", "lib/client/10.x.js": "", "lib/client/9.y.js": "",
        "lib/client/sub/z.js": "",
    ])

    @Test func recursiveListingSortsAndSkipsIgnoredNames() {
        let files = SourceDiscovery(root: ".", resolver: resolver).recursive("app/client", extensions: ["js"])
        #expect(files.map(\.relativePath) == ["a/z.js", "b.js"])
        #expect(files.map(\.path) == ["app/client/a/z.js", "app/client/b.js"])
    }

    @Test func flatListingUsesNaturalOrderAndReportsFolders() {
        let (files, folders) = SourceDiscovery(root: ".", resolver: resolver).flat("lib/client", extensions: ["js"])
        #expect(files.map(\.relativePath) == ["9.y.js", "10.x.js"])
        #expect(folders == ["lib/client/sub"])
    }

    @Test func missingFolderIsEmpty() {
        #expect(SourceDiscovery(root: ".", resolver: resolver).recursive("app/shared", extensions: ["js"]).isEmpty)
    }
}
