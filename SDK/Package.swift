// swift-tools-version:6.0
// The actions SDK an app's server code builds against: Foundation and Codable only, so an
// app's worker compiles in seconds without the runtime (Hummingbird, NIO) that ssbuild hosts.
// `ssbuild watch`/`serve` generate the app's worker package with a path dependency here.
// The target folders are links to the ssbuild package's own sources: one copy of the code.
import PackageDescription

let package = Package(
    name: "ssbuild-sdk",
    platforms: [.macOS(.v14)],
    products: [
        .library(name: "SSActions", targets: ["SSActions"]),
        .library(name: "SSTesting", targets: ["SSTesting"]),
    ],
    targets: [
        .target(name: "SSActions", path: "Sources/SSActions"),
        .target(name: "SSTesting", dependencies: ["SSActions"], path: "Sources/SSTesting"),
    ]
)
