import Foundation
import SSCompilers
import Testing

@testable import SSBuild

/// Real `swift build`s of a small app's server code against the repository's SDK/ (the
/// first one compiles the SDK, about 15-30 s; later ones are incremental).
@Suite(.serialized) struct WorkerBuilderTests {
    static let sdk = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("SDK").path
    static let app = FileManager.default.temporaryDirectory.appendingPathComponent("ss-worker-build-shared").path

    private func write(_ relative: String, _ text: String) throws {
        let path = Self.app + "/" + relative
        try FileManager.default.createDirectory(atPath: (path as NSString).deletingLastPathComponent,
                                                withIntermediateDirectories: true)
        try text.write(toFile: path, atomically: true, encoding: .utf8)
    }

    private let square = """
        import SSActions

        enum App: ActionNamespace {
            static func actions(_ actions: inout Actions) {
                actions.on("square") { (n: Double, context) in n * n }
            }
        }

        """

    /// Runs the worker, sends one call line, returns the lines it answered.
    private func exchange(_ executable: String, _ line: String) throws -> [String] {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        let input = Pipe()
        let output = Pipe()
        process.standardInput = input
        process.standardOutput = output
        try process.run()
        input.fileHandleForWriting.write(Data((line + "\n").utf8))
        try input.fileHandleForWriting.close()
        let data = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return String(decoding: data, as: UTF8.self).split(separator: "\n").map(String.init)
    }

    @Test func buildsRunsAndReportsErrorsOnTheAppsFiles() throws {
        try? FileManager.default.removeItem(atPath: Self.app + "/app")
        let builder = WorkerBuilder(appRoot: Self.app, sdkPath: Self.sdk)
        guard case .noServerCode = builder.build() else {
            Issue.record("an app without app/server must not build")
            return
        }

        try write("app/server/app.swift", square)
        guard case .built(let built) = builder.build() else {
            Issue.record("the worker did not build")
            return
        }
        #expect(built.namespaces == ["app": "app/server/app.swift"])
        let lines = try exchange(built.executable, #"{"t":"call","n":1,"method":"app.square","args":[25],"session":{"id":"s"},"conn":1}"#)
        let hello = lines.first ?? ""
        #expect(hello.contains(#""t":"hello""#))
        #expect(lines.contains(#"{"n":1,"result":625,"t":"result"}"#))

        // A compile error points at the app's file, with a frame.
        try write("app/server/app.swift", square.replacingOccurrences(of: "n * n", with: "n * nn"))
        guard case .failed(let errors) = builder.build() else {
            Issue.record("a compile error must fail the build")
            return
        }
        let error = try #require(errors.first)
        #expect(error.id == .buildServerCompile)
        #expect(error.headline.hasPrefix("app/server/app.swift:5:60: error[BLD0011]: cannot find 'nn' in scope"))

        // Two actions with one name: found before the worker would start, naming both places.
        let twice = square.replacingOccurrences(
            of: "actions.on(\"square\") { (n: Double, context) in n * n }",
            with: "actions.on(\"square\") { (n: Double, context) in n * n }\n        actions.on(\"square\") { (n: Int, context) in n }")
        try write("app/server/app.swift", twice)
        guard case .failed(let duplicates) = builder.build() else {
            Issue.record("a duplicate action must fail the build")
            return
        }
        let duplicate = try #require(duplicates.first)
        #expect(duplicate.id == .buildServerDeclaration)
        #expect(duplicate.message.contains("duplicate action 'app.square'"))
        #expect(duplicate.message.contains("app/server/app.swift:5"))
        #expect(duplicate.message.contains("app/server/app.swift:6"))
        #expect(duplicate.headline.hasPrefix("app/server/app.swift:6:1"))
    }

    @Test func withoutAnSDKTheErrorSaysWhatToSet() throws {
        try write("app/server/app.swift", square)
        guard case .failed(let errors) = WorkerBuilder(appRoot: Self.app, sdkPath: nil).build() else {
            Issue.record("no SDK must fail")
            return
        }
        let error = try #require(errors.first)
        #expect(error.id == .buildServerToolchain)
        #expect(error.message.contains("SSBUILD_SDK"))
    }
}
