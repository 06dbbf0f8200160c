import ArgumentParser
import Foundation
import SSBuild

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
            print("Created \(name) (\(files.count) files). Next:")
            print("    cd \(name)")
            print("    ssbuild release --env production && ssbuild serve --env production")
        } catch {
            DiagnosticPrinter.fail(error.description)
            throw ExitCode.failure
        }
    }
}
