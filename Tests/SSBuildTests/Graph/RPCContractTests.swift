import SSCompilers
import Testing
@testable import SSBuild

@Suite struct RPCContractTests {
    static let server = (path: "app/server/app.swift", text: """
        enum App: ActionNamespace {
            static func actions(_ actions: inout Actions) {
                actions.on("square") { (n: Double, context) in n * n }
                actions.on( "announce" ) { (text: String, context) in }
            }
        }
        """)

    @Test func findsActionsByFileAndRegistration() {
        let actions = RPCContract.serverActions([Self.server, (path: "app/server/users/online.swift",
                                                               text: "actions.on(\"list\") { }")])
        #expect(actions == ["app.square", "app.announce", "users.online.list"])
        #expect(RPCContract.namespace(forServerPath: "lib/x.swift") == nil)
    }

    @Test func unknownCallIsReportedWithItsLocation() {
        let file = SourceFile(path: "app/client/app.js",
                              text: "SS.server.app.square(2, cb);\n  SS.server.app.sqaure(3, cb);\n")
        let diagnostics = RPCContract.check(file, actions: ["app.square", "app.announce"], mode: .error)
        #expect(diagnostics.map(\.headline) == [
            "app/client/app.js:2:3: error[BLD0009]: SS.server.app.sqaure is not a server action",
        ])
        #expect(diagnostics.first?.notes == ["actions in that namespace: app.announce, app.square"])
        #expect(RPCContract.check(file, actions: [], mode: .warn).first?.severity == .warning)
        #expect(RPCContract.check(file, actions: [], mode: .off).isEmpty)
    }

    @Test func buildReportsUnmatchedCallsWhenAsked() {
        var options = BuildOptions.release(minify: false)
        options.rpcContract = .error
        let (builder, _) = SampleApp.builder([
            "app/server/app.swift": Self.server.text,
            "app/client/aaa.js": "SS.server.app.square(2);\nSS.server.chat.send('x');\n",
        ])
        let result = builder.build(options)
        #expect(result.diagnostics.map(\.id) == [.buildUnknownServerAction])
        #expect(result.diagnostics.first?.headline.hasPrefix("app/client/aaa.js:2:1:") == true)
        options.rpcContract = .off
        #expect(!builder.build(options).hasErrors)
    }
}
