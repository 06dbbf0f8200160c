// The benchmark's actions (`bench.square`, `bench.broadcast`). wsbench registers them
// in-process; bench/ws/run.sh also copies this file to app/server/bench.swift of a generated
// app, so the worker variant runs exactly the same code.
import SSActions

enum Bench: ActionNamespace {
    static func actions(_ actions: inout Actions) {
        actions.on("square") { (x: Int, _) in x * x }
        actions.on("broadcast") { (data: JSONValue, context) in
            try await context.publish.broadcast("broadcast", data)
            return true
        }
    }
}
