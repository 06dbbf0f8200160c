import Foundation
import Testing

@testable import SSBuild

/// What decides whether an app's worker is rebuilt, without building one.
@Suite struct WorkerBuildStampTests {
    /// A temporary app and an SDK whose target folder is a link, as a release lays it out.
    private func makeAppAndSDK() throws -> (app: String, sdk: String) {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("stamp-\(UUID().uuidString)").path
        let fm = FileManager.default
        try fm.createDirectory(atPath: root + "/app/app/server", withIntermediateDirectories: true)
        try "enum App: ActionNamespace {}\n".write(toFile: root + "/app/app/server/app.swift", atomically: true, encoding: .utf8)
        try fm.createDirectory(atPath: root + "/real/SSActions/Worker", withIntermediateDirectories: true)
        try "// v1\n".write(toFile: root + "/real/SSActions/Worker/Worker.swift", atomically: true, encoding: .utf8)
        try fm.createDirectory(atPath: root + "/sdk/Sources", withIntermediateDirectories: true)
        try fm.createSymbolicLink(atPath: root + "/sdk/Sources/SSActions", withDestinationPath: "../../real/SSActions")
        return (root + "/app", root + "/sdk")
    }

    @Test func sdkFilesBehindALinkAreListed() throws {
        let (_, sdk) = try makeAppAndSDK()
        #expect(WorkerBuilder.swiftFiles(under: sdk + "/Sources", folder: "SSActions") == ["SSActions/Worker/Worker.swift"])
    }

    @Test func aChangedSDKChangesTheStamp() throws {
        let (app, sdk) = try makeAppAndSDK()
        let builder = WorkerBuilder(appRoot: app, sdkPath: sdk)
        let plan = WorkerPackage.plan(files: [("app/server/app.swift", "enum App: ActionNamespace {}")], sdkPath: sdk)
        let before = try #require(builder.buildStamp(plan))
        #expect(builder.buildStamp(plan) == before, "the same inputs give the same stamp")
        let linked = (sdk as NSString).deletingLastPathComponent + "/real/SSActions/Worker/Worker.swift"
        try "// v2\n".write(toFile: linked, atomically: true, encoding: .utf8)
        #expect(builder.buildStamp(plan) != before, "an SDK change (a new ssbuild) rebuilds the worker")
    }
}
