import Foundation

/// Runs a page in Debian's headless Chromium and returns its `<body>` after the scripts
/// ran (`--dump-dom`), for tests that compare the browser with JavaScriptCore.
enum HeadlessChromium {
    static let path = "/usr/bin/chromium"
    static var isAvailable: Bool { FileManager.default.isExecutableFile(atPath: path) }

    static func body(ofPage html: String) throws -> String {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("ss-chromium-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let page = dir.appendingPathComponent("index.html")
        try Data(html.utf8).write(to: page)
        let process = Process()
        process.executableURL = URL(fileURLWithPath: path)
        process.arguments = [
            "--headless", "--no-sandbox", "--disable-gpu", "--user-data-dir=" + dir.path + "/profile",
            "--dump-dom", page.absoluteString,
        ]
        let out = Pipe()
        process.standardOutput = out
        process.standardError = FileHandle.nullDevice
        try process.run()
        let data = out.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        let dom = String(decoding: data, as: UTF8.self)
        guard let start = dom.range(of: "<body>"), let end = dom.range(of: "</body>", options: .backwards) else {
            return dom
        }
        return String(dom[start.upperBound..<end.lowerBound])
    }
}
