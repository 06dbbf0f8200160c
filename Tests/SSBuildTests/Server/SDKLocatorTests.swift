import Testing

@testable import SSBuild

@Suite struct SDKLocatorTests {
    @Test func environmentWinsThenConfigThenBesideTheBinary() {
        let packages: Set<String> = ["/opt/ssbuild/SDK", "/srv/demo/vendor/sdk", "/env/sdk"]
        let isPackage = { (path: String) in packages.contains(path) }
        let binary = "/opt/ssbuild/.build/x86_64-unknown-linux-gnu/release/ssbuild"
        #expect(SDKLocator.locate(environment: ["SSBUILD_SDK": "/env/sdk"], configured: "vendor/sdk",
                                  appRoot: "/srv/demo", executablePath: binary, isPackage: isPackage) == "/env/sdk")
        #expect(SDKLocator.locate(environment: [:], configured: "vendor/sdk", appRoot: "/srv/demo",
                                  executablePath: binary, isPackage: isPackage) == "/srv/demo/vendor/sdk")
        #expect(SDKLocator.locate(environment: [:], configured: "missing", appRoot: "/srv/demo",
                                  executablePath: binary, isPackage: isPackage) == "/opt/ssbuild/SDK")
        #expect(SDKLocator.locate(environment: [:], configured: nil, appRoot: "/srv/demo",
                                  executablePath: "/usr/bin/ssbuild", isPackage: isPackage) == nil)
    }
}
