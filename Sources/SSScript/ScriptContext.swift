import CJavaScriptCore
import Foundation

/// One JavaScriptCore global context in a context group of its own.
///
/// A context is not thread-safe: use it from one thread at a time (a
/// `ScriptContextPool` hands contexts out that way). Values cross the boundary as
/// JSON text, so any Codable Swift value can go in and come out.
///
/// ```swift
/// let context = try ScriptContext()
/// try context.evaluate("function add(a, b) { return a + b }", sourceURL: "add.js")
/// try context.call("add", argumentsJSON: ["1", "2"])          // "3"
/// try context.evaluate("[1, 'two']", sourceURL: "x.js")       // "[1,\"two\"]"
/// ```
public final class ScriptContext: @unchecked Sendable {
    let group: JSContextGroupRef
    let context: JSGlobalContextRef
    /// Seconds one `evaluate`/`call` may run before the engine terminates it; nil for no limit.
    public let timeLimit: Double?
    private var functionCache: [String: JSObjectRef] = [:]
    private static let functionCacheLimit = 512

    /// Creates a fresh context with an empty global object.
    /// - Parameter timeLimit: seconds per evaluation before it is terminated (nil: none).
    public init(timeLimit: Double? = 10) {
        group = JSContextGroupCreate()
        context = JSGlobalContextCreateInGroup(group, nil)
        self.timeLimit = timeLimit
        if let timeLimit { ExecutionLimit.set(group: group, seconds: timeLimit) }
    }

    deinit {
        for function in functionCache.values { JSValueUnprotect(context, function) }
        JSGlobalContextRelease(context)
        JSContextGroupRelease(group)
    }

    /// Loads JavaScriptCore (the library is opened on first use, not at process start).
    /// Throws a `.engine` error naming the Debian package when it is not installed; a
    /// context created without this check ends the process with that message instead.
    public static func loadEngine() throws {
        if let message = ssjs_load() {
            throw ScriptError(kind: .engine, message: String(cString: message))
        }
    }

    /// True when the engine can stop runaway scripts (the symbol is exported by the
    /// installed JavaScriptCore). When false, `timeLimit` is not enforced.
    public static var supportsTimeLimit: Bool { ExecutionLimit.isAvailable }

    /// Evaluates a script in the global scope.
    /// - Returns: the completion value as JSON, or nil when it has no JSON form
    ///   (`undefined`, a function).
    @discardableResult
    public func evaluate(_ source: String, sourceURL: String = "<eval>") throws -> String? {
        let value = try evaluateValue(source, sourceURL: sourceURL)
        return try json(of: value)
    }

    /// Evaluates a script and converts its completion value with `String(value)`.
    public func evaluateString(_ source: String, sourceURL: String = "<eval>") throws -> String {
        let value = try evaluateValue(source, sourceURL: sourceURL)
        return try string(of: value)
    }

    /// Calls a function with JSON arguments and returns the result as JSON (`"null"`
    /// for `undefined`).
    ///
    /// - Parameter function: a global name or path (`"SS.shared.calc.area"`) or a
    ///   function expression (`"function (a) { return a * 2 }"`); expressions are
    ///   compiled once per context and cached by their text.
    public func call(_ function: String, argumentsJSON: [String], sourceURL: String = "<call>") throws -> String {
        let result = try callValue(function, argumentsJSON: argumentsJSON, sourceURL: sourceURL)
        return try json(of: result) ?? "null"
    }

    /// Like `call`, but converts the result with `String(result)`: the cheap path for
    /// functions that return text, such as compiled templates.
    public func callString(_ function: String, argumentsJSON: [String], sourceURL: String = "<call>") throws -> String {
        let result = try callValue(function, argumentsJSON: argumentsJSON, sourceURL: sourceURL)
        return try string(of: result)
    }

    /// Defines (or replaces) a global variable with a JSON value.
    ///
    /// ```swift
    /// try context.setGlobal("config", json: #"{"env":"production"}"#)
    /// try context.evaluate("config.env")   // "\"production\""
    /// ```
    public func setGlobal(_ name: String, json: String) throws {
        let text = JSStringRef.make(json)
        let property = JSStringRef.make(name)
        defer {
            JSStringRelease(text)
            JSStringRelease(property)
        }
        guard let value = JSValueMakeFromJSONString(context, text) else {
            throw ScriptError(kind: .engine, message: "the value for global '\(name)' is not valid JSON")
        }
        var exception: JSValueRef? = nil
        JSObjectSetProperty(context, JSContextGetGlobalObject(context), property, value, 0, &exception)
        if let exception { throw makeError(exception, sourceURL: nil) }
    }

    /// Drops the cached function objects (for example after reloading code that
    /// redefines them).
    public func clearCache() {
        for function in functionCache.values { JSValueUnprotect(context, function) }
        functionCache.removeAll()
    }

    // MARK: - Internals

    func evaluateValue(_ source: String, sourceURL: String) throws -> JSValueRef? {
        let script = JSStringRef.make(source)
        let url = JSStringRef.make(sourceURL)
        defer {
            JSStringRelease(script)
            JSStringRelease(url)
        }
        var exception: JSValueRef? = nil
        let value = JSEvaluateScript(context, script, nil, url, 1, &exception)
        if let exception { throw makeError(exception, sourceURL: sourceURL) }
        return value
    }

    func callValue(_ function: String, argumentsJSON: [String], sourceURL: String) throws -> JSValueRef? {
        let callee = try resolveFunction(function, sourceURL: sourceURL)
        var arguments: [JSValueRef?] = []
        arguments.reserveCapacity(argumentsJSON.count)
        for (index, text) in argumentsJSON.enumerated() {
            let jsonText = JSStringRef.make(text)
            defer { JSStringRelease(jsonText) }
            guard let value = JSValueMakeFromJSONString(context, jsonText) else {
                throw ScriptError(kind: .engine, message: "argument \(index + 1) is not valid JSON", sourceURL: sourceURL)
            }
            arguments.append(value)
        }
        var exception: JSValueRef? = nil
        let result = arguments.withUnsafeBufferPointer { buffer in
            JSObjectCallAsFunction(context, callee, nil, buffer.count, buffer.baseAddress, &exception)
        }
        if let exception { throw makeError(exception, sourceURL: sourceURL) }
        return result
    }

    private func resolveFunction(_ function: String, sourceURL: String) throws -> JSObjectRef {
        if let cached = functionCache[function] { return cached }
        let isPath = !function.isEmpty && function.allSatisfy { $0.isLetter || $0.isNumber || $0 == "_" || $0 == "$" || $0 == "." }
        let value = try evaluateValue(isPath ? function : "(" + function + "\n)", sourceURL: sourceURL)
        guard let value, JSValueIsObject(context, value), let object = JSValueToObject(context, value, nil),
              JSObjectIsFunction(context, object)
        else {
            throw ScriptError(kind: .engine, message: "'\(function.prefix(60))' is not a function", sourceURL: sourceURL)
        }
        if functionCache.count >= Self.functionCacheLimit { clearCache() }
        JSValueProtect(context, object)
        functionCache[function] = object
        return object
    }

    func json(of value: JSValueRef?) throws -> String? {
        guard let value, !JSValueIsUndefined(context, value) else { return nil }
        var exception: JSValueRef? = nil
        guard let text = JSValueCreateJSONString(context, value, 0, &exception) else {
            if let exception { throw makeError(exception, sourceURL: nil) }
            return nil
        }
        defer { JSStringRelease(text) }
        return text.swiftString
    }

    func string(of value: JSValueRef?) throws -> String {
        guard let value else { return "undefined" }
        var exception: JSValueRef? = nil
        guard let text = JSValueToStringCopy(context, value, &exception) else {
            if let exception { throw makeError(exception, sourceURL: nil) }
            return ""
        }
        defer { JSStringRelease(text) }
        return text.swiftString
    }
}
