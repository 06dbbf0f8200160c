import SSCompilers
import Testing
@testable import SSBuild

@Suite struct APITreeTests {
    private func files(_ paths: [String]) -> [ProjectFile] {
        paths.map { ProjectFile(path: "app/client/" + $0, relativePath: $0) }
    }

    @Test func namespacesFollowFolders() {
        #expect(APITree.namespace(ofRelativePath: "users/online.js") == ["users", "online"])
        #expect(APITree.namespace(ofRelativePath: "ui/nav.min.js") == ["ui", "nav"])
        let (tree, diagnostics) = APITree.build(client: files(["app.js", "users/online.js"]), shared: [])
        #expect(diagnostics.isEmpty)
        #expect(tree.modules.map(\.namespace) == [["app"], ["users", "online"]])
    }

    @Test func fileAndFolderWithOneNameConflict() {
        let (_, diagnostics) = APITree.build(client: files(["users/online.js", "users.js"]), shared: [])
        #expect(diagnostics.count == 1)
        let text = diagnostics.first?.rendered() ?? ""
        #expect(text.contains("error[BLD0001]"))
        #expect(text.contains("app/client/users/online.js"))
        #expect(text.contains("app/client/users.js"))
        #expect(text.contains("SS.client.users is defined twice"))
    }

    @Test func twoFilesWithOneStemConflict() {
        let (_, diagnostics) = APITree.build(client: files(["util.js", "util.min.js"]), shared: [])
        #expect(diagnostics.map(\.id) == [.buildNamespaceConflict])
    }

    @Test func clientAndSharedTreesAreSeparate() {
        let shared = [ProjectFile(path: "app/shared/util.js", relativePath: "util.js")]
        let (tree, diagnostics) = APITree.build(client: files(["util.js"]), shared: shared)
        #expect(diagnostics.isEmpty)
        #expect(tree.rendered() == """
            SS.client
              util  (app/client/util.js)
            SS.shared
              util  (app/shared/util.js)
            """)
    }
}
