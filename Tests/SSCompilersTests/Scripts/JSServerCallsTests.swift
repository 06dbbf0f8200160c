import Testing

@testable import SSCompilers

@Suite("JavaScript SS.server calls")
struct JSServerCallsTests {
    @Test func findsCallsWithLocations() {
        let source = """
            SS.server.app.square(2, function (r) {})
            if (x) { SS.server.users.online.get() }
            var s = 'SS.server.not.code()' // SS.server.comment.call()
            other.SS.server.a.b(); SS.server.notACall; SS.server.x[y]()
            """
        let calls = JavaScript.serverCalls(SourceFile(path: "a.js", text: source))
        #expect(calls.map(\.path) == [["app", "square"], ["users", "online", "get"]])
        #expect(calls.map(\.location.description) == ["1:1", "2:10"])
    }
}
