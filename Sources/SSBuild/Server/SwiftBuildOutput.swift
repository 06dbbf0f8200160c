import Foundation
import SSCompilers

/// Reads the compiler errors out of `swift build` output and points them at the app's own
/// files: the worker package links `app/server`, so the compiler may name a file through
/// the link (`.ssbuild/worker/Sources/AppWorker/server/app.swift`) or its real path.
///
///     SwiftBuildOutput.diagnostics(output, appRoot: "/srv/demo", read: { try? String(contentsOfFile: $0) })
///     // app/server/app.swift:4:13: error[BLD0011]: cannot find 'nn' in scope + code frame
public enum SwiftBuildOutput {
    public static func diagnostics(_ output: String, appRoot: String, read: (String) -> String?) -> [Diagnostic] {
        var found: [Diagnostic] = []
        var seen = Set<String>()
        for rawLine in output.split(separator: "\n", omittingEmptySubsequences: true) {
            let line = String(rawLine)
            if line.contains(": note: "), var last = found.popLast() {
                if let parsed = parse(line), !parsed.message.isEmpty {
                    last.notes.append("note: " + parsed.message + " (" + appPath(parsed.path, appRoot: appRoot)
                        + ":\(parsed.line):\(parsed.column))")
                }
                found.append(last)
                continue
            }
            guard let parsed = parse(line), parsed.severity != nil else { continue }
            let path = appPath(parsed.path, appRoot: appRoot)
            let key = "\(path):\(parsed.line):\(parsed.column):\(parsed.message)"
            guard seen.insert(key).inserted else { continue }
            let severity: DiagnosticSeverity = parsed.severity == "error" ? .error : .warning
            let message = parsed.message
            if let text = read(appRoot + "/" + path) ?? read(parsed.path) {
                let file = SourceFile(path: path, text: text)
                let location = file.location(line: parsed.line, column: parsed.column)
                found.append(Diagnostic(severity, id: .buildServerCompile, message: message, file: file,
                                        range: SourceRange(at: location)))
            } else {
                found.append(Diagnostic(severity, id: .buildServerCompile, message: "\(message) (\(path):\(parsed.line))",
                                        path: path))
            }
        }
        return found
    }

    /// A path the compiler printed, as the app knows it (`app/server/app.swift`).
    public static func appPath(_ path: String, appRoot: String) -> String {
        for (link, real) in [("/" + WorkerPackage.serverLink + "/", "app/server/"),
                             ("/" + WorkerPackage.testsLink + "/", "test/server/")]
        {
            if let range = path.range(of: link) { return real + path[range.upperBound...] }
        }
        let root = appRoot.hasSuffix("/") ? appRoot : appRoot + "/"
        if path.hasPrefix(root) { return String(path.dropFirst(root.count)) }
        return path
    }

    struct Parsed {
        var path: String
        var line: Int
        var column: Int
        var severity: String?
        var message: String
    }

    /// `/path/file.swift:12:5: error: message`.
    static func parse(_ line: String) -> Parsed? {
        for severity in ["error", "warning", "note"] {
            guard let marker = line.range(of: ": \(severity): ") else { continue }
            let location = line[..<marker.lowerBound].split(separator: ":", omittingEmptySubsequences: false)
            guard location.count >= 3, let l = Int(location[location.count - 2]), let c = Int(location[location.count - 1])
            else { return nil }
            let path = location.dropLast(2).joined(separator: ":")
            guard path.hasSuffix(".swift") else { return nil }
            return Parsed(path: path, line: l, column: c, severity: severity == "note" ? nil : severity,
                          message: String(line[marker.upperBound...]))
        }
        return nil
    }
}
