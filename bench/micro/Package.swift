// swift-tools-version:6.0
// Micro-benchmarks of the runtime's per-message code (no sockets): JSON parsing, the
// connection state machine, the dedup window, reply text. The Proto target compiles the
// runtime's pure Protocol/ files (symlinked) without Hummingbird.
//
//     cd bench/micro && swift run -c release -Xswiftc -enable-testing protocol-bench
import PackageDescription

let package = Package(
    name: "micro",
    targets: [
        .target(name: "SSActions", path: "Sources/SSActions"),
        .target(name: "Proto", dependencies: ["SSActions"], path: "Sources/Proto"),
        .executableTarget(name: "protocol-bench", dependencies: ["SSActions", "Proto"]),
    ]
)
