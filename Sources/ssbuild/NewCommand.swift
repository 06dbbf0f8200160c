import ArgumentParser
import Foundation
import SSBuild
import SSCompilers

struct NewCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "new",
        abstract: "Generate a new app in a new folder.",
        discussion: "The folder must not exist or must be empty."
    )

    @Argument(help: "The app's name, which is also its folder.")
    var name: String

    @Flag(help: "Write the client and shared code in CoffeeScript (.coffee) instead of JavaScript.")
    var coffee = false

    func run() throws {
        do {
            let files = try AppGenerator().generate(at: name, language: coffee ? .coffeeScript : .javaScript)
            let sdk = SDKLocator.locate(environment: ProcessInfo.processInfo.environment, configured: nil,
                                        appRoot: name, executablePath: SDKLocator.currentExecutable)
            if let sdk { try? Self.recordSDK(sdk, in: name) }
            print("Created \(name) (\(files.count) files). Next:")
            print("    cd \(name)")
            print("    ssbuild watch                      # develop: http://localhost:3000")
            print("    ssbuild release --env production && ssbuild serve --env production")
        } catch {
            DiagnosticPrinter.fail(error.description)
            throw ExitCode.failure
        }
    }

    /// Records the actions SDK the app's server code builds against (`server.sdk` in
    /// config/app.json), so the app builds offline with this ssbuild's SDK.
    static func recordSDK(_ sdk: String, in app: String) throws {
        let path = app + "/config/app.json"
        let text = try String(contentsOfFile: path, encoding: .utf8)
        guard let end = text.lastIndex(of: "}") else { return }
        let quoted = JSONText.quoted(sdk)
        let entry = ",\n  \"server\": {\n    \"sdk\": \(quoted)\n  }\n"
        var head = String(text[..<end])
        while head.last?.isWhitespace == true { head.removeLast() }
        try (head + entry + "}\n").write(toFile: path, atomically: true, encoding: .utf8)
    }
}
