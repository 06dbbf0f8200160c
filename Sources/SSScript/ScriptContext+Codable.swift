import Foundation

extension ScriptContext {
    /// Calls a function with Encodable arguments and decodes its result.
    ///
    /// ```swift
    /// struct Point: Codable { var x: Double; var y: Double }
    /// let length: Double = try context.call("function (p) { return Math.hypot(p.x, p.y) }",
    ///                                        arguments: [Point(x: 3, y: 4)])   // 5
    /// ```
    public func call<Result: Decodable>(
        _ function: String, arguments: [any Encodable], as type: Result.Type = Result.self, sourceURL: String = "<call>"
    ) throws -> Result {
        let encoder = JSONEncoder()
        let argumentsJSON = try arguments.map { String(decoding: try encoder.encode($0), as: UTF8.self) }
        let json = try call(function, argumentsJSON: argumentsJSON, sourceURL: sourceURL)
        do {
            return try JSONDecoder().decode(Result.self, from: Data(json.utf8))
        } catch {
            throw ScriptError(kind: .engine, message: "cannot decode the result \(json.prefix(80)) as \(Result.self): \(error)",
                              sourceURL: sourceURL)
        }
    }
}
