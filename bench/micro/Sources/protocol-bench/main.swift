// Best of 5 rounds of 200,000 iterations each, in nanoseconds per iteration.
@testable import Proto
import SSActions

func bench(_ name: String, _ n: Int = 200_000, _ body: (Int) -> Int) {
    var best = Double.infinity
    for _ in 0..<5 {
        let t0 = ContinuousClock.now
        var sink = 0
        for i in 0..<n { sink &+= body(i) }
        let dt = (ContinuousClock.now - t0) / n
        best = min(best, Double(dt.components.attoseconds) / 1e9)
        precondition(sink != -1)
    }
    print("\(name): \(Int(best.rounded())) ns")
}

let callLine = WorkerProtocol.callLine(
    n: 12345, method: "bench.square", args: [.number(12)], lenient: false,
    sessionId: "3f9a8c1e-5b2d-4e7a-9c1f-2d3e4f5a6b7c", userId: nil, attributes: [:], channels: [],
    connection: 17, ip: "127.0.0.1", origin: nil, transport: "ws")
let clientCall = #"{"type":"call","id":17,"method":"bench.square","params":[12]}"#
bench("JSONParser.parse, worker call line (\(callLine.utf8.count) B)") { _ in
    (try? JSONParser.parse(callLine)) == nil ? 0 : 1
}
bench("JSONParser.parse, client call (\(clientCall.utf8.count) B)") { _ in
    (try? JSONParser.parse(clientCall)) == nil ? 0 : 1
}

var configuration = ConnectionStateMachine.Configuration()
configuration.rateLimit = nil
var machine = ConnectionStateMachine(configuration: configuration, now: .zero)
let calls = (0..<1000).map { #"{"type":"call","id":\#($0),"method":"bench.square","params":[12]}"# }
bench("ConnectionStateMachine.receive, a call (decode + admit)") { i in
    var dispatched = 0
    for action in machine.receive(text: calls[i % 1000], now: .seconds(Double(i))) {
        if case .dispatch(let call) = action {
            machine.callFinished(key: call.key)
            dispatched += 1
        }
    }
    return dispatched
}

let keys = (0..<1000).map(String.init)
let replies = (0..<1000).map { #"{"type":"reply","id":\#($0),"result":144}"# }
var window = CallDedupWindow(window: .seconds(120), capacity: 1000)
bench("CallDedupWindow.begin + finish") { i in
    _ = window.begin(keys[i % 1000] + "-\(i / 1000)", now: .milliseconds(i))
    window.finish(keys[i % 1000] + "-\(i / 1000)", reply: replies[i % 1000], now: .milliseconds(i))
    return window.count
}

bench("ServerFrame.result(...).text") { i in
    ServerFrame.result(id: .number(Double(i)), result: RawJSON(unchecked: "144")).text.utf8.count
}

let oneArgument = ActionArguments([.number(12)])
bench("ActionArguments.single(Int.self)") { _ in
    (try? oneArgument.single(Int.self)) ?? 0
}
bench("RawJSON(encoding: Int)") { i in
    (try? RawJSON(encoding: i))?.text.utf8.count ?? 0
}
