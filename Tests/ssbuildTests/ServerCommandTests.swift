import Foundation
import Testing

/// `ssbuild new` records the SDK, `ssbuild test` runs the generated app's server tests,
/// and `ssbuild serve` builds the server code before it opens the port. Real `swift build`s:
/// about a minute in all on a cold machine.
@Suite(.serialized) struct ServerCommandTests {
    @Test func newRecordsTheSDKAndItsServerTestsPassAndCanFail() throws {
        let dir = try CLIHarness.temporaryDirectory()
        defer { CLIHarness.cleanUp(dir) }
        let new = try CLIHarness.run(["new", "demo"], in: dir)
        #expect(new.status == 0, "\(new.stderr)")
        let config = try String(contentsOfFile: dir + "/demo/config/app.json", encoding: .utf8)
        #expect(config.contains(#""sdk": ""#))
        #expect(FileManager.default.fileExists(atPath: dir + "/demo/test/server/AppTests.swift"))

        let passing = try CLIHarness.run(["test", "--root", dir + "/demo"])
        #expect(passing.status == 0, "\(passing.stdout)\(passing.stderr)")
        #expect(passing.stdout.contains("Test run with 2 tests"))

        let test = dir + "/demo/test/server/AppTests.swift"
        let text = try String(contentsOfFile: test, encoding: .utf8)
        try text.replacingOccurrences(of: "== 625", with: "== 626").write(toFile: test, atomically: true, encoding: .utf8)
        let failing = try CLIHarness.run(["test", "--root", dir + "/demo"])
        #expect(failing.status != 0)
        #expect(failing.stdout.contains("squareMultipliesANumberByItself"))
    }

    @Test func serveRefusesToStartWhenServerCodeDoesNotCompile() throws {
        let dir = try CLIHarness.temporaryDirectory()
        defer { CLIHarness.cleanUp(dir) }
        #expect(try CLIHarness.run(["new", "demo"], in: dir).status == 0)
        let app = dir + "/demo"
        let release = try CLIHarness.run(["release", "--root", app])
        #expect(release.status == 0, "\(release.stderr)")
        #expect(release.stdout.contains("server: 1 namespace(s) built into .ssbuild/worker/.build/release/AppWorker"))
        let source = app + "/app/server/app.swift"
        let text = try String(contentsOfFile: source, encoding: .utf8)
        try text.replacingOccurrences(of: "n * n", with: "n * undefinedName").write(
            toFile: source, atomically: true, encoding: .utf8)
        // The release refuses too, and leaves public/ as it was.
        let before = CLIHarness.tree(app + "/public")
        let failed = try CLIHarness.run(["release", "--root", app])
        #expect(failed.status != 0)
        #expect(failed.stderr.contains("error[BLD0011]") || failed.stdout.contains("error[BLD0011]"))
        #expect(CLIHarness.tree(app + "/public") == before)
        let serve = try CLIHarness.run(["serve", "--root", app, "--port", "0"])
        #expect(serve.status != 0)
        #expect(serve.stdout.contains("app/server/app.swift:"))
        #expect(serve.stdout.contains("error[BLD0011]: cannot find 'undefinedName' in scope"))
        #expect(!serve.stdout.contains("LISTENING"))
    }
}

/// `ssbuild serve` over TLS with a certificate made by openssl, the HTTP->HTTPS redirect
/// port, and SIGTERM draining the runtime before the process exits.
@Suite(.serialized) struct ServeTLSAndShutdownTests {
    /// A running `ssbuild serve`; its output is collected on a thread.
    final class Served: @unchecked Sendable {
        let process = Process()
        private let lock = NSLock()
        private var text = ""

        /// `launcher` runs the binary through another program (e.g. `prlimit ... --`).
        init(_ arguments: [String], launcher: [String] = []) throws {
            if let program = launcher.first {
                process.executableURL = URL(fileURLWithPath: program)
                process.arguments = Array(launcher.dropFirst()) + [CLIHarness.binary] + arguments
            } else {
                process.executableURL = URL(fileURLWithPath: CLIHarness.binary)
                process.arguments = arguments
            }
            let pipe = Pipe()
            process.standardOutput = pipe
            process.standardError = pipe
            try process.run()
            let handle = pipe.fileHandleForReading
            Thread {
                while true {
                    let data = handle.availableData
                    if data.isEmpty { break }
                    self.lock.lock()
                    self.text += String(decoding: data, as: UTF8.self)
                    self.lock.unlock()
                }
            }.start()
        }

        var output: String {
            lock.lock(); defer { lock.unlock() }
            return text
        }

        func port(timeout: TimeInterval = 120) throws -> Int {
            let deadline = Date().addingTimeInterval(timeout)
            while Date() < deadline {
                if let line = output.split(separator: "\n").first(where: { $0.hasPrefix("LISTENING ") }),
                   let port = Int(line.dropFirst("LISTENING ".count)) { return port }
                if !process.isRunning { break }
                Thread.sleep(forTimeInterval: 0.1)
            }
            throw CocoaError(.fileReadUnknown, userInfo: [NSLocalizedDescriptionKey: "no LISTENING line: \(output)"])
        }
    }

    private func curl(_ arguments: [String]) throws -> String {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/curl")
        process.arguments = ["-s", "--max-time", "10"] + arguments
        let pipe = Pipe()
        process.standardOutput = pipe
        try process.run()
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return String(decoding: data, as: UTF8.self)
    }

    /// A new app, released, without app/server: these tests are about the listener, not
    /// the worker (no Swift build).
    private func releasedAppWithoutServerCode(in dir: String) throws -> String {
        #expect(try CLIHarness.run(["new", "demo"], in: dir).status == 0)
        let app = dir + "/demo"
        try FileManager.default.removeItem(atPath: app + "/app/server")
        #expect(try CLIHarness.run(["release", "--root", app]).status == 0)
        return app
    }

    private func freePort() -> Int {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        defer { close(fd) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        _ = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        _ = withUnsafeMutablePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(fd, $0, &length) }
        }
        return Int(UInt16(bigEndian: address.sin_port))
    }

    @Test(.enabled(if: FileManager.default.isExecutableFile(atPath: "/usr/bin/openssl")
                   && FileManager.default.isExecutableFile(atPath: "/usr/bin/curl")))
    func httpsRedirectAndGracefulStop() throws {
        let dir = try CLIHarness.temporaryDirectory()
        defer { CLIHarness.cleanUp(dir) }
        let app = try releasedAppWithoutServerCode(in: dir)
        let openssl = Process()
        openssl.executableURL = URL(fileURLWithPath: "/usr/bin/openssl")
        openssl.arguments = ["req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "1", "-subj", "/CN=localhost",
                             "-keyout", app + "/config/key.pem", "-out", app + "/config/cert.pem"]
        openssl.standardError = FileHandle.nullDevice
        try openssl.run()
        openssl.waitUntilExit()
        #expect(openssl.terminationStatus == 0)
        let redirect = freePort()
        try #"{"ssl": {"enabled": true, "cert": "config/cert.pem", "key": "config/key.pem", "redirectPort": \#(redirect)}}"#
            .write(toFile: app + "/config/environments/production.json", atomically: true, encoding: .utf8)

        let served = try Served(["serve", "--root", app, "--port", "0", "--host", "127.0.0.1"])
        let port = try served.port()
        let page = try curl(["-k", "https://127.0.0.1:\(port)/"])
        #expect(page.contains("<!DOCTYPE html>"))
        #expect(try curl(["http://127.0.0.1:\(port)/"]).isEmpty, "plain HTTP on the TLS port must not serve")
        let headers = try curl(["-D", "-", "-o", "/dev/null", "http://127.0.0.1:\(redirect)/chat?x=1"])
        #expect(headers.contains("301"))
        #expect(headers.lowercased().contains("location: https://127.0.0.1:\(port)/chat?x=1"))

        kill(served.process.processIdentifier, SIGTERM)
        served.process.waitUntilExit()
        #expect(served.process.terminationStatus == 0, "\(served.output)")
        #expect(served.output.contains("drained 0 call(s)"))
    }

    /// One more client than the process has descriptors for must not take the server down
    /// (libdispatch aborts the process at EMFILE): serve raises its soft limit to the hard
    /// one and stops accepting short of it; waiting clients get in once others leave.
    @Test(.enabled(if: FileManager.default.isExecutableFile(atPath: "/usr/bin/prlimit")))
    func aServerPastItsDescriptorLimitKeepsServing() throws {
        let dir = try CLIHarness.temporaryDirectory()
        defer { CLIHarness.cleanUp(dir) }
        let app = try releasedAppWithoutServerCode(in: dir)
        // Soft 100, hard 200: serve raises itself to 200, then holds at most 16 clients
        // (the floor, as 200 is below the 256 descriptors kept in reserve).
        let served = try Served(
            ["serve", "--root", app, "--port", "0", "--host", "127.0.0.1"],
            launcher: ["/usr/bin/prlimit", "--nofile=100:200", "--"])
        let port = try served.port()
        let limits = try String(contentsOfFile: "/proc/\(served.process.processIdentifier)/limits", encoding: .utf8)
        #expect(limits.split(separator: "\n").contains {
            $0.hasPrefix("Max open files") && $0.split(separator: " ").dropFirst(3).first == "200"
        }, "the soft limit was raised to the hard one: \(limits)")

        let clients = (0..<240).map { _ in TCPClient(port: port) }
        defer { clients.forEach { $0.close() } }
        #expect(clients.allSatisfy { $0.isConnected }, "the kernel queues clients past the cap")
        Thread.sleep(forTimeInterval: 1)
        #expect(served.process.isRunning, "\(served.output)")
        #expect(clients[0].get("/").hasPrefix("HTTP/1.1 200"), "a client within the cap is served")
        #expect(served.process.isRunning, "\(served.output)")
        clients.forEach { $0.close() }
        #expect(try curl(["-o", "/dev/null", "-w", "%{http_code}", "http://127.0.0.1:\(port)/"]) == "200",
                "new clients are served once the others left")
        kill(served.process.processIdentifier, SIGTERM)
        served.process.waitUntilExit()
        #expect(served.process.terminationStatus == 0, "\(served.output)")
    }

    @Test func aMissingCertificateStopsServeBeforeItListens() throws {
        let dir = try CLIHarness.temporaryDirectory()
        defer { CLIHarness.cleanUp(dir) }
        let app = try releasedAppWithoutServerCode(in: dir)
        try #"{"ssl": {"enabled": true, "cert": "config/nope.pem", "key": "config/nope.key"}}"#
            .write(toFile: app + "/config/environments/production.json", atomically: true, encoding: .utf8)
        let run = try CLIHarness.run(["serve", "--root", app, "--port", "0"])
        #expect(run.status != 0)
        #expect(run.stderr.contains("config/nope.pem"))
        #expect(!run.stdout.contains("LISTENING"))
    }
}

/// A blocking TCP client on 127.0.0.1 with a 10 s receive timeout, for tests that need
/// many plain connections at once.
final class TCPClient: @unchecked Sendable {
    private var fd: Int32
    let isConnected: Bool

    init(port: Int) {
        fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = in_port_t(UInt16(port).bigEndian)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        let fd = fd
        isConnected = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) == 0
            }
        }
        var timeout = timeval(tv_sec: 10, tv_usec: 0)
        setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
    }

    /// Sends a GET and returns what arrives before the server closes or 10 s pass.
    func get(_ path: String) -> String {
        let request = "GET \(path) HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n"
        _ = request.withCString { send(fd, $0, strlen($0), Int32(MSG_NOSIGNAL)) }
        var received = [UInt8]()
        var buffer = [UInt8](repeating: 0, count: 65_536)
        while true {
            let n = recv(fd, &buffer, buffer.count, 0)
            if n <= 0 { break }
            received += buffer[0..<n]
        }
        return String(decoding: received, as: UTF8.self)
    }

    func close() {
        if fd >= 0 { Glibc.close(fd) }
        fd = -1
    }
}
