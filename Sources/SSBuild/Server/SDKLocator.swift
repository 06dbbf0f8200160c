import Foundation

/// Finds the actions SDK package (ssbuild's `SDK/` folder) an app's worker depends on:
/// `SSBUILD_SDK` in the environment, else the path the app's config records (`server.sdk`,
/// written by `ssbuild new`), else the `SDK` folder of the ssbuild checkout the running
/// binary was built in (`<checkout>/.build/<triple>/release/ssbuild`).
public enum SDKLocator {
    public static func locate(
        environment: [String: String], configured: String?, appRoot: String, executablePath: String,
        isPackage: (String) -> Bool = isSDKPackage
    ) -> String? {
        if let path = environment["SSBUILD_SDK"], !path.isEmpty { return absolute(path, base: appRoot) }
        if let configured, isPackage(absolute(configured, base: appRoot)) { return absolute(configured, base: appRoot) }
        var dir = (executablePath as NSString).deletingLastPathComponent
        while dir != "/" && !dir.isEmpty {
            let candidate = dir + "/SDK"
            if isPackage(candidate) { return candidate }
            dir = (dir as NSString).deletingLastPathComponent
        }
        return nil
    }

    /// The SDK for an app with this config, as the running ssbuild finds it.
    public static func locate(for server: AppConfig.ServerConfig, appRoot: String) -> String? {
        locate(environment: ProcessInfo.processInfo.environment, configured: server.sdk, appRoot: appRoot,
               executablePath: currentExecutable)
    }

    /// A folder holding the SDK's manifest and sources.
    public static func isSDKPackage(_ path: String) -> Bool {
        FileManager.default.fileExists(atPath: path + "/Package.swift")
            && FileManager.default.fileExists(atPath: path + "/Sources/SSActions")
    }

    /// The running executable's real path (links resolved).
    public static var currentExecutable: String {
        (try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe"))
            ?? CommandLine.arguments.first ?? ""
    }

    static func absolute(_ path: String, base: String) -> String {
        path.hasPrefix("/") ? path : ((base as NSString).appendingPathComponent(path) as NSString).standardizingPath
    }
}
