import Foundation
import SSCompilers

/// Lets compilers work with project-relative paths (`app/css/app.styl`), so every
/// diagnostic and dependency names files the way the user sees them; relative paths
/// are joined to the project root before they reach the real resolver.
public struct RootedResolver: SourceResolver {
    public let root: String
    public let base: any SourceResolver

    public init(root: String, base: any SourceResolver = DiskResolver()) {
        self.root = root
        self.base = base
    }

    private func full(_ path: String) -> String { PathUtil.join(root, path) }

    public func readText(_ path: String) -> String? { base.readText(full(path)) }
    public func readData(_ path: String) -> Data? { base.readData(full(path)) }
    public func fileExists(_ path: String) -> Bool { base.fileExists(full(path)) }
    public func directoryExists(_ path: String) -> Bool { base.directoryExists(full(path)) }
    public func contentsOfDirectory(_ path: String) -> [String]? { base.contentsOfDirectory(full(path)) }
}
