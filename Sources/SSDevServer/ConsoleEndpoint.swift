import Foundation
import SSRuntime

/// Where a running `watch`/`serve` tells `ssbuild console` how to attach: the file
/// `.ssbuild/console.json` in the app (`{"port": P, "token": T}`, mode 0600, so only the
/// user who started the server can read the token). Removed when the server exits.
public enum ConsoleEndpoint {
    /// `.ssbuild/console.json` under the app root.
    public static func path(root: String) -> String { root + "/.ssbuild/console.json" }

    /// A fresh secret for the runtime's `/_ss/console`.
    public static func makeToken() -> String { ConsoleToken.generate() }

    /// Writes the endpoint file once the port is known.
    public static func publish(token: String, port: Int, root: String) throws {
        try FileManager.default.createDirectory(atPath: root + "/.ssbuild", withIntermediateDirectories: true)
        try ConsoleToken.write(token, port: port, to: path(root: root))
    }

    public static func remove(root: String) {
        try? FileManager.default.removeItem(atPath: path(root: root))
    }
}
