import Testing
@testable import SSDevServer

@Suite struct ContentNegotiationTests {
    @Test func prefersBrotliThenGzip() {
        let both: Set<ContentNegotiation.Encoding> = [.brotli, .gzip]
        #expect(ContentNegotiation.choose(acceptEncoding: "gzip, deflate, br", available: both) == .brotli)
        #expect(ContentNegotiation.choose(acceptEncoding: "gzip", available: both) == .gzip)
        #expect(ContentNegotiation.choose(acceptEncoding: "br;q=0, gzip", available: both) == .gzip)
        #expect(ContentNegotiation.choose(acceptEncoding: nil, available: both) == nil)
        #expect(ContentNegotiation.choose(acceptEncoding: "br", available: [.gzip]) == nil)
        #expect(ContentNegotiation.choose(acceptEncoding: "*", available: [.gzip]) == .gzip)
    }
}
