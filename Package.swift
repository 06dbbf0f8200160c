// swift-tools-version:6.2
import PackageDescription

let package = Package(
    name: "ssbuild",
    platforms: [.macOS(.v14)],
    products: [
        .executable(name: "ssbuild", targets: ["ssbuild"]),
        .library(name: "SSCompilers", targets: ["SSCompilers"]),
    ],
    dependencies: [
        .package(url: "https://github.com/swift-server/swift-service-lifecycle.git", from: "2.13.0"),
        .package(url: "https://github.com/apple/swift-argument-parser.git", from: "1.8.2"),
        .package(url: "https://github.com/jpsim/Yams.git", from: "6.2.2"),
        .package(url: "https://github.com/hummingbird-project/hummingbird.git", from: "2.28.1", traits: []),
        .package(url: "https://github.com/hummingbird-project/hummingbird-websocket.git", from: "2.8.1"),
        .package(url: "https://github.com/apple/swift-nio.git", from: "2.101.2"),
    ],
    targets: [
        // Pure compilers: text in, output + diagnostics + dependencies out.
        .target(name: "SSCompilers"),
        // System libraries behind thin Swift wrappers.
        // JavaScriptCore's C API (headers of libjavascriptcoregtk-4.1-dev), opened with dlopen on
        // first use so that commands which never run JavaScript do not pay for loading it.
        .target(name: "CJavaScriptCore", path: "Sources/JavaScriptCoreLoader",
                linkerSettings: [.linkedLibrary("dl"), .linkedLibrary("pthread")]),
        .systemLibrary(name: "CZlib", providers: [.apt(["zlib1g-dev"])]),
        .systemLibrary(name: "CBrotli", providers: [.apt(["libbrotli-dev"])]),
        .systemLibrary(name: "CHiredis", providers: [.apt(["libhiredis-dev"])]),
        .systemLibrary(name: "CCmark", pkgConfig: "libcmark", providers: [.apt(["libcmark-dev"])]),
        // JavaScriptCore behind a small Swift API.
        .target(name: "SSScript", dependencies: ["CJavaScriptCore"]),
        // Project model, config, build graph, bundles, release.
        .target(name: "SSBuild", dependencies: [
            "SSCompilers", "SSScript", "SSActions", "CZlib", "CBrotli", "CCmark",
            .product(name: "Yams", package: "Yams"),
        ]),
        // The light SDK app server actions compile against: Foundation and Codable only.
        .target(name: "SSActions"),
        // In-process testing helpers for apps' server actions (also a product of SDK/).
        .target(name: "SSTesting", dependencies: ["SSActions"]),
        // WebSocket RPC, HTTP API, sessions, pub/sub, users online, the browser SS client.
        .target(name: "SSRuntime", dependencies: [
            "SSActions", "CHiredis",
            .product(name: "NIOCore", package: "swift-nio"),
            .product(name: "NIOPosix", package: "swift-nio"),
            .product(name: "Hummingbird", package: "hummingbird"),
            .product(name: "HummingbirdWebSocket", package: "hummingbird-websocket"),
            .product(name: "HummingbirdWSCompression", package: "hummingbird-websocket"),
            .product(name: "HummingbirdTLS", package: "hummingbird"),
        ]),
        // HTTP serving of built apps (dev server and `serve`).
        .target(name: "SSDevServer", dependencies: [
            "SSBuild", "SSRuntime",
            .product(name: "Hummingbird", package: "hummingbird"),
            .product(name: "HummingbirdWebSocket", package: "hummingbird-websocket"),
            .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
        ]),
        .executableTarget(name: "ssbuild", dependencies: [
            "SSBuild", "SSDevServer", "SSCompilers",
            .product(name: "ArgumentParser", package: "swift-argument-parser"),
            .product(name: "NIOCore", package: "swift-nio"), .product(name: "NIOPosix", package: "swift-nio"),
            .product(name: "NIOHTTP1", package: "swift-nio"), .product(name: "NIOWebSocket", package: "swift-nio"),
        ]),
        // The runtime as a load-benchmark server for bench/ws (in-process actions or a worker).
        .executableTarget(name: "wsbench", dependencies: [
            "SSRuntime", "SSActions",
            .product(name: "Hummingbird", package: "hummingbird"),
            .product(name: "HummingbirdWebSocket", package: "hummingbird-websocket"),
        ], path: "bench/ws/server"),
        .testTarget(name: "SSCompilersTests", dependencies: ["SSCompilers"]),
        .testTarget(name: "SSScriptTests", dependencies: ["SSScript", "SSCompilers"]),
        .testTarget(name: "SSRuntimeTests", dependencies: ["SSRuntime", "SSActions"]),
        .testTarget(name: "SSDevServerTests", dependencies: ["SSDevServer"]),
        .testTarget(name: "SSBuildTests", dependencies: ["SSBuild", "SSCompilers", "SSScript"]),
        .testTarget(name: "ssbuildTests", dependencies: ["SSBuild", "ssbuild", "SSRuntime", "SSActions"]),
    ]
)
