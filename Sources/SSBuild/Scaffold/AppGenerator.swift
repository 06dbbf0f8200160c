import Foundation

/// Writes a new app from `AppTemplate` into a folder that must not exist or be empty.
public struct AppGenerator {
    public enum Failure: Error, CustomStringConvertible {
        case invalidName(String)
        case notEmpty(String)
        case io(String)

        public var description: String {
            switch self {
            case .invalidName(let name):
                return "invalid app name '\(name)': use letters, digits, '-', '_' and '.'"
            case .notEmpty(let path):
                return "'\(path)' exists and is not empty; choose another name or empty it first"
            case .io(let message):
                return message
            }
        }
    }

    public init() {}

    /// Creates the app at `path` (its last component is the app's name) and returns the
    /// files written, relative to it. `language` picks `.js` or `.coffee` client and shared code.
    @discardableResult
    public func generate(at path: String, language: AppTemplate.Language = .javaScript) throws(Failure) -> [String] {
        let name = (path as NSString).lastPathComponent
        let allowed = CharacterSet.alphanumerics.union(CharacterSet(charactersIn: "-_."))
        guard !name.isEmpty, name != ".", name != "..", name.unicodeScalars.allSatisfy(allowed.contains) else {
            throw .invalidName(name)
        }
        let fm = FileManager.default
        var isDirectory: ObjCBool = false
        if fm.fileExists(atPath: path, isDirectory: &isDirectory) {
            let contents = isDirectory.boolValue ? ((try? fm.contentsOfDirectory(atPath: path)) ?? ["?"]) : ["?"]
            if !contents.isEmpty { throw .notEmpty(path) }
        }
        var written: [String] = []
        do {
            for (relative, contents) in AppTemplate.files(name: name, language: language) {
                let full = (path as NSString).appendingPathComponent(relative)
                try fm.createDirectory(atPath: (full as NSString).deletingLastPathComponent,
                                       withIntermediateDirectories: true)
                try Data(contents.utf8).write(to: URL(fileURLWithPath: full))
                written.append(relative)
            }
        } catch {
            throw .io("cannot write the app into '\(path)': \(error.localizedDescription)")
        }
        return written
    }
}
