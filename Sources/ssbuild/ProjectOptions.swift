import ArgumentParser
import Foundation

/// Flags every command that works on an app shares.
struct ProjectOptions: ParsableArguments {
    @Option(name: .long, help: "The app's folder.")
    var root: String = "."

    @Option(name: .long, help: "The environment (development, staging, production or any name). Overrides SS_ENV.")
    var env: String?

    /// The app folder as an absolute, normalized path.
    var rootPath: String {
        let url = URL(fileURLWithPath: root, relativeTo: URL(fileURLWithPath: FileManager.default.currentDirectoryPath))
        return url.standardizedFileURL.path
    }

    func validate() throws {
        if let env, env.isEmpty || !env.allSatisfy({ $0.isLowercase || $0.isNumber || $0 == "-" || $0 == "_" }) {
            throw ValidationError("--env must be made of lowercase letters, digits, '-' and '_' (got '\(env)')")
        }
    }
}
