import Testing
@testable import SSRuntime

@Test func protocolVersionIsOne() { #expect(RuntimeInfo.protocolVersion == 1) }
