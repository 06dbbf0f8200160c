/// How serious a diagnostic is. Errors fail a release; warnings are shown.
public enum DiagnosticSeverity: String, Sendable, Hashable, Codable {
    case error
    case warning
    case note
}

/// A stable identifier for a kind of diagnostic, such as `STY0001`. IDs never change
/// meaning once published, so users and tests can match on them.
///
/// Prefixes: `STY` stylesheets, `VEW` views, `JS` scripts, `CSS` CSS, `BLD` build,
/// `CFG` configuration, `CLI` command line.
public struct DiagnosticID: RawRepresentable, Hashable, Sendable, Codable, CustomStringConvertible {
    public let rawValue: String
    public init(rawValue: String) { self.rawValue = rawValue }
    public init(_ rawValue: String) { self.rawValue = rawValue }
    public var description: String { rawValue }
}

/// One message about one place in one file: a value, so tests can assert it and
/// the dev server can ship it to the browser overlay.
///
/// ```swift
/// let d = Diagnostic(.error, id: DiagnosticID("STY0001"), message: "unexpected '}'",
///                    file: file, range: SourceRange(at: file.location(ofOffset: 12)))
/// print(d.rendered())   // app.styl:2:3: error[STY0001]: unexpected '}' + code frame
/// ```
public struct Diagnostic: Error, Sendable, Hashable, CustomStringConvertible {
    public var severity: DiagnosticSeverity
    public var id: DiagnosticID
    public var message: String
    /// The file the diagnostic points into; nil for diagnostics about no file.
    public var file: SourceFile?
    /// A path without text (a file that could not be read, a config key's file).
    public var path: String?
    public var range: SourceRange?
    /// Further lines shown under the frame ("imported from a.styl:3:1", hints).
    public var notes: [String]

    public init(
        _ severity: DiagnosticSeverity, id: DiagnosticID, message: String,
        file: SourceFile? = nil, path: String? = nil, range: SourceRange? = nil, notes: [String] = []
    ) {
        self.severity = severity
        self.id = id
        self.message = message
        self.file = file
        self.path = path ?? file?.path
        self.range = range
        self.notes = notes
    }

    /// Convenience for an error at one location of a file.
    public static func error(
        _ id: DiagnosticID, _ message: String, in file: SourceFile, at location: SourceLocation,
        notes: [String] = []
    ) -> Diagnostic {
        Diagnostic(.error, id: id, message: message, file: file, range: SourceRange(at: location), notes: notes)
    }

    /// `file:line:col` (or just the path, or nothing) as editors and terminals link it.
    public var locationPrefix: String {
        guard let path else { return "" }
        guard let range else { return path }
        return "\(path):\(range.start.line):\(range.start.column)"
    }

    /// The one-line header: `file:line:col: error[ID]: message`.
    public var headline: String {
        let prefix = locationPrefix
        return (prefix.isEmpty ? "" : prefix + ": ") + "\(severity.rawValue)[\(id.rawValue)]: \(message)"
    }

    /// The headline, a code frame when there is source text, and the notes.
    public func rendered(contextLines: Int = 2) -> String {
        var lines = [headline]
        if let file, let range {
            lines.append(CodeFrame.render(file: file, range: range, contextLines: contextLines))
        }
        for note in notes { lines.append("  = " + note) }
        return lines.joined(separator: "\n")
    }

    public var description: String { rendered() }
}

extension Array where Element == Diagnostic {
    /// True when any element is an error.
    public var containsErrors: Bool { contains { $0.severity == .error } }
}
