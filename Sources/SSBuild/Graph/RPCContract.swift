import Foundation
import SSCompilers

/// The RPC contract check: every `SS.server.ns.action(...)` in client code must name an
/// action the app's server defines. Server actions are found statically in
/// `app/server/**.swift`: a file's namespace is its path (`app/server/users/online.swift`
/// is `users.online`) and its actions are the `actions.on("name")` registrations.
public enum RPCContract {
    /// How a build treats a call with no matching action.
    public enum Mode: String, Sendable, Hashable {
        case off
        /// A warning (development: the overlay does not block on it).
        case warn
        /// An error that fails the build (release, with `rpc.checkContract`).
        case error
    }

    /// `"ns.action"` for every action the server files register.
    public static func serverActions(_ files: [(path: String, text: String)]) -> Set<String> {
        var actions = Set<String>()
        let pattern = try? NSRegularExpression(pattern: #"\.on\(\s*"([A-Za-z_$][A-Za-z0-9_$]*)""#)
        for file in files {
            guard let namespace = namespace(forServerPath: file.path), let pattern else { continue }
            let range = NSRange(file.text.startIndex..., in: file.text)
            for match in pattern.matches(in: file.text, range: range) {
                if let name = Range(match.range(at: 1), in: file.text) {
                    actions.insert(namespace + "." + file.text[name])
                }
            }
        }
        return actions
    }

    /// `app/server/users/online.swift` -> `users.online`.
    public static func namespace(forServerPath path: String) -> String? {
        let prefix = ProjectLayout.appServer + "/"
        guard path.hasPrefix(prefix), path.hasSuffix(".swift") else { return nil }
        return String(path.dropFirst(prefix.count).dropLast(".swift".count)).replacingOccurrences(of: "/", with: ".")
    }

    /// Diagnostics for the calls in `file` that name no server action.
    public static func check(_ file: SourceFile, actions: Set<String>, mode: Mode) -> [Diagnostic] {
        guard mode != .off else { return [] }
        return JavaScript.serverCalls(file).compactMap { call in
            let name = call.path.joined(separator: ".")
            guard !actions.contains(name) else { return nil }
            let known = actions.filter { $0.hasPrefix(call.path.dropLast().joined(separator: ".") + ".") }.sorted()
            let hint = known.isEmpty ? "no server file defines the namespace \(call.path.dropLast().joined(separator: "."))"
                : "actions in that namespace: " + known.joined(separator: ", ")
            return Diagnostic(mode == .error ? .error : .warning, id: .buildUnknownServerAction,
                              message: "SS.server.\(name) is not a server action", file: file,
                              range: SourceRange(at: call.location), notes: [hint])
        }
    }
}
