import SSCompilers
import Testing

@testable import SSBuild

@Suite struct WorkerPackageTests {
    @Test func registersEachFilesNamespaceUnderItsPath() throws {
        let plan = WorkerPackage.plan(files: [
            ("app/server/users/online.swift", "enum Online: ActionNamespace {}"),
            ("app/server/app.swift", "enum App: ActionNamespace {}"),
            ("app/server/models.swift", "struct Message: Codable {}"),
        ], sdkPath: "/opt/ssbuild/SDK")
        #expect(!plan.hasErrors)
        #expect(plan.namespaces == ["app": "app/server/app.swift", "users.online": "app/server/users/online.swift"])
        let entry = try #require(plan.files[WorkerPackage.entryFile])
        #expect(entry.contains(#"try registry.register(App.self, path: "app/server/app.swift")"#))
        #expect(entry.contains(#"try registry.register(Online.self, path: "app/server/users/online.swift")"#))
        #expect(entry.contains("WorkerMain.registrationFailed(error)"))
        #expect(!entry.contains("Message"))
        let manifest = try #require(plan.files["Package.swift"])
        #expect(manifest.contains(#".package(name: "SDK", path: "/opt/ssbuild/SDK")"#))
        #expect(!manifest.contains("testTarget"))
    }

    @Test func aSingleAuthenticatorIsAlsoTheDefault() throws {
        let plan = WorkerPackage.plan(files: [("app/server/auth.swift", "struct Passwords: Authenticator {}")],
                                      sdkPath: "/sdk")
        let entry = try #require(plan.files[WorkerPackage.entryFile])
        #expect(entry.contains(#"registry.setAuthenticator(Passwords(), name: "Passwords")"#))
        #expect(entry.contains(#"registry.setAuthenticator(Passwords(), name: "default")"#))
        // Nothing that throws: no do/catch around the registrations.
        #expect(!entry.contains("catch"))
    }

    @Test func twoNamespacesInOneFileIsAnErrorAtTheSecond() throws {
        let text = "enum A: ActionNamespace {}\n\nenum B: ActionNamespace {}\n"
        let plan = WorkerPackage.plan(files: [("app/server/app.swift", text)], sdkPath: "/sdk")
        let d = try #require(plan.diagnostics.first)
        #expect(d.id == .buildServerDeclaration)
        #expect(d.headline.hasPrefix("app/server/app.swift:3:6: error[BLD0010]"))
        #expect(d.message.contains("A") && d.message.contains("B"))
    }

    @Test func aPathThatIsNoNamespaceIsAnError() throws {
        let plan = WorkerPackage.plan(files: [("app/server/my-stuff.swift", "enum A: ActionNamespace {}")],
                                      sdkPath: "/sdk")
        #expect(plan.hasErrors)
        let headline = plan.diagnostics.first?.headline ?? ""
        #expect(headline.hasPrefix("app/server/my-stuff.swift:1:6"))
    }

    @Test func testsAddATestTargetOnSSTesting() throws {
        let plan = WorkerPackage.plan(files: [("app/server/app.swift", "enum App: ActionNamespace {}")],
                                      sdkPath: "/sdk", hasTests: true)
        let manifest = try #require(plan.files["Package.swift"])
        #expect(manifest.contains(#"name: "AppWorkerTests""#))
        #expect(manifest.contains(#".product(name: "SSTesting", package: "SDK")"#))
    }

    @Test func pathsAreQuotedAsSwiftStrings() {
        #expect(WorkerPackage.swiftString(#"/a "b"\c"#) == #""/a \"b\"\\c""#)
    }
}
